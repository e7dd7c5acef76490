"""A document's plain text on the page: paragraphs, headings and lists, everything escaped."""

from hearth.intake.templatetags.intake_text import document_text


def test_paragraphs_headings_and_lists():
    body = "Intro line one\nline two\n\n# Your rights\nYou may stop.\n- first\n- second\nAfter."

    assert document_text(body, 4) == (
        "<p>Intro line one<br>line two</p>\n"
        "<h4>Your rights</h4>\n"
        "<p>You may stop.</p>\n"
        "<ul><li>first</li><li>second</li></ul>\n"
        "<p>After.</p>"
    )


def test_everything_typed_is_escaped():
    assert document_text('# <b>Fees</b>\n- <script>x</script>\n"A & B"', 3) == (
        "<h3>&lt;b&gt;Fees&lt;/b&gt;</h3>\n"
        "<ul><li>&lt;script&gt;x&lt;/script&gt;</li></ul>\n"
        "<p>&quot;A &amp; B&quot;</p>"
    )
