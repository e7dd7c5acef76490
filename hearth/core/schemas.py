"""Shapes and checks of the JSON API shared by bookings and workshops: NUL-free text, the
error answer, the contact permissions, and the checks of a client's contact fields."""

from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator

from .errors import Invalid
from .jurisdictions import US_CODES
from .text import clean_line
from .zones import known_time_zones


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL, and no honest client sends one.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


class ErrorOut(Schema):
    code: str
    detail: str | list[dict]


class ContactOk(Schema):
    email: bool = True
    text: bool = False
    voicemail: bool = False


def check_contact(*, name: str, email: str, timezone: str, consent: bool, to: str) -> None:
    """Raise Invalid unless the client agreed to the privacy notice (`to` says for what:
    "book", "register") and gave a name, an email address and a known time zone."""
    if not consent:
        raise Invalid(f"Please agree to the privacy notice to {to}.")
    if not clean_line(name):
        raise Invalid("Please give a name (a first name is fine).")
    try:
        validate_email(email)
    except ValidationError:
        raise Invalid("Please give an email address we can write to.") from None
    if timezone not in known_time_zones():
        raise Invalid("timezone must be a name such as America/Los_Angeles.")


def location_code(value: str | None, *, required: bool) -> str:
    """The US jurisdiction code the client gave, upper-cased ("" when optional and absent);
    Invalid for anything else."""
    location = (value or "").strip().upper()
    if (location or required) and location not in US_CODES:
        raise Invalid("location must be a US state, DC or territory code.")
    return location
