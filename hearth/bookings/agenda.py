"""The practice's agenda: bookings, workshop sessions, busy time from other calendars and
days off, day by day in one zone (reads only; the admin view renders it)."""

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from hearth.calendars.queries import busy_blocks
from hearth.practice.models import DateOverride, Practitioner
from hearth.workshops.queries import sessions_between

from .intake_links import BookingIntake, intakes_for
from .models import Booking, BookingStatus


class AgendaView(StrEnum):
    DAY = "day"
    WEEK = "week"


class ItemKind(StrEnum):
    BOOKING = "booking"
    WORKSHOP = "workshop"
    BUSY = "busy"
    DAY_OFF = "day_off"
    HOURS = "hours"  # the date has its own hours (some time blocked)


@dataclass(frozen=True)
class AgendaItem:
    kind: ItemKind
    start: dt.datetime | None  # aware; None for a whole day off
    end: dt.datetime | None
    practitioner: str
    booking: Booking | None = None
    workshop_session: object | None = None
    practitioner_id: int | None = None  # for days off and own hours (to remove them)
    hours: str = ""  # own hours, "09:00-12:00, 13:00-15:00"
    intake: BookingIntake | None = None  # a counseling booking's client's intake


@dataclass
class AgendaDay:
    date: dt.date
    items: list[AgendaItem] = field(default_factory=list)


@dataclass(frozen=True)
class Agenda:
    view: AgendaView
    first: dt.date
    last: dt.date
    days: list[AgendaDay]
    previous: dt.date
    next: dt.date
    several_practitioners: bool


def agenda_range(day: dt.date, view: AgendaView) -> tuple[dt.date, dt.date]:
    """The dates a view shows: the day, or its week from Monday to Sunday."""
    if view == AgendaView.DAY:
        return day, day
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=zone).astimezone(dt.UTC)


def agenda_for(
    *, day: dt.date, view: AgendaView, zone: ZoneInfo, show_cancelled: bool = False
) -> Agenda:
    """The day, or its week from Monday, with previous and next dates for the view."""
    first, last = agenda_range(day, view)
    days = agenda_days(first=first, last=last, zone=zone, show_cancelled=show_cancelled)
    step = dt.timedelta(days=1 if view == AgendaView.DAY else 7)
    return Agenda(
        view=view,
        first=first,
        last=last,
        days=days,
        previous=first - step,
        next=first + step,
        several_practitioners=Practitioner.objects.count() > 1,
    )


def agenda_days(
    *, first: dt.date, last: dt.date, zone: ZoneInfo, show_cancelled: bool = False
) -> list[AgendaDay]:
    """Everything on the practice's calendar from `first` to `last` (dates in `zone`), each
    item on the date it starts, in start order; days off first on their date."""
    since, until = _midnight(first, zone), _midnight(last + dt.timedelta(days=1), zone)
    days = {
        first + dt.timedelta(days=n): AgendaDay(first + dt.timedelta(days=n))
        for n in range((last - first).days + 1)
    }
    practitioners = {p.pk: p.name for p in Practitioner.objects.all()}
    items: list[AgendaItem] = []
    bookings = Booking.objects.filter(start__lt=until, end__gt=since).select_related(
        "service", "practitioner"
    )
    if not show_cancelled:
        bookings = bookings.exclude(status=BookingStatus.CANCELLED)
    bookings = list(bookings)
    intakes = intakes_for(bookings)
    items += [
        AgendaItem(
            ItemKind.BOOKING,
            b.start,
            b.end,
            b.practitioner.name,
            booking=b,
            intake=intakes.get(b.pk),
        )
        for b in bookings
    ]
    for session in sessions_between(since=since, until=until):
        name = practitioners.get(session.workshop.practitioner_id, "")
        items.append(
            AgendaItem(
                ItemKind.WORKSHOP, session.start, session.end, name, workshop_session=session
            )
        )
    for practitioner_id, blocks in busy_blocks(list(practitioners), since, until).items():
        items += [
            AgendaItem(ItemKind.BUSY, block.start, block.end, practitioners[practitioner_id])
            for block in blocks
        ]
    for override in DateOverride.objects.filter(date__range=(first, last)):
        days[override.date].items.append(
            AgendaItem(
                ItemKind.HOURS if override.windows else ItemKind.DAY_OFF,
                None,
                None,
                practitioners[override.practitioner_id],
                practitioner_id=override.practitioner_id,
                hours=override.windows,
            )
        )
    for item in sorted(items, key=lambda item: item.start):
        local_day = item.start.astimezone(zone).date()
        days[max(first, min(local_day, last))].items.append(item)
    return list(days.values())
