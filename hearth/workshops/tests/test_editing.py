"""`update_workshop`: the one write for a workshop's details and sessions, with its rules."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from hearth.core.testing import form_fields
from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.privacy.models import AuditEntry
from hearth.workshops.actions import register
from hearth.workshops.editing import update_workshop
from hearth.workshops.models import Registration, Workshop, WorkshopSession

from .conftest import DEADLINE, NOW, SATURDAY, SUNDAY, person

pytestmark = pytest.mark.django_db


def edit(workshop: Workshop, sessions=(SATURDAY, SUNDAY), **changes) -> Workshop:
    for key, value in changes.items():
        setattr(workshop, key, value)
    return update_workshop(workshop=workshop, sessions=list(sessions), actor="sam", now=NOW)


def codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [p.code for p in problems] for name, problems in error.error_dict.items()}


def test_a_new_workshop_is_stored_with_its_sessions_and_audited(sam):
    workshop = edit(
        Workshop(
            slug="new", title="New", practitioner=sam, capacity=4, registration_deadline=DEADLINE
        ),
    )
    assert list(workshop.sessions.values_list("start", "end")) == [SATURDAY, SUNDAY]
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id, entry.detail) == (
        "sam",
        "workshop.created",
        str(workshop.pk),
        {"capacity": 4, "status": "draft"},
    )


def test_refusals_name_every_broken_rule_and_change_nothing(intensive):
    for n in range(3):
        register(workshop=intensive, attendee=person(n), now=NOW)
    before = list(WorkshopSession.objects.values_list("pk", "start"))
    with pytest.raises(ValidationError) as caught:
        edit(
            intensive,
            sessions=[SUNDAY],
            capacity=2,
            status="cancelled",
            registration_deadline=SUNDAY[0] + dt.timedelta(hours=1),
        )
    assert codes(caught.value) == {
        "capacity": ["capacity_below_seats"],
        "status": ["cancelled_with_registrations"],
        "registration_deadline": ["deadline_after_first_session"],
    }
    assert caught.value.error_dict["capacity"][0].params == {"capacity": 2, "seats_taken": 3}
    stored = Workshop.objects.get()
    assert (stored.capacity, stored.status, stored.registration_deadline) == (3, "open", DEADLINE)
    assert list(WorkshopSession.objects.values_list("pk", "start")) == before
    assert not AuditEntry.objects.filter(action__startswith="workshop.").exists()


def test_a_workshop_needs_a_session(intensive):
    with pytest.raises(ValidationError) as caught:
        edit(intensive, sessions=[])
    assert codes(caught.value) == {"__all__": ["no_sessions"]}
    assert WorkshopSession.objects.count() == 2


def test_a_workshop_nobody_registered_for_may_be_cancelled_by_an_edit(intensive):
    assert edit(intensive, status="cancelled").status == "cancelled"
    assert AuditEntry.objects.get().action == "workshop.updated"


def test_raising_the_capacity_moves_the_waitlist_and_keeps_the_counters(intensive):
    for n in range(5):
        register(workshop=intensive, attendee=person(n), now=NOW)
    stale = Workshop.objects.get()  # read before more seats were taken elsewhere
    stale.seats_taken = 0
    workshop = edit(stale, capacity=4)
    assert (workshop.capacity, workshop.seats_taken, workshop.registrations_made) == (4, 4, 5)
    assert Registration.objects.get(number=4).status == "confirmed"
    assert Registration.objects.get(number=5).status == "waitlisted"


def test_an_admin_edit_goes_through_the_action_and_names_the_editor(client, intensive):
    sign_in_with_second_factor(
        client, get_user_model().objects.create_superuser("boss", "b@example.org", "pw")
    )
    url = f"/admin/workshop_admin/edit/{intensive.pk}/"
    data = form_fields(client.get(url).content.decode(), "form[method=POST]")
    assert client.post(url, data | {"capacity": "5"}).status_code == 302
    entry = AuditEntry.objects.get(action="workshop.updated")
    assert (entry.actor, entry.object_id, entry.detail) == (
        "boss",
        str(intensive.pk),
        {"capacity": 5, "status": "open"},
    )
    assert list(WorkshopSession.objects.values_list("start", "end")) == [SATURDAY, SUNDAY]
