"""The retention run: what is past its use goes, old bookings are anonymised when the
practice asks for it, the worker runs it daily, and the privacy notice states the policy."""

import datetime as dt

import pytest
import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from hearth.bookings.tests.factories import BookingFactory
from hearth.core.models import IdempotencyKey, RateCounter
from hearth.notifications.models import OutboxMessage, OutboxStatus
from hearth.practice.models import Practice
from hearth.rights.actions import ERASED_NAME
from hearth.rights.models import RetentionPlan
from hearth.rights.retention import apply_retention
from hearth.rights.tasks import run_retention, start_retention_schedule

NOW = dt.datetime(2027, 6, 1, 12, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def outbox(status: str, **fields) -> OutboxMessage:
    return OutboxMessage.objects.create(
        message_id=f"<{status}-{OutboxMessage.objects.count()}@test>",
        kind="booking.confirmed",
        recipient="alex@example.org",
        subject="Your booking",
        text="Manage it at https://practice.example.org/book/manage/secret/",
        html="<p>Manage it</p>",
        attachments=[{"filename": "a.ics", "mimetype": "text/calendar", "content": "X"}],
        status=status,
        next_attempt_at=NOW,
        created_at=NOW - DAY,
        **fields,
    )


@pytest.mark.django_db
def test_retention_deletes_what_is_past_its_use_and_keeps_the_rest():
    RateCounter.objects.create(key="book-ip:old", window_start=NOW - 2 * DAY, hits=3)
    RateCounter.objects.create(key="book-email:today", window_start=NOW - dt.timedelta(hours=12))
    IdempotencyKey.objects.create(
        scope="booking", key="old", fingerprint="f", created_at=NOW - dt.timedelta(hours=49)
    )
    IdempotencyKey.objects.create(scope="booking", key="new", fingerprint="f", created_at=NOW)
    sent = outbox(OutboxStatus.SENT, sent_at=NOW - dt.timedelta(hours=2))
    pending = outbox(OutboxStatus.PENDING)
    views = caches["engagement"]
    with time_machine.travel(NOW - 2 * DAY, tick=False):
        views.set("seen:old-day:abc", 1, timeout=60 * 60)
    with time_machine.travel(NOW, tick=False):
        views.set("seen:today:def", 1, timeout=60 * 60)
        report = apply_retention(now=NOW)
        assert views.get("seen:today:def") == 1

    assert report.as_dict() == {
        "rate_counters": 1,
        "request_keys": 1,
        "view_hashes": 1,
        "email_bodies": 1,
        "bookings_anonymised": 0,
    }
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["book-email:today"]
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    sent.refresh_from_db()
    assert (sent.text, sent.html, sent.attachments) == ("", "", [])
    assert (sent.kind, sent.recipient, sent.subject, sent.sent_at) == (
        "booking.confirmed",
        "alex@example.org",
        "Your booking",
        NOW - dt.timedelta(hours=2),
    )
    pending.refresh_from_db()
    assert pending.text.startswith("Manage it at")  # not sent yet: still needed


@pytest.mark.django_db
def test_past_bookings_are_anonymised_only_when_the_practice_sets_a_number_of_days():
    old = BookingFactory(start=NOW - 31 * DAY, client_phone="555", message="hello")
    recent = BookingFactory(start=NOW - 29 * DAY)
    assert Practice.load().anonymise_bookings_after_days is None  # off by default
    assert apply_retention(now=NOW).bookings_anonymised == 0
    old.refresh_from_db()
    assert old.client_name == "Alex Morgan"

    practice = Practice.load()
    practice.anonymise_bookings_after_days = 30
    practice.save()
    assert apply_retention(now=NOW).bookings_anonymised == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.client_name, old.client_email, old.client_phone, old.message) == (
        ERASED_NAME,
        f"erased-booking-{old.pk}@erased.invalid",
        "",
        "",
    )
    assert (old.start, old.status) == (NOW - 31 * DAY, "confirmed")
    assert recent.client_name == "Alex Morgan"
    assert apply_retention(now=NOW).bookings_anonymised == 0  # once is enough


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=QUEUED)
def test_the_worker_plans_retention_daily_and_starting_twice_plans_one_run():
    with time_machine.travel(NOW, tick=False):
        assert start_retention_schedule(now=NOW) is True
        assert start_retention_schedule(now=NOW) is False
        [first] = default_task_backend.results
        assert (first.task.run_after, first.kwargs) == (None, {"planned_for": NOW.isoformat()})
        report = first.task.call(**first.kwargs)
    assert report["request_keys"] == 0
    [_, second] = default_task_backend.results
    assert (second.task.run_after, second.kwargs) == (
        NOW + DAY,
        {"planned_for": (NOW + DAY).isoformat()},
    )
    assert RetentionPlan.objects.get().last_run_at == NOW
    # A duplicate of an already-claimed run does nothing.
    assert run_retention.call(planned_for=NOW.isoformat()) == {"skipped": True}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=QUEUED)
def test_hearth_worker_starts_the_retention_schedule(monkeypatch):
    # The worker loop itself is Django's: stop at it, after the schedules are started.
    import hearth.install.management.commands.hearth_worker as worker

    started = []
    monkeypatch.setattr(worker, "DATABASE", QUEUED["default"]["BACKEND"])
    monkeypatch.setattr(worker, "call_command", lambda *a, **k: started.append(a[0]))
    call_command("hearth_worker")
    assert started == ["db_worker"]
    assert RetentionPlan.objects.get().next_run_at is not None
    assert "hearth.rights.tasks.run_retention" in [
        f"{r.task.module_path}" for r in default_task_backend.results
    ]


@pytest.mark.django_db
def test_apply_retention_command_prints_the_counts(capsys):
    call_command("apply_retention")
    assert capsys.readouterr().out.splitlines() == [
        "rate counters: 0",
        "request keys: 0",
        "view hashes: 0",
        "email bodies: 0",
        "bookings anonymised: 0",
    ]
