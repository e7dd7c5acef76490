"""The reminder to fill in the intake, 48 hours before a counseling booking: decided when
due, sent only if the intake is still not complete, the booking still confirmed at the time
it was planned for, and email still safe for the client. No clinical words: "your forms"."""

import datetime as dt

from hearth.notifications.planning import register

from .intake_links import INTAKE_REMINDER, intake_of
from .notify import booking_still_due, queue_client_email


@register(INTAKE_REMINDER)
def build_intake_reminder(planned, now: dt.datetime) -> int:
    booking = booking_still_due(planned, now)
    if booking is None:
        return 0
    intake = intake_of(booking)
    if intake is None or intake.is_complete:
        return 0
    return queue_client_email(booking, "intake_reminder", kind=INTAKE_REMINDER, now=now)
