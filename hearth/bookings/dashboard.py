"""Reads for the dashboard: sessions per week over the last weeks, drawn as an SVG bar chart
with each figure written on its bar (no colour needed), and the bookings made since a time."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils.html import format_html, format_html_join

from .models import Booking, BookingStatus

WEEKS = 12
# Fonts are large for the view box: on a phone the chart is drawn at about half size.
WIDTH, HEIGHT, TOP, LABEL = 720, 220, 30, 30
NEW_SHOWN = 10


@dataclass(frozen=True)
class Week:
    monday: dt.date
    sessions: int  # booked and not cancelled (confirmed, completed or no-show)
    cancelled: int


def sessions_per_week(*, today: dt.date, zone: ZoneInfo, weeks: int = WEEKS) -> list[Week]:
    """The `weeks` weeks (Monday to Sunday in `zone`) ending with this one; one query."""
    first = today - dt.timedelta(days=today.weekday() + 7 * (weeks - 1))
    since = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(first + dt.timedelta(weeks=weeks), dt.time.min, tzinfo=zone)
    counts = {n: [0, 0] for n in range(weeks)}
    rows = Booking.objects.filter(start__gte=since, start__lt=until).values_list("start", "status")
    for start, status in rows:
        index = (start.astimezone(zone).date() - first).days // 7
        counts[index][1 if status == BookingStatus.CANCELLED else 0] += 1
    return [
        Week(first + dt.timedelta(weeks=n), sessions, cancelled)
        for n, (sessions, cancelled) in counts.items()
    ]


def weeks_chart(weeks: list[Week]) -> str:
    """One bar per week with its figure above it and the week's date below; the SVG has a
    summary label, each bar a title. The page also gives the figures as a table."""
    peak = max([week.sessions for week in weeks] + [1])
    slot = WIDTH / max(len(weeks), 1)
    plot = HEIGHT - TOP - LABEL
    parts = []
    for index, week in enumerate(weeks):
        height = round(plot * week.sessions / peak, 1)
        x = round(index * slot + slot * 0.15, 1)
        middle = round(index * slot + slot / 2, 1)
        words = f"Week of {week.monday:%b %-d}: {week.sessions} session" + (
            "s" if week.sessions != 1 else ""
        )
        parts.append(
            (
                x,
                round(TOP + plot - height, 1),
                round(slot * 0.7, 1),
                height,
                words,
                middle,
                round(TOP + plot - height - 6, 1),
                week.sessions,
                middle,
                HEIGHT - 6,
                f"{week.monday:%-m/%-d}",
            )
        )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#2e6b5e"><title>{}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="22">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="20">{}</text>',
        parts,
    )
    total = sum(week.sessions for week in weeks)
    label = (
        f"Sessions per week over the last {len(weeks)} weeks: {total} in all; "
        f"this week {weeks[-1].sessions if weeks else 0}."
    )
    return format_html(
        '<svg class="sessions-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" '
        'width="100%" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"></line>{}</svg>',
        label,
        WIDTH,
        HEIGHT,
        TOP + plot,
        WIDTH,
        TOP + plot,
        bars,
    )


def booked_since(since: dt.datetime) -> tuple[int, list[Booking]]:
    """How many bookings were made since `since`, and the newest few (two queries)."""
    made = Booking.objects.filter(created_at__gt=since)
    newest = made.select_related("service").order_by("-created_at", "-id")[:NEW_SHOWN]
    return made.count(), list(newest)
