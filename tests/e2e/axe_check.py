"""axe-core (pinned through axe-playwright-python) run on the page a browser test has open."""

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


def violations(page) -> list[str]:
    """Every axe violation on the page, whatever its impact, as readable one-liners."""
    page.wait_for_load_state("load")
    found = _axe.run(page).response["violations"]
    return [
        f"{page.url}: {rule['id']} ({rule['impact']}) at {node['target']}: {rule['help']}"
        for rule in found
        for node in rule["nodes"]
    ]
