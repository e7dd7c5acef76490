import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from hearth.privacy.models import AuditEntry
from hearth.workshops.actions import (
    accept_offer,
    cancel_registration,
    cancel_workshop,
    fill_free_seats,
    lapse_expired_offers,
    message_attendees,
    register,
)
from hearth.workshops.errors import (
    IdempotencyMismatch,
    RegistrationClosed,
    RegistrationNotEligible,
)
from hearth.workshops.models import Registration, Workshop, WorkshopStatus
from hearth.workshops.queries import waitlist_position

from .conftest import DEADLINE, NOW, SATURDAY, person


@pytest.fixture(autouse=True)
def pinned_time():
    # The outbox delivers a message once its time has come: "now" is the actions' now.
    with time_machine.travel(NOW, tick=False):
        yield


def statuses(workshop):
    return list(
        Registration.objects.filter(workshop=workshop)
        .order_by("number")
        .values_list("client_name", "status")
    )


def test_seats_then_waitlist_in_arrival_order(intensive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        results = [register(workshop=intensive, attendee=person(n), now=NOW) for n in range(5)]
    assert [(r.registration.status, r.position) for r in results] == [
        ("confirmed", None),
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    intensive.refresh_from_db()
    assert (intensive.seats_taken, intensive.registrations_made) == (3, 5)
    assert [m.subject for m in mail.outbox] == [
        "Your workshop seat with Sam Rivera is confirmed"
    ] * 3 + ["You are on the waitlist for the workshop with Sam Rivera"] * 2
    assert "You are number 2 on the waitlist." in mail.outbox[4].body


def test_registration_closes_at_the_deadline_and_writes_nothing(intensive):
    with pytest.raises(RegistrationClosed) as caught:
        register(workshop=intensive, attendee=person(1), now=DEADLINE + dt.timedelta(seconds=1))
    assert caught.value.code == "closed"
    assert (
        caught.value.detail == "Registration for this workshop is closed. The deadline has passed."
    )
    intensive.refresh_from_db()
    assert (Registration.objects.count(), intensive.registrations_made, len(mail.outbox)) == (
        0,
        0,
        0,
    )
    # At the deadline itself it is still open.
    assert (
        register(workshop=intensive, attendee=person(1), now=DEADLINE).registration.status
        == "confirmed"
    )


@pytest.mark.parametrize("status", ["draft", "closed", "cancelled"])
def test_workshops_not_open_refuse(intensive, status):
    Workshop.objects.filter(pk=intensive.pk).update(status=status)
    intensive.refresh_from_db()
    with pytest.raises(RegistrationClosed):
        register(workshop=intensive, attendee=person(1), now=NOW)
    assert Registration.objects.count() == 0


def test_full_status_takes_the_waitlist_only(intensive):
    Workshop.objects.filter(pk=intensive.pk).update(status=WorkshopStatus.FULL)
    intensive.refresh_from_db()
    result = register(workshop=intensive, attendee=person(1), now=NOW)
    assert (result.registration.status, result.position) == ("waitlisted", 1)


def test_clinical_needs_a_license_valid_on_every_session_date(clinical):
    # Washington's license ends on Saturday, the first day: Sunday is not covered.
    for location in ("WA", "TX"):
        with pytest.raises(RegistrationNotEligible) as caught:
            register(workshop=clinical, attendee=person(1, location=location), now=NOW)
        assert caught.value.code == "not_eligible"
        assert caught.value.detail == (
            "Group is available only while you are physically in Idaho during the session."
        )
    assert Registration.objects.count() == 0
    assert (
        register(workshop=clinical, attendee=person(2, location="ID"), now=NOW).registration.status
        == "confirmed"
    )


def test_coaching_list_policy(intensive):
    Workshop.objects.filter(pk=intensive.pk).update(location_policy="list", location_codes="OR")
    intensive.refresh_from_db()
    with pytest.raises(RegistrationNotEligible) as caught:
        register(workshop=intensive, attendee=person(1, location="WA"), now=NOW)
    assert caught.value.detail == "Weekend intensive is offered to clients located in Oregon."
    assert register(workshop=intensive, attendee=person(1, location="OR"), now=NOW).created


def test_same_key_returns_the_original_and_other_fields_are_refused(intensive):
    first = register(workshop=intensive, attendee=person(1), now=NOW, idempotency_key="k1")
    again = register(workshop=intensive, attendee=person(1), now=NOW, idempotency_key="k1")
    assert (again.created, again.registration.pk) == (False, first.registration.pk)
    with pytest.raises(IdempotencyMismatch):
        register(workshop=intensive, attendee=person(2), now=NOW, idempotency_key="k1")
    assert Registration.objects.count() == 1


def test_cancelling_a_seat_promotes_the_first_waiting_in_the_same_transaction(
    intensive, django_capture_on_commit_callbacks
):
    people = [
        register(workshop=intensive, attendee=person(n), now=NOW).registration for n in range(6)
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=people[1], now=NOW)
    assert statuses(intensive) == [
        ("Client 0", "confirmed"),
        ("Client 1", "cancelled"),
        ("Client 2", "confirmed"),
        ("Client 3", "confirmed"),
        ("Client 4", "waitlisted"),
        ("Client 5", "waitlisted"),
    ]
    intensive.refresh_from_db()
    assert intensive.seats_taken == 3
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["client1@example.org"], "Your workshop registration with Sam Rivera is cancelled"),
        (["client3@example.org"], "Good news: you have a seat in the workshop with Sam Rivera"),
    ]
    assert waitlist_position(Registration.objects.get(client_name="Client 5")) == 2
    # Cancelling a waitlist place frees no seat and moves the others up.
    cancel_registration(registration=Registration.objects.get(client_name="Client 4"), now=NOW)
    assert waitlist_position(Registration.objects.get(client_name="Client 5")) == 1
    intensive.refresh_from_db()
    assert intensive.seats_taken == 3
    assert AuditEntry.objects.filter(action="registration.promoted").count() == 1


