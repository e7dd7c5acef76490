"""`make screenshots`: the README's pictures of the demo, taken with Playwright and Chromium.

Sets up a fresh demo install in var/screenshots/, serves it, and saves the public pages (home,
a post, the blog, about, support resources), and the booking's day and time picker and details
form, at desktop and phone width into docs/screenshots/.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: docs/ is on the path, the project is not

from hearth.core.testing import fresh_demo_install, gunicorn_server  # noqa: E402

WORK_DIR = ROOT / "var" / "screenshots"
OUT_DIR = ROOT / "docs" / "screenshots"
PAGES = [
    ("home", "/"),
    ("post", "/blog/shame-and-the-courage-to-be-seen/"),
    ("blog", "/blog/"),
    ("about", "/about/"),
    ("resources", "/resources/"),
    ("book-times", "/book/free-consultation/?location=TX&tz=America/Chicago"),
]
SIZES = [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("Debian's chromium is needed: apt-get install chromium")
        return 1
    env = fresh_demo_install(WORK_DIR, settings_module="config.settings.dev")
    # DEBUG is on (dev settings), so gunicorn serves static and media files as runserver would.
    with gunicorn_server(
        env=env, workers=1, threads=4, ready_path="/", timeout_seconds=60
    ) as base:
        _shoot(chromium, base)
    return 0


def _shoot(chromium: str, base: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        for size_name, viewport in SIZES:
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            for page_name, path in PAGES:
                page.goto(base + path)
                target = OUT_DIR / f"{page_name}-{size_name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"wrote {target.relative_to(ROOT)}")
            # The details form: the first open time of the booking's picker, shown last.
            page.locator("a.time").first.click()
            target = OUT_DIR / f"book-details-{size_name}.png"
            page.screenshot(path=str(target), full_page=True)
            print(f"wrote {target.relative_to(ROOT)}")
            context.close()
        browser.close()


if __name__ == "__main__":
    sys.exit(main())
