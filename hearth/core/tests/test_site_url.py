"""Absolute addresses are built from HEARTH_SITE_URL alone."""

import pytest

from hearth.core.site_url import absolute, site_url


@pytest.fixture(autouse=True)
def site(settings):
    settings.HEARTH_SITE_URL = "https://practice.example.org/"


def test_site_url_has_no_trailing_slash():
    assert site_url() == "https://practice.example.org"


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/blog/", "https://practice.example.org/blog/"),
        ("media/a.png", "https://practice.example.org/media/a.png"),
        ("https://cdn.example.net/a.png", "https://cdn.example.net/a.png"),
    ],
)
def test_absolute_joins_a_path_to_the_site_url(path, address):
    assert absolute(path) == address
