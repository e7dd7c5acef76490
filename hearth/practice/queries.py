"""Reads of practice data: the practice file's entries, licenses about to lapse."""

import datetime as dt

from .eligibility import LicenseSpan
from .models import License, Practice, Practitioner, Service
from .practice_file import (
    BusyCalendarEntry,
    LicenseEntry,
    PracticeEntry,
    PracticeFile,
    PractitionerEntry,
    ServiceEntry,
)


def practitioner_entry(practitioner: Practitioner) -> PractitionerEntry:
    hours = {day: spans for day, spans in practitioner.weekly_hours().items() if spans}
    return PractitionerEntry(
        slug=practitioner.slug,
        name=practitioner.name,
        timezone=practitioner.timezone,
        credentials=practitioner.credentials,
        email=practitioner.email,
        bio=practitioner.bio,
        message_of_support=practitioner.message_of_support,
        weekly_hours=hours,
        overrides={o.date: o.spans for o in practitioner.overrides.all()},
        licenses=[
            LicenseEntry(
                jurisdiction=lic.jurisdiction,
                kind=lic.kind,
                number=lic.number,
                valid_from=lic.valid_from,
                expires_on=lic.expires_on,
            )
            for lic in practitioner.licenses.all()
        ],
        busy_calendars=[
            BusyCalendarEntry(
                url=calendar.url,
                include_all_day=calendar.include_all_day,
                include_transparent=calendar.include_transparent,
            )
            for calendar in practitioner.busy_calendars.all()
        ],
    )


def service_entry(service: Service) -> ServiceEntry:
    return ServiceEntry(
        slug=service.slug,
        name=service.name,
        kind=service.kind,
        description=service.description,
        duration_minutes=service.duration_minutes,
        interval_minutes=service.effective_interval_minutes,
        buffer_before_minutes=service.buffer_before_minutes,
        buffer_after_minutes=service.buffer_after_minutes,
        minimum_notice_minutes=service.minimum_notice_minutes,
        horizon_days=service.horizon_days,
        daily_limit=service.daily_limit,
        cancel_cutoff_hours=service.cancel_cutoff_hours,
        reminder_hours=service.reminder_hours,
        price_cents=service.price_cents,
        currency=service.currency,
        practitioners=sorted(p.slug for p in service.practitioners.all()),
        locations=service.locations,
    )


def practice_document() -> PracticeFile:
    """Everything the practice file describes, as stored now."""
    from hearth.workshops.loading import workshop_entries

    practice = Practice.load()
    practitioners = Practitioner.objects.prefetch_related(
        "weekly_windows", "overrides", "licenses", "busy_calendars"
    ).order_by("slug")
    services = Service.objects.prefetch_related("practitioners").order_by("slug")
    return PracticeFile(
        practice=PracticeEntry(
            name=practice.name,
            timezone=practice.timezone,
            email=practice.email,
            phone=practice.phone,
            address=practice.address,
            video_link_template=practice.video_link_template,
        ),
        practitioners=[practitioner_entry(p) for p in practitioners],
        services=[service_entry(s) for s in services],
        workshops=workshop_entries(),
    )


def licenses_lapsing(*, today: dt.date, within_days: int) -> list[License]:
    """Licenses that lapse within `within_days` (or lapsed in the last 30) and are not renewed.

    A license counts as renewed when the same practitioner holds another one for
    the same jurisdiction that starts by the day after it expires and runs longer.
    Two queries, however many licenses.
    """
    candidates = list(
        License.objects.filter(
            expires_on__lte=today + dt.timedelta(days=within_days),
            expires_on__gte=today - dt.timedelta(days=30),
        )
        .select_related("practitioner")
        .order_by("expires_on", "practitioner__name")
    )
    held: dict[tuple[int, str], list[License]] = {}
    for lic in License.objects.filter(
        practitioner_id__in={lic.practitioner_id for lic in candidates}
    ):
        held.setdefault((lic.practitioner_id, lic.jurisdiction), []).append(lic)
    return [
        lic for lic in candidates if not _renewed(lic, held[lic.practitioner_id, lic.jurisdiction])
    ]


def _renewed(lic: License, same_jurisdiction: list[License]) -> bool:
    day_after = lic.expires_on + dt.timedelta(days=1)
    return any(
        other.valid_from <= day_after and other.expires_on > lic.expires_on
        for other in same_jurisdiction
    )


def license_spans(practitioner: Practitioner) -> tuple[LicenseSpan, ...]:
    """Uses the prefetched licenses when there are any."""
    return tuple(
        LicenseSpan(lic.jurisdiction, lic.valid_from, lic.expires_on)
        for lic in practitioner.licenses.all()
    )
