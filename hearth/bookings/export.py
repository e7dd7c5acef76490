"""The bookings of a date range as CSV rows for the practice: times in the admin's zone and
labelled with it, every cell safe to open in a spreadsheet (core/csv_cells.py).

The client's message and the practice's note are left out: a spreadsheet travels further
than the admin does."""

import datetime as dt
from zoneinfo import ZoneInfo

from hearth.core.csv_cells import formula_safe_row

from .models import Booking

MAX_DAYS = 366


def _when(moment: dt.datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def header(zone: ZoneInfo) -> list[str]:
    return [
        "Reference",
        "Status",
        "Service",
        "Practitioner",
        f"Start ({zone.key})",
        f"End ({zone.key})",
        "Client name",
        "Email",
        "Phone",
        "Location",
        "Client's zone",
        "OK to email",
        "OK to text",
        "OK to leave voicemail",
        f"Booked at ({zone.key})",
    ]


def bookings_rows(*, first: dt.date, last: dt.date, zone: ZoneInfo) -> list[list[str]]:
    """Every booking starting on the dates [first, last] in `zone` (cancelled ones too, with
    their status), by start; one query."""
    since = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    bookings = (
        Booking.objects.filter(start__gte=since, start__lt=until)
        .select_related("service", "practitioner")
        .order_by("start", "id")
    )
    return [
        formula_safe_row(
            [
                b.reference,
                b.get_status_display(),
                b.service.name,
                b.practitioner.name,
                _when(b.start, zone),
                _when(b.end, zone),
                b.client_name,
                b.client_email,
                b.client_phone,
                b.location,
                b.client_timezone,
                _yes(b.contact_email_ok),
                _yes(b.contact_text_ok),
                _yes(b.contact_voicemail_ok),
                _when(b.created_at, zone),
            ]
        )
        for b in bookings
    ]
