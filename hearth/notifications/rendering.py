"""Email rendering from templates, and the words no message may carry (DESIGN "What a
message may say")."""

import re
from dataclasses import dataclass

from django.template.exceptions import TemplateDoesNotExist
from django.template.loader import render_to_string

# A shared inbox or calendar must never reveal why someone sees a counselor.
FORBIDDEN_WORDS = (
    "therapy",
    "therapist",
    "counseling",
    "counselling",
    "clinical",
    "mental",
    "psychological",
    "abuse",
    "crisis",
    "suicide",
    "diagnosis",
    "treatment",
)
_FORBIDDEN = re.compile("|".join(FORBIDDEN_WORDS), re.IGNORECASE)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def render_email(template: str, context: dict) -> RenderedEmail:
    """Render `<template>.subject.txt`, `<template>.txt` and (if present) `<template>.html`."""
    subject = " ".join(render_to_string(f"{template}.subject.txt", context).split())
    text = render_to_string(f"{template}.txt", context).strip() + "\n"
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:
        html = ""
    return RenderedEmail(subject=subject, text=text, html=html)


def forbidden_words_in(text: str) -> list[str]:
    """The forbidden words found in `text` (also inside longer words: "counselor" is fine,
    "counseling" is not)."""
    return sorted({match.group(0).lower() for match in _FORBIDDEN.finditer(text)})
