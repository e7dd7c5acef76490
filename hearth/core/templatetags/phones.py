"""Tap-to-call links: `tel_href` for one number, `tel_links` for numbers inside a sentence."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# A North American number ("+1 509 555 0100", "1-800-799-7233", "(509) 555-0100") or one of
# the three-digit lines a visitor may need at once (911, 988). Digits inside longer runs
# (a date, a reference) are left alone.
NUMBER = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}(?!\w)"
    r"|(?<![\w+-])(?:911|988)(?![\w-])"
)


@register.filter
def tel_href(number: str) -> str:
    """The tel: address of a number as people write it: "+1 509 555 0100" -> "tel:+15095550100"."""
    text = str(number).strip()
    digits = re.sub(r"\D", "", text)
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"


@register.filter(needs_autoescape=True)
def tel_links(text: str, autoescape: bool = True) -> SafeString:
    """The text, escaped, with every phone number in it made a tap-to-call link."""
    escape = conditional_escape if autoescape else str
    parts: list[str] = []
    position = 0
    for match in NUMBER.finditer(str(text)):
        parts.append(escape(text[position : match.start()]))
        number = match.group(0)
        parts.append(format_html('<a href="{}">{}</a>', tel_href(number), number))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece was escaped above
