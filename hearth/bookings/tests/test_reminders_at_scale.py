"""1,000 bookings: every reminder is sent exactly once over real SMTP, none for the
cancelled ones, with the sweeper driven through three weeks of pinned time."""

import datetime as dt

import pytest
import time_machine

from hearth.bookings.actions import cancel_booking, new_reference
from hearth.bookings.models import Booking
from hearth.bookings.notify import queue_booking_messages
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.notifications.tasks import sweep_once

from .conftest import NOW

pytestmark = pytest.mark.django_db
COUNT = 1000


def test_a_thousand_reminders_each_sent_once_none_for_cancelled(practice, smtp):
    service, sam = practice["consultation"], practice["sam"]
    first = NOW + dt.timedelta(days=2)
    bookings = Booking.objects.bulk_create(
        Booking(
            service=service,
            practitioner=sam,
            reference=new_reference(),
            start=first + dt.timedelta(minutes=30 * n),
            end=first + dt.timedelta(minutes=30 * n + 15),
            client_name=f"Client {n}",
            client_email=f"client{n}@example.org",
            location="WA",
            client_timezone="America/Chicago",
            consent_at=NOW,
        )
        for n in range(COUNT)
    )
    with time_machine.travel(NOW, tick=False):
        for booking in bookings:
            queue_booking_messages(booking=booking, event="created", now=NOW)
        OutboxMessage.objects.update(status="sent")  # confirmations are not under test here
        cancelled = bookings[::10]
        for booking in cancelled:
            cancel_booking(booking=booking, now=NOW, actor="admin")
    assert PlannedMessage.objects.count() == COUNT
    moment = NOW
    end = first + dt.timedelta(minutes=30 * COUNT)
    while moment <= end:
        with time_machine.travel(moment, tick=False):
            sweep_once()
        moment += dt.timedelta(minutes=90)
    with time_machine.travel(end + dt.timedelta(days=1), tick=False):
        assert sweep_once() == {"planned_queued": 0, "planned_skipped": 0, "sent": 0, "failed": 0}
    reminders = [m["To"] for m in smtp.messages if m["Subject"].startswith("Reminder:")]
    expected = {b.client_email for b in bookings} - {b.client_email for b in cancelled}
    assert len(reminders) == len(expected) == 900
    assert set(reminders) == expected
    assert OutboxMessage.objects.exclude(status="sent").count() == 0
