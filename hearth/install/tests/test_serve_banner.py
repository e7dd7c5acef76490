"""`manage.py serve` says where the site answers and where its links point."""

from hearth.install.management.commands.serve import banner


def test_banner_names_the_address_and_the_links():
    assert banner("127.0.0.1:8765", "http://127.0.0.1:8765") == [
        "Hearth is running at http://127.0.0.1:8765/ (Ctrl-C stops it).",
        "Links in emails, calendar files and feeds use http://127.0.0.1:8765/.",
    ]


def test_banner_warns_when_local_links_point_at_another_port():
    lines = banner("127.0.0.1:8765", "http://127.0.0.1:8000")
    assert lines[1] == (
        "Warning: HEARTH_SITE_URL is http://127.0.0.1:8000, not http://127.0.0.1:8765: links "
        "in emails, calendar files and feeds will point there. Unset it, or set it to this "
        "address."
    )


def test_banner_accepts_a_public_address_behind_a_proxy():
    assert banner("8001", "https://practice.example.org")[1] == (
        "Links in emails, calendar files and feeds use https://practice.example.org/."
    )
