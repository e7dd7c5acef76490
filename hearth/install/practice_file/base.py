"""What every section of the practice file shares: the checked reader, the value parsers
used by more than one section, the TOML writers and the one error type."""

import json
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

HEADER = (
    "# Hearth practice file (fictional people only in the demo). "
    "Load: manage.py load_practice FILE"
)
SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
CURRENCY = re.compile(r"^[A-Z]{3}$")


class PracticeFileError(Exception):
    """The file cannot be loaded; `messages` says where and why, one line each."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


# --- reading --------------------------------------------------------------------------


class Reader:
    """Checks one table's keys and types, collecting readable messages instead of failing."""

    def __init__(self, table: Any, where: str, messages: list[str]) -> None:
        self.where = where
        self.messages = messages
        self.table: dict[str, Any] = table if isinstance(table, dict) else {}
        if not isinstance(table, dict):
            self.error("must be a table of keys and values")

    def error(self, text: str) -> None:
        self.messages.append(f"{self.where}: {text}")

    def reject_unknown(self, known: set[str]) -> None:
        for key in sorted(set(self.table) - known):
            self.error(f'unknown key "{key}" (known keys: {", ".join(sorted(known))})')

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, label: str = ""):
        if key not in self.table:
            if default is ...:
                self.error(f'"{key}" is required')
            return None if default is ... else default
        value = self.table[key]
        # TOML booleans are ints in Python; never accept one as a number.
        if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
            value = None
        if not isinstance(value, kind):
            self.error(f'"{key}" must be {label or type_description(kind)}')
            return None
        return value

    def text(self, key: str, default: Any = ...) -> Any:
        return self.get(key, str, default)

    def count(self, key: str, default: Any = ..., *, minimum: int = 0) -> Any:
        value = self.get(key, int, default, label="a whole number")
        if isinstance(value, int) and value < minimum:
            self.error(f'"{key}" must be at least {minimum} (got {value})')
        return value


def type_description(kind: type | tuple[type, ...]) -> str:
    names = {str: "text in quotes", int: "a whole number", list: "a list", dict: "a table"}
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def entry_name(table: Any, where: str) -> str:
    """`services[2] "talk"` when the entry has a readable slug, else `services[2]`."""
    slug = table.get("slug") if isinstance(table, dict) else None
    return f'{where} "{slug}"' if isinstance(slug, str) else where


def read_slug(reader: Reader) -> str:
    slug = reader.text("slug") or ""
    if slug and not SLUG.match(slug):
        reader.error(f'"{slug}" is not a valid slug (letters, digits, - and _ only)')
    return slug


def read_zone(reader: Reader) -> str:
    from hearth.practice.validators import known_time_zones

    zone = reader.text("timezone")
    if zone is not None and zone not in known_time_zones():
        reader.error(f'"{zone}" is not a time zone we know; use a name like America/Los_Angeles')
    return zone or ""


def read_currency(reader: Reader) -> str:
    currency = reader.text("currency", "USD") or "USD"
    if not CURRENCY.match(currency):
        reader.error(f'"currency" must be a three-letter code such as USD (got "{currency}")')
    return currency


# --- writing ----------------------------------------------------------------------------


def toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value, ensure_ascii=False)


def inline_table(pairs: list[tuple[str, str]]) -> str:
    return "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }" if pairs else "{}"


# --- storing ----------------------------------------------------------------------------


def validation_messages(error: ValidationError, where: str) -> list[str]:
    """One line per problem, naming the entry and (unless it is about the whole) the field."""
    return [
        f"{where}: {name}: {message}" if name != "__all__" else f"{where}: {message}"
        for name, problems in error.message_dict.items()
        for message in problems
    ]


def full_clean_or_refuse(
    instance: models.Model, where: str, exclude: list[str] | None = None
) -> None:
    """Model validation (constraints included); raises PracticeFileError naming the entry."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as error:
        raise PracticeFileError(validation_messages(error, where)) from error
