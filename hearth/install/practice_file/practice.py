"""The practice file's `[practice]` table: read, written, taken from and stored to the row."""

from dataclasses import dataclass
from typing import Any

from hearth.practice.models import Practice

from .base import Reader, full_clean_or_refuse, read_zone, toml_string

KEYS = ("name", "timezone", "email", "phone", "address", "video_link_template")


@dataclass
class PracticeEntry:
    name: str
    timezone: str
    email: str = ""
    phone: str = ""
    address: str = ""
    video_link_template: str = ""


def read_practice(table: Any, messages: list[str]) -> PracticeEntry:
    reader = Reader(table, "[practice]", messages)
    reader.reject_unknown(set(KEYS))
    return PracticeEntry(
        name=reader.text("name") or "",
        timezone=read_zone(reader),
        email=reader.text("email", "") or "",
        phone=reader.text("phone", "") or "",
        address=reader.text("address", "") or "",
        video_link_template=reader.text("video_link_template", "") or "",
    )


def practice_lines(entry: PracticeEntry) -> list[str]:
    return [f"{key} = {toml_string(getattr(entry, key))}" for key in KEYS]


def practice_entry(practice: Practice) -> PracticeEntry:
    return PracticeEntry(**{key: getattr(practice, key) for key in KEYS})


def store_practice(entry: PracticeEntry) -> tuple[PracticeEntry, PracticeEntry]:
    """Update the practice (inside the caller's transaction); the entry before and after."""
    practice = Practice.load()
    before = practice_entry(practice)
    for key in KEYS:
        setattr(practice, key, getattr(entry, key))
    full_clean_or_refuse(practice, "[practice]")
    practice.save()
    return before, practice_entry(practice)
