"""The practice books and moves for a client, and blocks time: not held to the notice or the
horizon, but never over another booking nor outside eligibility; refusals change nothing."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from hearth.bookings.actions import ClientDetails, book_slot
from hearth.bookings.errors import InvalidBooking, LocationRequired, NotEligible, SlotTaken
from hearth.bookings.models import Booking
from hearth.bookings.practice_actions import (
    block_time,
    book_for_client,
    bookings_within,
    move_for_client,
    practice_times,
    unblock_day,
)
from hearth.notifications.models import OutboxMessage
from hearth.practice.models import DateOverride
from hearth.practice.windows import Span
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
LA = ZoneInfo("America/Los_Angeles")
START = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)  # Wednesday 9:00 in Los Angeles


def client(location="ID", email_ok=True, name="Alex Morgan") -> ClientDetails:
    return ClientDetails(
        name=name,
        email=f"{name.split()[0].lower()}@example.org",
        location=location,
        timezone="America/Los_Angeles",
        email_ok=email_ok,
    )


def book(practice, start=START, **details) -> Booking:
    with time_machine.travel(NOW, tick=False):
        return book_slot(
            service=practice["counseling"], start=start, client=client(**details), now=NOW
        ).booking


def state(booking: Booking) -> tuple:
    """Everything a refused move must leave as it was."""
    booking.refresh_from_db()
    return (
        booking.start,
        booking.end,
        booking.sequence,
        booking.video_url,
        booking.status,
        AuditEntry.objects.count(),
        OutboxMessage.objects.count(),
    )


def starts(slots) -> list[str]:
    return [f"{slot.start.astimezone(LA):%H:%M}" for slot in slots]


# Moving a booking on the client's behalf.


def test_the_practice_moves_inside_the_notice_period(practice):
    booking = book(practice)
    now = dt.datetime(2027, 3, 3, 17, 20, tzinfo=dt.UTC)  # 9:20 on Wednesday the 3rd
    new_start = dt.datetime(2027, 3, 3, 18, tzinfo=dt.UTC)  # 10:00, 40 minutes away
    moved = move_for_client(booking=booking, new_start=new_start, now=now, actor="sam")
    stored = Booking.objects.get()
    assert (stored.start, stored.end) == (new_start, new_start + dt.timedelta(minutes=50))
    assert moved.sequence == stored.sequence == 1
    entry = AuditEntry.objects.get(action="booking.rescheduled")
    assert entry.actor == "sam"
    assert entry.detail == {
        "old_start": "2027-03-10T17:00:00+00:00",
        "start": "2027-03-03T18:00:00+00:00",
        "by_practice": True,
    }
    to_client = OutboxMessage.objects.get(kind="booking.moved")
    assert to_client.recipient == "alex@example.org"
    assert "10:00" in to_client.text


def test_the_practice_moves_beyond_the_horizon(practice):
    booking = book(practice)
    new_start = dt.datetime(2027, 5, 12, 16, tzinfo=dt.UTC)  # 9:00 PDT, 72 days ahead
    move_for_client(booking=booking, new_start=new_start, now=NOW, actor="sam")
    assert Booking.objects.get().start == new_start


def test_moving_onto_a_taken_time_changes_nothing(practice):
    booking = book(practice)
    book(practice, start=START + dt.timedelta(hours=1), name="Blake Stone")
    before = state(booking)
    for new_start in (START + dt.timedelta(hours=1), START + dt.timedelta(minutes=30)):
        with pytest.raises(SlotTaken) as refusal:
            move_for_client(booking=booking, new_start=new_start, now=NOW, actor="sam")
        assert refusal.value.code == "slot_taken"
        assert state(booking) == before


def test_moving_outside_eligibility_for_counseling_changes_nothing(practice):
    booking = book(practice, location="WA")  # the Washington license lapses on the 15th
    before = state(booking)
    with pytest.raises(NotEligible):
        move_for_client(
            booking=booking, new_start=START + dt.timedelta(days=7), now=NOW, actor="sam"
        )
    assert state(booking) == before


def test_moving_outside_the_hours_or_into_the_past_changes_nothing(practice):
    booking = book(practice)
    before = state(booking)
    with pytest.raises(SlotTaken):  # 12:00, after the Wednesday hours end
        move_for_client(
            booking=booking, new_start=START + dt.timedelta(hours=3), now=NOW, actor="sam"
        )
    with pytest.raises(SlotTaken) as refusal:
        move_for_client(
            booking=booking, new_start=START, now=START + dt.timedelta(days=7), actor="sam"
        )
    assert refusal.value.detail.startswith("That time has already passed")
    assert state(booking) == before


def test_a_client_who_said_no_email_is_not_emailed_when_moved(practice):
    booking = book(practice, email_ok=False)
    move_for_client(
        booking=booking, new_start=START + dt.timedelta(minutes=30), now=NOW, actor="sam"
    )
    assert Booking.objects.get().start == START + dt.timedelta(minutes=30)
    assert not OutboxMessage.objects.filter(recipient="alex@example.org").exists()


def test_a_cancelled_booking_cannot_be_moved(practice):
    booking = book(practice)
    Booking.objects.filter(pk=booking.pk).update(status="cancelled")
    before = state(booking)
    with pytest.raises(InvalidBooking):
        move_for_client(
            booking=booking, new_start=START + dt.timedelta(minutes=30), now=NOW, actor="sam"
        )
    assert state(booking) == before


# Booking on a client's behalf.


def test_the_practice_books_counseling_inside_the_notice_and_beyond_the_horizon(practice):
    now = dt.datetime(2027, 3, 3, 17, 20, tzinfo=dt.UTC)
    soon = dt.datetime(2027, 3, 3, 18, tzinfo=dt.UTC)  # 40 minutes away
    later = dt.datetime(2027, 5, 12, 16, tzinfo=dt.UTC)  # 70 days away
    for start, name in ((soon, "Alex Morgan"), (later, "Blake Stone")):
        result = book_for_client(
            service=practice["counseling"],
            start=start,
            client=client(name=name),
            now=now,
            actor="sam",
        )
        assert (result.booking.start, result.created) == (start, True)
    assert list(Booking.objects.values_list("start", "client_name")) == [
        (soon, "Alex Morgan"),
        (later, "Blake Stone"),
    ]
    entries = AuditEntry.objects.filter(action="booking.created").order_by("id")
    assert [(e.actor, e.detail["by_practice"]) for e in entries] == [("sam", True), ("sam", True)]
    assert sorted(
        OutboxMessage.objects.filter(kind="booking.confirmed").values_list("recipient", flat=True)
    ) == ["alex@example.org", "blake@example.org"]


def test_a_practice_booking_for_counseling_in_an_unlicensed_state_is_refused(practice):
    with pytest.raises(NotEligible) as refusal:
        book_for_client(
            service=practice["counseling"],
            start=START,
            client=client(location="TX"),
            now=NOW,
            actor="sam",
        )
    assert refusal.value.code == "not_eligible"
    assert (Booking.objects.count(), AuditEntry.objects.count()) == (0, 0)
    assert OutboxMessage.objects.count() == 0


def test_a_practice_booking_for_counseling_needs_the_clients_state(practice):
    with pytest.raises(LocationRequired):
        book_for_client(
            service=practice["counseling"],
            start=START,
            client=client(location=""),
            now=NOW,
            actor="sam",
        )
    assert (Booking.objects.count(), AuditEntry.objects.count()) == (0, 0)


def test_a_practice_booking_over_another_booking_is_refused(practice):
    book(practice)
    with pytest.raises(SlotTaken):
        book_for_client(
            service=practice["consultation"],
            start=START + dt.timedelta(minutes=15),
            client=client(name="Blake Stone", location="TX"),
            now=NOW,
            actor="sam",
        )
    assert Booking.objects.count() == 1
    # Only the first booking's entries: its creation and its client's intake.
    assert list(AuditEntry.objects.order_by("id").values_list("actor", "action")) == [
        ("client", "booking.created"),
        ("system", "intake.created"),
    ]


def test_practice_times_ignore_notice_and_horizon_but_not_bookings(practice):
    day = dt.date(2027, 5, 12)  # beyond the 60-day horizon
    times = practice_times(
        service=practice["counseling"], day=day, zone=LA, location="ID", now=NOW
    )
    assert starts(times) == ["09:00", "09:30", "10:00"]
    book_for_client(
        service=practice["counseling"],
        start=times[0].start,
        client=client(),
        now=NOW,
        actor="sam",
    )
    times = practice_times(
        service=practice["counseling"], day=day, zone=LA, location="ID", now=NOW
    )
    assert starts(times) == ["10:00"]
    assert (
        practice_times(service=practice["counseling"], day=day, zone=LA, location="TX", now=NOW)
        == []
    )


# Blocking time.


def test_blocking_a_few_hours_removes_those_times_and_unblocking_gives_them_back(practice):
    sam, day = practice["sam"], dt.date(2027, 3, 10)

    def times():
        return starts(
            practice_times(
                service=practice["counseling"], day=day, zone=LA, location="ID", now=NOW
            )
        )

    assert times() == ["09:00", "09:30", "10:00"]
    override = block_time(practitioner=sam, day=day, blocked=Span(540, 570), actor="sam")
    assert override.windows == "09:30-11:00"
    assert times() == ["09:30", "10:00"]
    block_time(practitioner=sam, day=day, blocked=Span(600, 630), actor="sam")
    assert DateOverride.objects.get().windows == "09:30-10:00, 10:30-11:00"
    assert times() == []
    assert unblock_day(practitioner=sam, day=day, actor="sam") is True
    assert times() == ["09:00", "09:30", "10:00"]
    assert DateOverride.objects.count() == 0
    assert unblock_day(practitioner=sam, day=day, actor="sam") is False
    entries = AuditEntry.objects.order_by("id")
    assert [(e.action, e.actor, e.detail) for e in entries] == [
        (
            "practice.time_blocked",
            "sam",
            {"date": "2027-03-10", "blocked": "09:00-09:30", "hours": "09:30-11:00"},
        ),
        (
            "practice.time_blocked",
            "sam",
            {"date": "2027-03-10", "blocked": "10:00-10:30", "hours": "09:30-10:00, 10:30-11:00"},
        ),
        ("practice.time_unblocked", "sam", {"date": "2027-03-10"}),
    ]


def test_a_day_off_takes_every_time_and_counts_the_bookings_still_there(practice):
    sam, day = practice["sam"], dt.date(2027, 3, 10)
    book(practice)
    block_time(practitioner=sam, day=day, actor="sam")
    assert DateOverride.objects.get().windows == ""
    assert (
        practice_times(service=practice["counseling"], day=day, zone=LA, location="ID", now=NOW)
        == []
    )
    assert bookings_within(sam, day, None) == 1
    assert bookings_within(sam, day, Span(600, 660)) == 0
    assert Booking.objects.get().status == "confirmed"  # the practice decides what to do


def test_time_off_that_ends_before_it_starts_is_refused(practice):
    with pytest.raises(InvalidBooking):
        block_time(
            practitioner=practice["sam"],
            day=dt.date(2027, 3, 10),
            blocked=Span(630, 600),
            actor="sam",
        )
    assert (DateOverride.objects.count(), AuditEntry.objects.count()) == (0, 0)
