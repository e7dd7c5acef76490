"""CSV cells a spreadsheet opens as text, never as a formula."""

# A spreadsheet runs a cell starting with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: str) -> str:
    """The value, with a leading apostrophe when a spreadsheet would read it as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def formula_safe_row(values: list[object]) -> list[str]:
    """Every cell of a row as formula-safe text."""
    return [formula_safe(str(value)) for value in values]
