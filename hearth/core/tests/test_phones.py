"""Tap-to-call links for numbers written the way people write them."""

import pytest
from django.template import Context, Template

from hearth.core.templatetags.phones import tel_href, tel_links


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("+1 509 555 0100", "tel:+15095550100"),
        ("1-800-799-7233", "tel:18007997233"),
        ("(509) 555-0142", "tel:5095550142"),
        ("988", "tel:988"),
    ],
)
def test_tel_href_keeps_the_digits_and_a_leading_plus(number, href):
    assert tel_href(number) == href


def test_tel_links_links_every_number_in_a_sentence():
    text = "In danger or crisis? Call 911, or call or text 988. Hotline: 1-800-799-7233."
    assert tel_links(text) == (
        'In danger or crisis? Call <a href="tel:911">911</a>, or call or text '
        '<a href="tel:988">988</a>. Hotline: <a href="tel:18007997233">1-800-799-7233</a>.'
    )


@pytest.mark.parametrize(
    "text",
    ["Text START to 88788", "Booked on 2027-03-15 (ref 9885-9111)", "Room 4988 or x911b"],
)
def test_tel_links_leaves_other_digits_alone(text):
    assert tel_links(text) == text


def test_tel_links_escapes_the_text_around_the_numbers():
    rendered = Template("{% load phones %}{{ line|tel_links }}").render(
        Context({"line": "<b>Call</b> 988 & wait"})
    )
    assert rendered == '&lt;b&gt;Call&lt;/b&gt; <a href="tel:988">988</a> &amp; wait'
