"""Where a service or workshop is offered, as the file writes it: "US", "licensed" or a list
of codes. One reader, one writer and one mapping to and from the rows' location policy,
used by services and workshops alike."""

from typing import Protocol

from hearth.core.jurisdictions import US_CODES
from hearth.practice.models import LocationPolicy

from .base import Reader, toml_string

FileLocations = str | list[str]  # "US", "licensed" or a list of codes


class HasLocationPolicy(Protocol):
    location_policy: str
    location_codes: str

    @property
    def listed_codes(self) -> list[str]: ...


def read_locations(reader: Reader) -> FileLocations:
    value = reader.table.get("locations", "US")
    if value in ("US", "licensed"):
        return value
    if isinstance(value, list) and value and all(isinstance(code, str) for code in value):
        unknown = [code for code in value if code not in US_CODES]
        if unknown:
            reader.error(f'"locations": not US state, DC or territory codes: {", ".join(unknown)}')
        return list(dict.fromkeys(value))
    reader.error('"locations" must be "US", "licensed" or a list of codes like ["WA", "ID"]')
    return "US"


def locations_line(locations: FileLocations) -> str:
    if isinstance(locations, str):
        return f"locations = {toml_string(locations)}"
    return "locations = [" + ", ".join(toml_string(code) for code in locations) + "]"


def file_locations(row: HasLocationPolicy) -> FileLocations:
    """The file's value for a stored service's or workshop's location policy."""
    if row.location_policy == LocationPolicy.LIST:
        return row.listed_codes
    return str(row.location_policy)


def apply_file_locations(row: HasLocationPolicy, locations: FileLocations) -> None:
    """Set a service's or workshop's location policy from the file's value (not saved)."""
    if isinstance(locations, list):
        row.location_policy = LocationPolicy.LIST
        row.location_codes = ", ".join(locations)
    else:
        row.location_policy, row.location_codes = locations, ""
