"""The reminder to fill in the intake, 48 hours before a counseling booking: decided when
due, sent only if the intake is still not complete, the booking still confirmed at the time
it was planned for, and email still safe for the client. No clinical words: "your forms"."""

import datetime as dt

from hearth.notifications.actions import queue_email
from hearth.notifications.planning import register
from hearth.practice.models import Practice

from .intake_links import INTAKE_REMINDER, intake_of
from .models import Booking, BookingStatus
from .notify import render_booking_email


@register(INTAKE_REMINDER)
def build_intake_reminder(planned, now: dt.datetime) -> int:
    booking = (
        Booking.objects.select_related("practitioner", "service")
        .filter(pk=planned.related_id)
        .first()
    )
    if (
        booking is None
        or booking.status != BookingStatus.CONFIRMED
        or booking.start != planned.planned_for
        or booking.start <= now
        or not booking.contact_email_ok
    ):
        return 0
    intake = intake_of(booking)
    if intake is None or intake.is_complete:
        return 0
    practice = Practice.load()
    rendered = render_booking_email("intake_reminder", booking, practice, booking.client_timezone)
    queue_email(
        to=booking.client_email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        kind=INTAKE_REMINDER,
        now=now,
        related=booking,
        reply_to=practice.email,
    )
    return 1
