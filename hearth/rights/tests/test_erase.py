"""Erasure: after it no table (nor the SQLite file's bytes) holds the person's address or
name in any form; their bookings and registrations stay as anonymous busy time."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from hearth.bookings.models import Booking
from hearth.core.models import IdempotencyKey, RateCounter
from hearth.engagement.models import Comment
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.privacy.models import AuditEntry
from hearth.rights.actions import ERASED_COMMENTER, ERASED_NAME, erase_client
from hearth.workshops.models import Registration

from .conftest import EMAIL, MESSAGE, NAME, PHONE
from .scan import forms_of, sqlite_files_holding, tables_holding

FORMS = forms_of(name=NAME, email=EMAIL, phone=PHONE, message=MESSAGE)


@pytest.mark.django_db(transaction=True)
def test_after_erasure_no_table_holds_the_address_or_the_name_in_any_form(person):
    # The scan finds them before (so it can find them at all) ...
    held = {text: tables_holding(text) for text in FORMS}
    assert "bookings_booking" in held[EMAIL.lower()]
    assert "workshops_registration" in held[NAME.lower()]
    assert "engagement_comment" in held[EMAIL.lower()]
    assert "notifications_outboxmessage" in held[EMAIL.lower()]
    assert held[FORMS[-2]] == ["core_ratecounter"]  # the keyed hash of the address
    assert IdempotencyKey.objects.count() == 2
    if connection.vendor == "sqlite":
        # Everything into the main file first, as a busy install's checkpoints would do.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert sqlite_files_holding(EMAIL) == ["test.sqlite3"]

    erase_client(email=EMAIL.upper(), actor="admin", now=timezone.now())

    # ... and nowhere after, in any table and in any column.
    assert {text: tables_holding(text) for text in FORMS} == {text: [] for text in FORMS}
    if connection.vendor == "sqlite":
        assert {text: sqlite_files_holding(text) for text in FORMS} == {text: [] for text in FORMS}


@pytest.mark.django_db
def test_erased_bookings_and_registrations_stay_as_anonymous_busy_time(person):
    booking, registration = person.booking, person.registration
    erasure = erase_client(email=EMAIL, actor="admin", now=timezone.now())
    assert (erasure.bookings, erasure.registrations, erasure.comments) == (1, 1, 1)
    kept = Booking.objects.get(pk=booking.pk)
    assert (kept.start, kept.end, kept.status, kept.reference) == (
        booking.start,
        booking.end,
        "confirmed",
        booking.reference,
    )
    assert (kept.client_name, kept.client_phone, kept.message, kept.practice_note) == (
        ERASED_NAME,
        "",
        "",
        "",
    )
    assert kept.client_email == f"erased-booking-{booking.pk}@erased.invalid"
    assert (kept.contact_email_ok, kept.contact_text_ok, kept.contact_voicemail_ok) == (
        False,
        False,
        False,
    )
    seat = Registration.objects.get(pk=registration.pk)
    assert (seat.status, seat.client_name) == ("confirmed", ERASED_NAME)
    assert seat.workshop.seats_taken == registration.workshop.seats_taken
    comment = Comment.objects.get(body="This helped me make the call.")
    assert (comment.name, comment.email, comment.body) == (
        ERASED_COMMENTER,
        "",
        "This helped me make the call.",
    )
    # No reminder is left to send, no message, request key or counter of theirs.
    assert not PlannedMessage.objects.filter(related_id=booking.pk).exists()
    assert not OutboxMessage.objects.filter(recipient__iexact=EMAIL).exists()
    assert IdempotencyKey.objects.count() == 0
    assert RateCounter.objects.filter(key__startswith="book-email:").count() == 0


@pytest.mark.django_db
def test_the_audit_trail_records_the_erasure_and_not_the_person(person):
    erase_client(email=EMAIL, actor="sam", now=timezone.now())
    entry = AuditEntry.objects.get(action="client.erased")
    assert (entry.actor, entry.object_type, entry.object_id) == ("sam", "rights.erasure", "")
    assert entry.detail == {
        "bookings": 1,
        "registrations": 1,
        "comments": 1,
        "messages": 5,
        "request_keys": 2,
        "rate_counters": 1,
        "check_ins": 0,
        "intake_packets": 0,
    }
    for text in FORMS:
        assert not AuditEntry.objects.filter(detail__icontains=text).exists()


@pytest.mark.django_db
def test_someone_elses_records_are_untouched(person, client):
    other = Booking.objects.exclude(pk=person.booking.pk).first()
    before = (other.client_name, other.client_email) if other else None
    erase_client(email="nobody@example.org", actor="admin", now=timezone.now())
    assert Booking.objects.get(pk=person.booking.pk).client_name == NAME
    if other:
        other.refresh_from_db()
        assert (other.client_name, other.client_email) == before


@pytest.mark.django_db
def test_client_erase_command_asks_first_and_erases_only_on_yes(person, monkeypatch, capsys):
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was erased"):
        call_command("client_erase", EMAIL)
    assert Booking.objects.get(pk=person.booking.pk).client_name == NAME
    assert not AuditEntry.objects.filter(action="client.erased").exists()
    call_command("client_erase", EMAIL, "--yes")
    assert Booking.objects.get(pk=person.booking.pk).client_name == ERASED_NAME
    assert capsys.readouterr().out.startswith(f"Erased {EMAIL}: 1 bookings, 1 registrations")
