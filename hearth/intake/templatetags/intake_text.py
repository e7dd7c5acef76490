"""A document's plain text as HTML: a blank line starts a paragraph, "# " starts a heading,
"- " a list item; every character the practitioner typed is escaped."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _block(lines: list[str], heading_level: int) -> list[str]:
    parts: list[str] = []
    text: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if text:
            parts.append("<p>" + "<br>".join(escape(line) for line in text) + "</p>")
            text.clear()
        if items:
            parts.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")
            items.clear()

    for line in lines:
        if line.startswith("# "):
            flush()
            parts.append(format_html("<h{0}>{1}</h{0}>", heading_level, line[2:].strip()))
        elif line.startswith("- "):
            if text:
                flush()
            items.append(line[2:].strip())
        else:
            if items:
                flush()
            text.append(line)
    flush()
    return parts


@register.filter
def document_text(body: str, heading_level: int = 3) -> SafeString:
    """`{{ version.body|document_text:4 }}`: headings at <h4>, for a document under an <h3>."""
    level = min(max(int(heading_level), 2), 6)
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    html = [part for block in blocks if block for part in _block(block, level)]
    # Safe: every piece was escaped as it was built.
    return mark_safe("\n".join(html))
