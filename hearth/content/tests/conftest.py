"""A demo install (practice data and page tree) for the public-site tests."""

from pathlib import Path

import pytest
from django.conf import settings

from hearth.install.setup import set_up_install


@pytest.fixture
def demo_site(db, tmp_path):
    return set_up_install(
        demo_file=Path(settings.HEARTH_DEMO_PRACTICE_FILE), login_file=tmp_path / "login.txt"
    )


@pytest.fixture
def site_url(settings):
    """Absolute links must come from HEARTH_SITE_URL, never the request's host (testserver)."""
    settings.HEARTH_SITE_URL = "https://practice.example.org"
    return settings.HEARTH_SITE_URL
