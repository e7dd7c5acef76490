"""Comment text: cleaning, paragraphs, autolinks and nh3."""

import pytest

from hearth.engagement.text import UnreadableText, clean_text, count_links, render_comment


def test_paragraphs_line_breaks_and_links():
    text = clean_text(
        "Hello  there\r\nfriend\r\n\r\n\r\nSee www.example.org, or https://a.example/x?y=1&z=2).",
        multiline=True,
    )
    assert text == "Hello there\nfriend\n\nSee www.example.org, or https://a.example/x?y=1&z=2)."
    assert render_comment(text) == (
        "<p>Hello there<br>friend</p>"
        '<p>See <a href="http://www.example.org" rel="nofollow ugc noopener noreferrer">'
        "www.example.org</a>, or "
        '<a href="https://a.example/x?y=1&amp;z=2" rel="nofollow ugc noopener noreferrer">'
        "https://a.example/x?y=1&amp;z=2</a>).</p>"
    )
    assert count_links(text) == 2


def test_markup_is_shown_as_text():
    html = render_comment('<script>alert("x")</script> <b>bold</b> <a href="javascript:x">y</a>')
    assert html == (
        '<p>&lt;script&gt;alert("x")&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; '
        '&lt;a href="javascript:x"&gt;y&lt;/a&gt;</p>'
    )


def test_hidden_characters_are_dropped():
    assert clean_text("a\u202eb\u200bc\u00a0d\te", multiline=False) == "abc d e"
    assert clean_text("one\ntwo", multiline=False) == "one two"


@pytest.mark.parametrize("text", ["a\x00b", "\x01\x02\x03\x04", "bad \ufffd bytes"])
def test_binary_and_nul_are_unreadable(text):
    with pytest.raises(UnreadableText):
        clean_text(text, multiline=True)
