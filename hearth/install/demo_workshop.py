"""The demo workshop a new install starts with: dated relative to the day the demo is loaded
(a fixed date in demo/practice.toml would go stale), with some seats already taken."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import transaction

from hearth.practice.models import Practitioner
from hearth.workshops.actions import Attendee, register
from hearth.workshops.models import Workshop

from .practice_file.workshops import SessionEntry, WorkshopEntry, store_workshop

DESCRIPTION = (
    "A small online group over one weekend for men who carry a lot and say little: fathers, "
    "sons, partners and caregivers. We practise noticing what is going on inside, saying it "
    "out loud, and asking for what we need. Come as you are; you never have to share more "
    "than you want to."
)
DEMO_ATTENDEES = ["Alex", "Ben", "Chris", "Dev", "Eli"]


@transaction.atomic
def build_demo_workshop(*, now: dt.datetime) -> Workshop | None:
    """A weekend intensive on the first Saturday at least three weeks away, five seats of
    twelve taken. The demo attendees said email is not safe, so nobody is written to."""
    practitioner = Practitioner.objects.order_by("slug").first()
    if practitioner is None:
        return None
    zone = ZoneInfo(practitioner.timezone)
    today = now.astimezone(zone).date()
    saturday = today + dt.timedelta(days=21 + (5 - today.weekday()) % 7)
    sunday = saturday + dt.timedelta(days=1)

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour))  # wall time in the practitioner's zone

    entry = WorkshopEntry(
        slug="weekend-intensive",
        title="Weekend intensive: steady ground",
        description=DESCRIPTION,
        practitioner=practitioner.slug,
        kind="coaching",
        locations="US",
        format="online",
        capacity=12,
        price_cents=45000,
        registration_deadline=at(saturday - dt.timedelta(days=2), 17),
        offer_hold_hours=24,
        status="open",
        sessions=[
            SessionEntry(at(saturday, 9), at(saturday, 16)),
            SessionEntry(at(sunday, 9), at(sunday, 13)),
        ],
    )
    store_workshop(entry)
    workshop = Workshop.objects.select_related("practitioner").get(slug=entry.slug)
    for number, name in enumerate(DEMO_ATTENDEES, start=1):
        attendee = Attendee(
            name=name,
            email=f"demo{number}@example.org",
            location="WA",
            timezone=practitioner.timezone,
            email_ok=False,
        )
        register(workshop=workshop, attendee=attendee, now=now, tell_practitioner=False)
    workshop.refresh_from_db()
    return workshop
