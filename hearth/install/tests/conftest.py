"""Fixtures the install tests share with the apps they load into."""

from hearth.calendars.tests.conftest import ics_server, sam  # noqa: F401 (pytest fixtures)
