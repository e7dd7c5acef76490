"""The README tells an operator how to install for real and what is protected, and how."""

from pathlib import Path

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def section(title: str) -> str:
    return README.split(f"\n## {title}", 1)[1].split("\n## ", 1)[0]


def test_the_security_section_covers_each_protection():
    text = section("Security and privacy: what is protected, and how")
    for topic in (
        "second factor",
        "lock the account",
        "30 minutes",
        "Content-Security-Policy",
        "HEARTH_RATE_LIMIT_PER_IP",
        "manage.py\n  client_export EMAIL",
        "manage.py\n  client_erase EMAIL",
        "The worker runs the retention once a day",
        "Anonymise past bookings after (days)",
        "`SECRET_KEY` signs manage links",
        "checked against its hash",
    ):
        assert topic in text, topic


def test_running_it_for_real_uses_the_production_set_up_and_lock():
    text = section("Running it for real")
    assert "make install-production" in text
    assert "setup_install --production" in text
    assert "**without a password**" in text
    assert "HEARTH_ALLOW_CONSOLE_EMAIL=1" in text
