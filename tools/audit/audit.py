"""`make audit`: Lighthouse (mobile preset) on the home page, a post and the first booking step.

Sets up a fresh demo install in var/audit/ with the production settings (static files
collected and compressed, as a real install serves them; TLS left to the proxy, so off here),
serves it with gunicorn on a free port, runs Lighthouse 12.2.3 from tools/audit/node_modules
with Debian's Chromium, prints the four scores per page and exits non-zero below the targets.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project is not on the path

from hearth.core.testing import free_port, fresh_demo_install, wait_until_up  # noqa: E402

WORK_DIR = ROOT / "var" / "audit"
LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = [
    ("home", "/"),
    ("post", "/blog/shame-and-the-courage-to-be-seen/"),
    ("booking: services", "/book/"),
]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def main() -> int:
    chromium = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chromium).exists():
        print("Debian's chromium is needed: apt-get install chromium (or set CHROME_PATH)")
        return 1
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: cd tools/audit && npm ci")
        return 1
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Set here too: the migration step of fresh_demo_install reads this process's environment.
    os.environ.update(
        {
            "SECRET_KEY": secrets.token_urlsafe(64),
            "SECURE_SSL_REDIRECT": "0",
            "HEARTH_ALLOW_CONSOLE_EMAIL": "1",
            "HEARTH_SITE_URL": base,
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(WORK_DIR / "static"),
            "LOG_LEVEL": "WARNING",
        }
    )
    env = fresh_demo_install(WORK_DIR, settings_module="config.settings.production")
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)  # noqa: S603
    gunicorn = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2"]
    gunicorn += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env)  # noqa: S603
    try:
        wait_until_up(base + "/", timeout_seconds=60, process=server)
        results = [(name, audit(chromium, base + path)) for name, path in PAGES]
    finally:
        server.terminate()
        server.wait(timeout=30)
    return report(results)


def audit(chromium: str, url: str) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for `url`, mobile preset (its default)."""
    output = WORK_DIR / "lighthouse.json"
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json"]
    command += [f"--output-path={output}", f"--chrome-flags={CHROME_FLAGS}"]
    command += ["--only-categories=" + ",".join(TARGETS)]
    subprocess.run(command, env=os.environ | {"CHROME_PATH": chromium}, check=True)  # noqa: S603
    report_data = json.loads(output.read_text())
    failing = [
        audit["title"]
        for audit in report_data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    if failing:
        print(f"{url}: not passed: {'; '.join(failing)}")
    return {
        key: round(category["score"] * 100) for key, category in report_data["categories"].items()
    }


def report(results: list[tuple[str, dict[str, int]]]) -> int:
    names = list(TARGETS)
    print(f"\n{'page':<20}" + "".join(f"{name:>16}" for name in names))
    below = []
    for page, scores in results:
        print(f"{page:<20}" + "".join(f"{scores[name]:>16}" for name in names))
        below += [
            f"{page} {name} {scores[name]} < {TARGETS[name]}"
            for name in names
            if scores[name] < TARGETS[name]
        ]
    print(f"{'target':<20}" + "".join(f"{'>= ' + str(TARGETS[name]):>16}" for name in names))
    if below:
        print("\nBelow target: " + "; ".join(below))
        return 1
    print("\nAll pages meet the targets.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
