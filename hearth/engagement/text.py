"""Comment text: cleaning what readers type, and plain text to sanitised paragraphs and links."""

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {"p", "br", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "nofollow ugc noopener noreferrer"
URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]}'\""


class UnreadableText(ValueError):
    """Text that cannot be taken as a comment (binary data, NUL characters)."""


def clean_text(text: str, *, multiline: bool) -> str:
    """Normalise what a reader typed; raise UnreadableText for binary or NUL input.

    Line ends become \\n, other control and format characters (bidi overrides,
    zero-width joiners used to hide text) are dropped, runs of blank lines shrink
    to one, and outer whitespace goes.
    """
    if "\x00" in text:
        raise UnreadableText("NUL character")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in "\n\t")
    if controls > 3 or "\ufffd" in text:
        raise UnreadableText("binary data")
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\n\t":
            kept.append(" ")
        elif category in {"Cc", "Cf", "Cs", "Co", "Cn"} or (
            category.startswith("Z") and char != " "
        ):
            kept.append(" " if category.startswith("Z") else "")
        else:
            kept.append(char)
    text = "".join(kept)
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def count_links(text: str) -> int:
    return len(URL.findall(text))


def _linked(line: str) -> str:
    """Escape a line of text and turn its web addresses into links."""
    out, position = [], 0
    for match in URL.finditer(line):
        address = match.group(0).rstrip(TRAILING_PUNCTUATION)
        start, end = match.start(), match.start() + len(address)
        href = address if "://" in address else f"http://{address}"
        out.append(html.escape(line[position:start]))
        out.append(f'<a href="{html.escape(href)}">{html.escape(address)}</a>')
        position = end
    out.append(html.escape(line[position:]))
    return "".join(out)


def render_comment(text: str) -> str:
    """Cleaned plain text -> <p> paragraphs with <br> line breaks and links, through nh3."""
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    markup = "".join(
        "<p>" + "<br>".join(_linked(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return sanitise(markup)


def sanitise(markup: str) -> str:
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
