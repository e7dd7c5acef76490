import datetime as dt

import pytest
import time_machine

from hearth.bookings.actions import ClientDetails, book_slot, cancel_booking, reschedule_booking
from hearth.bookings.errors import (
    CutoffPassed,
    IdempotencyMismatch,
    LocationRequired,
    NotEligible,
    SlotTaken,
)
from hearth.bookings.models import Booking
from hearth.core.models import IdempotencyKey
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import ServiceFactory
from hearth.privacy.models import AuditEntry

from .conftest import NOW

pytestmark = pytest.mark.django_db
UTC = dt.UTC


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


def client(location="ID", **changes) -> ClientDetails:
    values = {
        "name": "Alex",
        "email": "alex@example.org",
        "phone": "",
        "location": location,
        "timezone": "America/Los_Angeles",
    } | changes
    return ClientDetails(**values)


def at(hour: int, minute: int = 0, day: int = 10) -> dt.datetime:
    """A time on a Wednesday in March 2027, given in Los Angeles wall time (UTC-8)."""
    return dt.datetime(2027, 3, day, hour + 8, minute, tzinfo=UTC)


def book(practice, start, service="counseling", **kwargs):
    return book_slot(
        service=practice[service],
        start=start,
        client=kwargs.pop("who", client()),
        now=NOW,
        **kwargs,
    )


def test_booking_an_offered_slot_stores_it_with_buffers_and_an_audit_entry(practice):
    result = book(practice, at(9), service="consultation", who=client(location="TX"))
    booking = result.booking
    assert result.created is True
    assert (booking.start, booking.end) == (at(9), at(9, 15))
    assert (booking.buffer_before_minutes, booking.buffer_after_minutes) == (0, 5)
    assert booking.practitioner.slug == "sam" and booking.status == "confirmed"
    assert len(booking.reference) == 8
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id) == (
        "client",
        "booking.created",
        str(booking.pk),
    )
    assert "alex" not in str(entry.detail).lower()


def test_an_overlapping_time_is_refused_and_nothing_is_written(practice):
    book(practice, at(9))
    with pytest.raises(SlotTaken) as caught:
        book(practice, at(9, 30), who=client(email="other@example.org"))
    assert caught.value.detail == "That time was just taken. Please choose another time."
    assert Booking.objects.count() == 1
    # The first booking's own entries (a counseling booking opens the client's intake).
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "booking.created",
        "intake.created",
    ]


@pytest.fixture
def quick(practice):
    """A 15-minute consultation without buffers, on a 15-minute grid."""
    practice["quick"] = ServiceFactory(
        slug="quick",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=15,
        minimum_notice_minutes=60,
        practitioners=[practice["sam"]],
    )
    return practice


def test_back_to_back_is_accepted(quick):
    book(quick, at(9), service="quick")
    assert book(quick, at(9, 15), service="quick").booking.start == at(9, 15)
    assert Booking.objects.count() == 2


def test_an_existing_bookings_buffer_blocks_the_time_after_it(quick):
    book(quick, at(9), service="consultation")  # 09:00-09:15, then 5 minutes kept free
    with pytest.raises(SlotTaken):
        book(quick, at(9, 15), service="quick")
    assert book(quick, at(9, 30), service="quick").created
    assert Booking.objects.count() == 2


def test_the_new_bookings_own_buffer_must_fit_before_the_next(quick):
    book(quick, at(9, 15), service="quick")  # 09:15-09:30, no buffers
    with pytest.raises(SlotTaken):
        book(quick, at(9), service="consultation")  # ends 09:15 but wants 5 minutes after
    assert Booking.objects.count() == 1


def test_time_not_on_the_grid_or_outside_hours_is_refused(practice):
    for start in (at(9, 10), at(12), at(9, day=11)):
        with pytest.raises(SlotTaken):
            book(practice, start)
    assert Booking.objects.count() == 0


def test_cancel_then_rebook_succeeds(practice):
    first = book(practice, at(9)).booking
    cancel_booking(booking=first, now=NOW)
    second = book(practice, at(9), who=client(email="b@example.org")).booking
    assert Booking.objects.active().get() == second
    # (the first counseling booking of each address opens its intake)
    assert list(AuditEntry.objects.order_by("id").values_list("action", flat=True)) == [
        "booking.created",
        "intake.created",
        "booking.cancelled",
        "booking.created",
        "intake.created",
    ]


