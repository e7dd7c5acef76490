"""Reads for workshops: busy time for one-to-one availability, seats, waitlist, eligibility."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from hearth.core.jurisdictions import US_CODES
from hearth.core.rows import shaped_rows
from hearth.practice.eligibility import codes_for, is_eligible, where_offered
from hearth.practice.queries import license_spans
from hearth.scheduling import Busy

from .models import (
    TAKING_REGISTRATIONS,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopSession,
    WorkshopStatus,
)
from .tokens import registration_id_from_token


def session_busy(
    practitioner_ids: list[int], *, since: dt.datetime, until: dt.datetime
) -> dict[int, list[Busy]]:
    """Sessions of workshops that are not cancelled and touch [since, until), as busy time
    with no buffers, per practitioner (one query)."""
    rows = shaped_rows(
        "workshops.session_busy",
        _sessions_meeting,
        datetime_columns=(1, 2),
        practitioner_ids=list(practitioner_ids),
        since=since,
        until=until,
    )
    busy: dict[int, list[Busy]] = {pk: [] for pk in practitioner_ids}
    for practitioner_id, start, end in rows:
        busy[practitioner_id].append(Busy(start, end))
    return busy


def _sessions_meeting(*, practitioner_ids, since, until):
    return (
        WorkshopSession.objects.filter(
            workshop__practitioner_id__in=practitioner_ids, start__lt=until, end__gt=since
        )
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .values_list("workshop__practitioner_id", "start", "end")
    )


def effective_status(workshop: Workshop, *, now: dt.datetime) -> str:
    """What visitors are told: open, full (waitlist only), closed, cancelled or draft."""
    if workshop.status not in TAKING_REGISTRATIONS:
        return workshop.status
    if now > workshop.registration_deadline:
        return WorkshopStatus.CLOSED
    if workshop.status == WorkshopStatus.FULL or workshop.seats_taken >= workshop.capacity:
        return WorkshopStatus.FULL
    return WorkshopStatus.OPEN


def public_workshops(*, now: dt.datetime) -> list[Workshop]:
    """Workshops visitors may see whose last session has not ended, soonest first, with
    their sessions, practitioner and waitlist length (three queries)."""
    sessions = Prefetch("sessions", queryset=WorkshopSession.objects.order_by("start"))
    workshops = (
        Workshop.objects.public()
        .filter(Exists(WorkshopSession.objects.filter(workshop=OuterRef("pk"), end__gt=now)))
        .select_related("practitioner")
        .prefetch_related(sessions)
        .annotate(
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            )
        )
    )
    return sorted(workshops, key=lambda w: (w.sessions.all()[0].start, w.slug))


def workshop_detail(slug: str) -> Workshop | None:
    """A workshop visitors may see (any date), with sessions and waitlist length."""
    if "\x00" in slug:
        return None
    sessions = Prefetch("sessions", queryset=WorkshopSession.objects.order_by("start"))
    return (
        Workshop.objects.public()
        .filter(slug=slug)
        .select_related("practitioner")
        .prefetch_related(sessions, "practitioner__licenses")
        .annotate(
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
            )
        )
        .first()
    )


def waitlist_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None unless the registration is on the waitlist."""
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        workshop_id=registration.workshop_id,
        status=RegistrationStatus.WAITLISTED,
        number__lt=registration.number,
    ).count()
    return ahead + 1


def roster(workshop: Workshop) -> list[tuple[Registration, int | None]]:
    """Every registration in arrival order with its waitlist position (1 for the first
    person waiting, None when not waiting), as waitlist_position counts it. One query."""
    rows: list[tuple[Registration, int | None]] = []
    waiting = 0
    for registration in workshop.registrations.order_by("number"):
        if registration.status == RegistrationStatus.WAITLISTED:
            waiting += 1
            rows.append((registration, waiting))
        else:
            rows.append((registration, None))
    return rows


def session_dates(workshop: Workshop) -> list[dt.date]:
    """Each session's start date in the practitioner's zone."""
    zone = ZoneInfo(workshop.practitioner.timezone)
    return sorted({session.start.astimezone(zone).date() for session in workshop.sessions.all()})


def is_eligible_for(workshop: Workshop, location: str) -> bool:
    """DESIGN "Eligibility": by the workshop's kind; clinical needs a license for the
    location valid on every session date."""
    if location not in US_CODES:
        return False
    policy = workshop.policy
    licenses = license_spans(workshop.practitioner)
    dates = session_dates(workshop)
    return bool(dates) and all(
        is_eligible(policy=policy, licenses=licenses, location=location, on=day) for day in dates
    )


def where_workshop_offered(workshop: Workshop) -> str:
    """A sentence naming where people can join from, for refusals and the detail page."""
    policy = workshop.policy
    licenses = license_spans(workshop.practitioner)
    dates = session_dates(workshop)
    codes = codes_for(policy=policy, licenses=licenses, on=None)
    if dates:
        codes = frozenset(
            code
            for code in codes
            if all(
                is_eligible(policy=policy, licenses=licenses, location=code, on=d) for d in dates
            )
        )
    return where_offered(service_name=workshop.title, codes=codes, kind=workshop.kind)


def registration_for_token(token: str) -> Registration | None:
    """The registration a manage link names, with its workshop and practitioner; None for a
    link that is forged or names no registration."""
    registration_id = registration_id_from_token(token)
    if registration_id is None:
        return None
    return (
        Registration.objects.select_related("workshop__practitioner")
        .filter(pk=registration_id)
        .first()
    )


def sessions_between(*, since: dt.datetime, until: dt.datetime) -> list[WorkshopSession]:
    """Sessions of workshops that are not cancelled and touch [since, until), by start, with
    their workshop (title, seats) loaded: the practice's agenda."""
    return list(
        WorkshopSession.objects.filter(start__lt=until, end__gt=since)
        .exclude(workshop__status=WorkshopStatus.CANCELLED)
        .select_related("workshop")
        .order_by("start")
    )
