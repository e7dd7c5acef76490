"""`setup_install` (run by `make run`) starts the background refresh of busy calendars."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from hearth.calendars.models import RefreshPlan

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_setup_install_plans_the_refresh_once(
    tmp_path, capsys, django_capture_on_commit_callbacks
):
    with override_settings(TASKS=QUEUED, VAR_DIR=tmp_path):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("setup_install")
        with django_capture_on_commit_callbacks(execute=True):
            call_command("setup_install")
        ours = [r for r in default_task_backend.results if r.task.name == "refresh_busy_calendars"]
        assert len(ours) == 1
    output = capsys.readouterr().out
    assert output.count("Busy calendars: the background refresh is planned.") == 1
    assert RefreshPlan.objects.get().next_run_at is not None


def test_setup_install_on_the_immediate_backend_points_to_cron(tmp_path, capsys):
    with override_settings(VAR_DIR=tmp_path):
        call_command("setup_install")
    assert (
        "Busy calendars are refreshed by the worker (`manage.py hearth_worker`, which "
        "`make run` starts), or by `manage.py refresh_calendars` from cron."
    ) in capsys.readouterr().out
    assert RefreshPlan.objects.count() == 0
