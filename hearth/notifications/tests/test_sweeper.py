import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import default_task_backend

from hearth.notifications import planning, sweeper
from hearth.notifications.actions import plan_message, queue_email
from hearth.notifications.models import OutboxMessage, PlannedMessage, PlannedStatus
from hearth.notifications.tasks import start_sweeper, sweep, sweep_once

T0 = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_kick_starts_one_chain_until_it_stops_beating(settings):
    settings.HEARTH_SWEEP_SECONDS = 60
    first = sweeper.kick(now=T0)
    assert first is not None
    assert sweeper.kick(now=T0 + dt.timedelta(minutes=2, seconds=59)) is None
    assert sweeper.beat(chain=first, now=T0 + dt.timedelta(minutes=2)) is True
    assert sweeper.kick(now=T0 + dt.timedelta(minutes=4, seconds=59)) is None
    second = sweeper.kick(now=T0 + dt.timedelta(minutes=5))  # silent for 3 intervals
    assert second not in (None, first)
    assert sweeper.beat(chain=first, now=T0 + dt.timedelta(minutes=6)) is False  # superseded
    assert sweeper.beat(chain=second, now=T0 + dt.timedelta(minutes=6)) is True


@pytest.mark.django_db
def test_a_superseded_chain_does_no_work(mailoutbox):
    queue_email(to="a@example.org", subject="s", text="t", kind="test", now=T0)
    with time_machine.travel(T0, tick=False):
        assert sweep.call("not-the-live-chain") == {"superseded": True}
        assert mailoutbox == []
        chain = start_sweeper()  # the immediate backend runs the first sweep at once
        assert chain is not None
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_sweep_the_database_cannot_answer_still_plans_the_next_run(settings):
    # As in a database outage: without its next run the chain would end until a worker
    # restart, and retries would wait for it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.HEARTH_SWEEP_SECONDS = 60
    chain = sweeper.kick(now=timezone.now())
    before = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE notifications_sweeperstate RENAME TO sweeper_away")
    try:
        with pytest.raises(DatabaseError):
            sweep.call(chain)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE sweeper_away RENAME TO notifications_sweeperstate")
    (next_run,) = default_task_backend.results
    assert next_run.args == [chain]
    assert next_run.task.run_after >= before + dt.timedelta(seconds=60)


@pytest.mark.django_db
def test_planned_message_is_decided_when_due_by_its_builder(mailoutbox):
    decided = []

    @planning.register("test.reminder")
    def build(planned, now):
        decided.append((planned.related_id, now))
        if planned.related_id == 2:
            return 0  # nothing needed any more (cancelled, moved)
        queue_email(
            to="a@example.org",
            subject="Reminder",
            text="t",
            kind="test.reminder",
            now=now,
            related=(planned.related_type, planned.related_id),
        )
        return 1

    for related_id in (1, 2):
        plan_message(
            kind="test.reminder",
            related=("test.thing", related_id),
            planned_for=T0 + dt.timedelta(days=1),
            due_at=T0,
        )
    assert planning.decide_due(now=T0 - dt.timedelta(seconds=1)) == (0, 0)
    with time_machine.travel(T0, tick=False):
        assert sweep_once() == {"planned_queued": 1, "planned_skipped": 1, "sent": 1, "failed": 0}
        assert sweep_once() == {"planned_queued": 0, "planned_skipped": 0, "sent": 0, "failed": 0}
    assert decided == [(1, T0), (2, T0)]
    assert dict(PlannedMessage.objects.values_list("related_id", "status")) == {
        1: PlannedStatus.QUEUED,
        2: PlannedStatus.SKIPPED,
    }
    assert list(OutboxMessage.objects.values_list("related_type", "related_id")) == [
        ("test.thing", 1)
    ]
    assert [m.subject for m in mailoutbox] == ["Reminder"]
