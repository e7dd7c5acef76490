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
