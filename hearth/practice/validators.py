"""Field validators for practice data, with messages a practitioner understands."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from hearth.core.jurisdictions import JURISDICTIONS, US_CODES
from hearth.core.zones import known_time_zones

from .windows import WindowError, parse_line


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            '"%(value)s" is not a time zone we know; use a name like America/Los_Angeles.',
            code="invalid_time_zone",
            params={"value": value},
        )


def validate_jurisdiction(value: str) -> None:
    if value not in US_CODES:
        raise ValidationError(
            '"%(value)s" is not a US state, DC or territory code (for example WA or ID).',
            code="invalid_jurisdiction",
            params={"value": value},
        )


def parse_code_list(text: str) -> list[str]:
    """Read "WA, ID" into ["WA", "ID"]; raise ValidationError naming any unknown code."""
    codes = [part.strip().upper() for part in text.replace(";", ",").split(",") if part.strip()]
    unknown = [code for code in codes if code not in JURISDICTIONS]
    if unknown:
        raise ValidationError(
            "Not US state, DC or territory codes: %(codes)s.",
            code="invalid_jurisdiction",
            params={"codes": ", ".join(unknown)},
        )
    return list(dict.fromkeys(codes))


def validate_code_list(text: str) -> None:
    parse_code_list(text)


def validate_window_line(text: str) -> None:
    try:
        parse_line(text)
    except WindowError as error:
        raise ValidationError(str(error), code="invalid_window") from error


def validate_video_link_template(value: str) -> None:
    """An https address with exactly one {room} and no other braces."""
    if not value:
        return
    if not value.startswith("https://") or value.count("{room}") != 1:
        raise ValidationError(
            "Use an https:// address with {room} where the room name goes, "
            "e.g. https://meet.example.org/{room}."
        )
    if value.replace("{room}", "").count("{") or value.replace("{room}", "").count("}"):
        raise ValidationError("Only {room} may appear in braces.")


_calendar_url = URLValidator(schemes=["https", "http", "webcal"])


def validate_calendar_url(value: str) -> None:
    """An ICS address: https:// (or http://, or webcal:// as Apple Calendar gives them)."""
    try:
        _calendar_url(value)
    except ValidationError:
        raise ValidationError(
            '"%(value)s" is not a calendar address; it should start with https:// '
            "(or webcal://) and point to an .ics file.",
            code="invalid_calendar_url",
            params={"value": value},
        ) from None
