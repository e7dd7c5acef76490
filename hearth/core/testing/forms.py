"""Forms as a browser sends them: the values of a rendered form, for tests without mocks."""

from bs4 import BeautifulSoup


def form_fields(html: str, selector: str = "form[method=post]") -> dict[str, str | list[str]]:
    """The values a browser would submit for the first form matching `selector`."""
    form = BeautifulSoup(html, "html.parser").select_one(selector)
    if form is None:
        raise AssertionError(f"no form matches {selector!r}")
    data: dict[str, str | list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
            if field.has_attr("multiple"):
                data[name] = chosen
            else:
                first = field.select_one("option")
                data[name] = chosen[0] if chosen else (first.get("value", "") if first else "")
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") not in {"submit", "button", "file"}:
            data[name] = field.get("value", "")
    return data
