"""Where a service or workshop is offered, as the file writes it: "US", "licensed" or a list
of codes. One reader and one writer for services and workshops alike; the rows map the value
to their policy themselves (`OfferedInLocations.locations`)."""

from hearth.core.jurisdictions import US_CODES

from .base import Reader, toml_string

FileLocations = str | list[str]  # "US", "licensed" or a list of codes


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