def test_an_offer_holds_the_seat_then_lapses_to_the_next(
    intensive, django_capture_on_commit_callbacks
):
    Workshop.objects.filter(pk=intensive.pk).update(offer_hold_hours=24)
    people = [
        register(workshop=intensive, attendee=person(n), now=NOW).registration for n in range(6)
    ]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=people[0], now=NOW)
    offered = Registration.objects.get(client_name="Client 3")
    assert (offered.status, offered.offer_expires_at) == ("offered", NOW + dt.timedelta(hours=24))
    assert mail.outbox[-1].subject == "A seat is free in the workshop with Sam Rivera"
    assert "held for you until Tuesday, March 2, 6:00 AM (America/Chicago)" in mail.outbox[-1].body
    intensive.refresh_from_db()
    assert intensive.seats_taken == 3  # the offer holds the seat
    assert lapse_expired_offers(now=NOW + dt.timedelta(hours=23, minutes=59)) == 0
    with time_machine.travel(NOW + dt.timedelta(hours=24), tick=False):
        assert lapse_expired_offers(now=NOW + dt.timedelta(hours=24)) == 1
    later = NOW + dt.timedelta(hours=24)
    assert statuses(intensive)[3:] == [
        ("Client 3", "cancelled"),
        ("Client 4", "offered"),
        ("Client 5", "waitlisted"),
    ]
    with pytest.raises(RegistrationClosed):
        accept_offer(registration=offered, now=later)
    taken = accept_offer(registration=Registration.objects.get(client_name="Client 4"), now=later)
    assert (taken.status, taken.offer_expires_at) == ("confirmed", None)
    intensive.refresh_from_db()
    assert intensive.seats_taken == 3


def test_an_expired_offer_lapses_at_the_next_registration_too(intensive):
    Workshop.objects.filter(pk=intensive.pk).update(offer_hold_hours=2)
    intensive.refresh_from_db()
    people = [
        register(workshop=intensive, attendee=person(n), now=NOW).registration for n in range(5)
    ]
    cancel_registration(registration=people[0], now=NOW)
    register(workshop=intensive, attendee=person(9), now=NOW + dt.timedelta(hours=3))
    assert [s for _, s in statuses(intensive)] == [
        "cancelled",
        "confirmed",
        "confirmed",
        "cancelled",
        "offered",
        "waitlisted",
    ]


def test_clients_cannot_cancel_once_the_workshop_has_started(intensive):
    registration = register(workshop=intensive, attendee=person(1), now=NOW).registration
    with pytest.raises(RegistrationClosed):
        cancel_registration(registration=registration, now=SATURDAY[0])
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert (
        cancel_registration(registration=registration, now=SATURDAY[0], actor="sam").status
        == "cancelled"
    )


