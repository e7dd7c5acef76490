"""The whole practice file: its TOML text read into entries section by section, and entries
written back in a fixed order (practice, then practitioners, services and workshops by slug).

Knows nothing of rows; `load.load_practice` stores entries and `dump.practice_document`
reads them back.
"""

import tomllib
from dataclasses import dataclass, field
from typing import Any

from .base import HEADER, PracticeFileError, Reader
from .practice import PracticeEntry, practice_lines, read_practice
from .practitioners import PractitionerEntry, practitioner_lines, read_practitioner
from .services import ServiceEntry, read_service, service_lines
from .workshops import WorkshopEntry, read_workshop, workshop_lines

SECTIONS = ("practice", "practitioners", "services", "workshops")


@dataclass
class PracticeFile:
    practice: PracticeEntry | None
    practitioners: list[PractitionerEntry]
    services: list[ServiceEntry]
    workshops: list[WorkshopEntry] = field(default_factory=list)


def parse_practice_file(text: str) -> PracticeFile:
    """Read the TOML text; raise PracticeFileError listing every problem found."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PracticeFileError([f"The file is not valid TOML: {error}."]) from error
    messages: list[str] = []
    Reader(document, "file", messages).reject_unknown(set(SECTIONS))
    practice = read_practice(document["practice"], messages) if "practice" in document else None
    practitioners = [
        read_practitioner(entry, f"practitioners[{index}]", messages)
        for index, entry in enumerate(_list_of_tables(document, "practitioners", messages))
    ]
    services = [
        read_service(entry, f"services[{index}]", messages)
        for index, entry in enumerate(_list_of_tables(document, "services", messages))
    ]
    workshops = [
        read_workshop(entry, f"workshops[{index}]", messages)
        for index, entry in enumerate(_list_of_tables(document, "workshops", messages))
    ]
    _check_unique([p.slug for p in practitioners], "practitioners", messages)
    _check_unique([s.slug for s in services], "services", messages)
    _check_unique([w.slug for w in workshops], "workshops", messages)
    if messages:
        raise PracticeFileError(messages)
    return PracticeFile(practice, practitioners, services, workshops)


def _list_of_tables(document: dict, key: str, messages: list[str]) -> list[Any]:
    value = document.get(key, [])
    if not isinstance(value, list):
        messages.append(f'file: "{key}" must be a list of [[{key}]] entries')
        return []
    return value


def _check_unique(slugs: list[str], what: str, messages: list[str]) -> None:
    seen: set[str] = set()
    for slug in slugs:
        if slug in seen:
            messages.append(f'{what}: the slug "{slug}" appears more than once')
        seen.add(slug)


def write_practice_file(document: PracticeFile) -> str:
    """The file in a fixed order: practice, then practitioners, services and workshops by
    slug, keys in a fixed order, defaults written out."""
    lines = [HEADER, ""]
    if document.practice:
        lines += ["[practice]", *practice_lines(document.practice), ""]
    for entry in sorted(document.practitioners, key=lambda p: p.slug):
        lines += ["[[practitioners]]", *practitioner_lines(entry), ""]
    for service in sorted(document.services, key=lambda s: s.slug):
        lines += ["[[services]]", *service_lines(service), ""]
    for workshop in sorted(document.workshops, key=lambda w: w.slug):
        lines += ["[[workshops]]", *workshop_lines(workshop), ""]
    return "\n".join(lines)
