"""Text from clients, cleaned on the way in: no control or bidirectional-override characters."""

import unicodedata

# Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they can
# make a name read differently on screen, in an email or in the admin than it is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_line(value: str) -> str:
    """One line of text (a name): without control characters (Unicode category Cc, line
    breaks and tabs included) or bidirectional controls, and without outer spaces."""
    return "".join(
        character
        for character in value
        if unicodedata.category(character) != "Cc" and character not in BIDI_CONTROLS
    ).strip()


def clean_lines(value: str) -> str:
    """Text of several lines (a message): line breaks kept as \n, every other control
    character and the bidirectional controls dropped, outer spaces removed."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(clean_line(line) if line.strip() else "" for line in lines).strip()