def test_cancelling_the_workshop_tells_everyone(intensive, django_capture_on_commit_callbacks):
    for n in range(5):
        register(workshop=intensive, attendee=person(n, email_ok=n != 4), now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert cancel_workshop(workshop=intensive, now=NOW, actor="sam") == 5
    assert {s for _, s in statuses(intensive)} == {"cancelled"}
    # Client 4 said email is not safe: nothing is emailed to them.
    assert sorted(m.to[0] for m in mail.outbox) == [f"client{n}@example.org" for n in range(4)]
    assert {m.subject for m in mail.outbox} == {"The workshop with Sam Rivera is cancelled"}
    intensive.refresh_from_db()
    assert (intensive.status, intensive.seats_taken) == ("cancelled", 0)


def test_raising_the_capacity_moves_the_waitlist_up(intensive):
    for n in range(5):
        register(workshop=intensive, attendee=person(n), now=NOW)
    Workshop.objects.filter(pk=intensive.pk).update(capacity=4)
    promoted = fill_free_seats(workshop=intensive, now=NOW)
    assert [r.client_name for r in promoted] == ["Client 3"]
    # Nobody jumps the queue: a newcomer waits behind Client 4.
    assert register(workshop=intensive, attendee=person(7), now=NOW).position == 2


def test_message_to_attendees(intensive, django_capture_on_commit_callbacks):
    for n in range(4):
        register(workshop=intensive, attendee=person(n), now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        count = message_attendees(
            workshop=intensive,
            subject="Bring a notebook",
            body="See you Saturday.",
            actor="sam",
            now=NOW,
            include_waitlist=False,
        )
    assert count == 3
    assert [m.subject for m in mail.outbox] == ["Bring a notebook"] * 3
    assert mail.outbox[0].body.startswith("Hello Client,\n\nSee you Saturday.\n")


def test_the_database_refuses_more_seats_than_the_capacity(intensive):
    with pytest.raises(IntegrityError), transaction.atomic():
        Workshop.objects.filter(pk=intensive.pk).update(seats_taken=4)


def test_messages_are_outbox_rows_written_with_the_change(intensive):
    from hearth.notifications.models import OutboxMessage
    from hearth.notifications.rendering import forbidden_words_in

    Workshop.objects.filter(pk=intensive.pk).update(title="Counseling group after abuse")
    intensive.refresh_from_db()
    registration = register(workshop=intensive, attendee=person(1), now=NOW).registration
    register(workshop=intensive, attendee=person(2, email_ok=False), now=NOW)
    with pytest.raises(RegistrationClosed):
        register(workshop=intensive, attendee=person(3), now=DEADLINE + dt.timedelta(hours=1))
    (row,) = OutboxMessage.objects.all()
    assert (row.kind, row.recipient, row.related_type, row.related_id) == (
        "workshop.confirmed",
        "client1@example.org",
        "workshops.registration",
        registration.pk,
    )
    assert row.subject == "Your workshop seat with Sam Rivera is confirmed"
    assert row.created_at == NOW
    (attachment,) = row.attachments
    assert (attachment["filename"], attachment["mimetype"]) == (
        "workshop.ics",
        "text/calendar; method=PUBLISH",
    )
    assert attachment["content"].count("BEGIN:VEVENT") == 2
    assert forbidden_words_in(row.subject + row.text + attachment["content"]) == []


def test_one_email_address_takes_one_place_per_workshop(intensive):
    from hearth.workshops.errors import AlreadyRegistered

    register(workshop=intensive, attendee=person(1), now=NOW)
    with pytest.raises(AlreadyRegistered) as refused:
        register(workshop=intensive, attendee=person(2, email="CLIENT1@example.org"), now=NOW)
    assert (refused.value.code, refused.value.status) == ("already_registered", 409)
    assert Registration.objects.count() == 1
    assert intensive.__class__.objects.get(pk=intensive.pk).seats_taken == 1


def test_the_database_refuses_a_second_place_for_one_email(intensive):
    from django.db import IntegrityError, transaction

    first = register(workshop=intensive, attendee=person(1), now=NOW).registration
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(
            workshop=intensive,
            number=99,
            status="waitlisted",
            reference="ZZZZZZZZ",
            client_name="x",
            client_email="Client1@Example.org",
            location="TX",
            client_timezone="UTC",
            consent_at=NOW,
        )
    # Once cancelled, the address may register again.
    Registration.objects.filter(pk=first.pk).update(status="cancelled")
    assert register(workshop=intensive, attendee=person(1), now=NOW).created