def test_clinical_needs_a_license_valid_on_the_session_date(practice):
    assert book(practice, at(9), who=client(location="WA")).created  # WA valid to 03-15
    with pytest.raises(NotEligible) as caught:
        book(practice, at(9, day=17), who=client(location="WA"))
    assert caught.value.detail == (
        "Counseling by video is available only while you are physically in Idaho or "
        "Washington during the session."
    )
    with pytest.raises(NotEligible):
        book(practice, at(10), who=client(location="OR"))
    with pytest.raises(LocationRequired):
        book(practice, at(10), who=client(location=""))
    assert Booking.objects.count() == 1


def test_coaching_and_consultation_follow_their_policy(practice):
    assert book(practice, at(9), service="coaching", who=client(location="OR")).created
    with pytest.raises(NotEligible):
        book(practice, at(10), service="coaching", who=client(location="ID"))
    assert book(practice, at(10), service="consultation", who=client(location="FL")).created


def test_same_key_same_fields_returns_the_original_as_it_stands(practice):
    first = book(practice, at(9), idempotency_key="key-1").booking
    cancel_booking(booking=first, now=NOW)
    again = book(practice, at(9), idempotency_key="key-1")
    assert again.created is False
    assert again.booking.pk == first.pk and again.booking.status == "cancelled"
    assert Booking.objects.count() == 1


def test_same_key_other_fields_is_a_mismatch_and_writes_nothing(practice):
    book(practice, at(9), idempotency_key="key-1")
    with pytest.raises(IdempotencyMismatch):
        book(practice, at(10), idempotency_key="key-1")
    with pytest.raises(IdempotencyMismatch):
        book(practice, at(9), idempotency_key="key-1", who=client(email="someone@else.org"))
    assert Booking.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_a_refused_request_does_not_burn_its_key(practice):
    book(practice, at(9))
    with pytest.raises(SlotTaken):
        book(practice, at(9), idempotency_key="k", who=client(email="late@example.org"))
    assert not IdempotencyKey.objects.filter(key="k").exists()


def test_reschedule_takes_the_new_time_and_frees_the_old(practice):
    booking = book(practice, at(9)).booking
    moved = reschedule_booking(booking=booking, new_start=at(10), now=NOW)
    assert (moved.pk, moved.start, moved.end) == (booking.pk, at(10), at(10, 50))
    assert book(practice, at(9), who=client(email="c@example.org")).created


def test_reschedule_to_a_taken_time_changes_nothing(practice):
    mine = book(practice, at(9)).booking
    book(practice, at(10), who=client(email="d@example.org"))
    with pytest.raises(SlotTaken):
        reschedule_booking(booking=mine, new_start=at(10), now=NOW)
    mine.refresh_from_db()
    assert mine.start == at(9)


def test_a_booking_can_move_into_a_time_overlapping_its_own(practice):
    mine = book(practice, at(9)).booking
    moved = reschedule_booking(booking=mine, new_start=at(9, 30), now=NOW)
    assert moved.start == at(9, 30)


def test_cancel_and_reschedule_close_at_the_cutoff(practice):
    booking = book(practice, at(9)).booking  # cutoff 24 h before
    late = at(9) - dt.timedelta(hours=23)
    with pytest.raises(CutoffPassed) as caught:
        cancel_booking(booking=booking, now=late)
    assert "can no longer be changed online" in caught.value.detail
    with pytest.raises(CutoffPassed):
        reschedule_booking(booking=booking, new_start=at(10), now=late)
    booking.refresh_from_db()
    assert (booking.status, booking.start) == ("confirmed", at(9))
    # The practice itself may still cancel.
    assert cancel_booking(booking=booking, now=late, actor="sam").status == "cancelled"


def test_a_name_is_stored_without_control_or_bidi_override_characters(practice):
    booking = book(practice, at(9), who=client(name="Al\u202eex\x07 Rivera\n")).booking
    booking.refresh_from_db()
    assert booking.client_name == "Alex Rivera"
