"""The refresh task plans its own next run, and starting the schedule twice never piles runs."""

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from hearth.calendars.models import BusyBlock, CalendarCopy, RefreshPlan
from hearth.calendars.tasks import plan_refresh, refresh_busy_calendars, start_refresh_schedule

from . import files
from .conftest import NOW

pytestmark = pytest.mark.django_db(transaction=True)

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
FIFTEEN = dt.timedelta(minutes=15)


def queued() -> list[tuple[dt.datetime | None, str]]:
    return [(r.task.run_after, r.kwargs["planned_for"]) for r in default_task_backend.results]


def run(result) -> dict:
    return result.task.call(*result.args, **result.kwargs)


@override_settings(TASKS=QUEUED)
def test_starting_twice_queues_one_run_and_each_run_plans_the_next(add_calendar):
    calendar = add_calendar("/a.ics", files.SIMPLE)
    with time_machine.travel(NOW, tick=False):
        assert start_refresh_schedule(now=NOW) is True
        assert start_refresh_schedule(now=NOW) is False
        assert queued() == [(None, NOW.isoformat())]
        assert run(default_task_backend.results[0]) == {"refreshed": 1, "failed": 0}
    assert BusyBlock.objects.filter(calendar=calendar).count() == 1
    assert queued()[1] == (NOW + FIFTEEN, (NOW + FIFTEEN).isoformat())
    assert RefreshPlan.objects.get().next_run_at == NOW + FIFTEEN
    # The worker restarts meanwhile: nothing more is queued.
    with time_machine.travel(NOW + dt.timedelta(minutes=5), tick=False):
        assert start_refresh_schedule(now=NOW + dt.timedelta(minutes=5)) is False
    assert len(queued()) == 2


@override_settings(TASKS=QUEUED)
def test_a_duplicate_run_does_nothing_and_plans_nothing(add_calendar):
    add_calendar("/a.ics", files.SIMPLE)
    plan_refresh(run_at=NOW, now=NOW)
    stray = refresh_busy_calendars.using(run_after=NOW).enqueue(
        planned_for="2027-02-01T00:00:00+00:00"
    )
    assert run(stray) == {"skipped": True}
    assert (CalendarCopy.objects.count(), len(queued())) == (0, 2)


@override_settings(TASKS=QUEUED)
def test_an_overdue_plan_is_replaced_on_the_next_start():
    plan_refresh(run_at=NOW, now=NOW)
    # The worker was down for a day: the queued run never happened.
    later = NOW + dt.timedelta(days=1)
    assert start_refresh_schedule(now=later) is True
    assert RefreshPlan.objects.get().next_run_at == later
    # The old run, if it ever comes, steps aside.
    assert run(default_task_backend.results[0]) == {"skipped": True}


@override_settings(TASKS=QUEUED)
def test_a_failing_refresh_still_plans_the_next_run(add_calendar):
    add_calendar("/missing.ics")
    with time_machine.travel(NOW, tick=False):
        start_refresh_schedule(now=NOW)
        assert run(default_task_backend.results[0]) == {"refreshed": 1, "failed": 1}
    assert queued()[1][0] == NOW + FIFTEEN


@override_settings(HEARTH_CALENDAR_REFRESH_MINUTES=60, TASKS=QUEUED)
def test_the_interval_is_a_setting():
    with time_machine.travel(NOW, tick=False):
        start_refresh_schedule(now=NOW)
        run(default_task_backend.results[0])
    assert queued()[1][0] == NOW + dt.timedelta(hours=1)


def test_the_immediate_backend_plans_nothing_and_the_command_says_to_use_cron(capsys):
    assert start_refresh_schedule(now=NOW) is False
    assert RefreshPlan.objects.count() == 0
    call_command("refresh_calendars", "--start-schedule")
    assert "run `manage.py refresh_calendars` from cron" in capsys.readouterr().err


@override_settings(TASKS=QUEUED)
def test_the_command_starts_the_schedule_once(capsys):
    call_command("refresh_calendars", "--start-schedule")
    call_command("refresh_calendars", "--start-schedule")
    assert capsys.readouterr().out.splitlines() == [
        "Busy calendars: refresh planned.",
        "Busy calendars: a refresh is already planned; nothing to do.",
    ]
    assert len(queued()) == 1


def test_the_command_refreshes_every_calendar_now_without_showing_secret_addresses(
    add_calendar, ics_server, capsys
):
    add_calendar("/secret-token-abc.ics", files.SIMPLE)
    add_calendar("/gone-secret.ics")
    with time_machine.travel(NOW, tick=False):
        call_command("refresh_calendars")
    host = ics_server.base.split("://")[1]
    assert sorted(capsys.readouterr().out.splitlines()) == [
        f"FAILED  sam: {host}/…: The calendar's server answered 404 Not Found; check that the address is still valid.",
        f"ok      sam: {host}/… (busy times: 1)",
    ]
