"""The one write for a workshop's own details and sessions, shared by the admin form and
the practice file, so that the workshop rules live here and nowhere else.

Rules (each refusal a ValidationError on its field, with a stable `code` and `params`):
- the capacity never drops below the seats already taken (`capacity_below_seats`);
- a workshop people have registered for (or wait for) is not cancelled by an edit, since
  `cancel_workshop` tells everyone (`cancelled_with_registrations`);
- it has at least one session (`no_sessions`), and registration closes by the first
  session (`deadline_after_first_session`).
After the edit, free seats (a raised capacity, a reopened workshop) go to the waitlist.
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q

from hearth.privacy.actions import record_audit

from .actions import fill_free_seats
from .models import HOLDING_A_SEAT, Registration, Workshop, WorkshopSession, WorkshopStatus

Session = tuple[dt.datetime, dt.datetime]  # aware start and end
# Kept by the actions that count seats and registrations, never by an edit.
COUNTERS = ("seats_taken", "registrations_made")


def check_workshop_update(
    *,
    stored: Workshop | None,
    capacity: int | None,
    status: str | None,
    registration_deadline: dt.datetime | None,
    sessions: Sequence[Session] | None,
) -> None:
    """Raise ValidationError when the new values break a workshop rule.

    `stored` is the workshop as it is in the database (None when new); `sessions` None
    leaves the session rules unchecked (their own form is not valid yet).
    """
    errors: dict[str, list[ValidationError]] = {}
    if stored is not None and capacity is not None and capacity < stored.seats_taken:
        errors["capacity"] = [
            ValidationError(
                "The capacity cannot be below the %(seats_taken)s seats already taken; "
                "cancel registrations first.",
                code="capacity_below_seats",
                params={"capacity": capacity, "seats_taken": stored.seats_taken},
            )
        ]
    if (
        status == WorkshopStatus.CANCELLED
        and stored is not None
        and stored.status != WorkshopStatus.CANCELLED
        and _has_registrations(stored)
    ):
        errors["status"] = [
            ValidationError(
                'Use "Cancel workshop" in the list, so that everyone registered is told.',
                code="cancelled_with_registrations",
            )
        ]
    if sessions is not None and not sessions:
        errors[NON_FIELD_ERRORS] = [
            ValidationError("A workshop needs at least one session.", code="no_sessions")
        ]
    elif sessions and registration_deadline and registration_deadline > min(sessions)[0]:
        errors["registration_deadline"] = [
            ValidationError(
                "Registration must close by the first session.",
                code="deadline_after_first_session",
            )
        ]
    if errors:
        raise ValidationError(errors)


def _has_registrations(workshop: Workshop) -> bool:
    return Registration.objects.filter(
        Q(workshop=workshop), Q(status__in=HOLDING_A_SEAT) | Q(status="waitlisted")
    ).exists()


def update_workshop(
    *, workshop: Workshop, sessions: Sequence[Session], actor: str, now: dt.datetime
) -> Workshop:
    """Store a new or edited workshop (its fields already set, not saved) and replace its
    sessions, in one transaction under the workshop's row lock.

    Raises ValidationError (see the module's rules, then model validation) and changes
    nothing. Records `workshop.created` or `workshop.updated` in the audit log.
    """
    with transaction.atomic():
        stored = None
        if workshop.pk is not None:
            stored = Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
        check_workshop_update(
            stored=stored,
            capacity=workshop.capacity,
            status=workshop.status,
            registration_deadline=workshop.registration_deadline,
            sessions=sessions,
        )
        if stored is not None:
            for counter in COUNTERS:  # counted under the lock, not when the edit began
                setattr(workshop, counter, getattr(stored, counter))
        workshop.full_clean(exclude=["practitioner"], validate_constraints=True)
        if stored is None:
            workshop.save()
        else:
            workshop.save(update_fields=_edited_fields())
        WorkshopSession.objects.filter(workshop=workshop).delete()
        WorkshopSession.objects.bulk_create(
            WorkshopSession(workshop=workshop, start=start, end=end)
            for start, end in sorted(sessions)
        )
        record_audit(
            actor=actor,
            action="workshop.updated" if stored else "workshop.created",
            target=workshop,
            capacity=workshop.capacity,
            status=str(workshop.status),
        )
        fill_free_seats(workshop=workshop, now=now)
    workshop.refresh_from_db()
    return workshop


def _edited_fields() -> list[str]:
    return [
        field.name
        for field in Workshop._meta.concrete_fields
        if not field.primary_key and field.name not in (*COUNTERS, "created_at")
    ]
