"""What a booking change tells the client and the practitioner: outbox rows written in the
change's own transaction, a reminder planned and decided when due, the calendar file, and
the booking's video link. Minimum content (DESIGN "What a message may say")."""

import datetime as dt
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from hearth.core.jurisdictions import name_of
from hearth.notifications.actions import Attachment, plan_message, queue_email
from hearth.notifications.ics import CalendarEvent, Method, calendar_ics
from hearth.notifications.planning import register
from hearth.notifications.rendering import render_email
from hearth.practice.models import Practice

from .intake_links import intake_of, plan_intake_reminder
from .models import Booking, BookingStatus
from .tokens import manage_url

REMINDER = "booking.reminder"
OUTSIDE_LICENSES = "booking.practitioner_outside_licenses"
# The client's messages that link to their intake (counseling bookings only).
LINK_THE_INTAKE = ("confirmed", "intake_reminder")
# event -> (client template, practitioner template or None)
EVENTS = {
    "created": ("confirmed", "new"),
    "rescheduled": ("moved", "moved"),
    "cancelled": ("cancelled", "cancelled"),
    "cancelled_by_practice": ("cancelled_by_practice", "cancelled"),
}


def new_video_url(practice: Practice) -> str:
    """A fresh room at the practice's video provider (unguessable, unrelated to the
    reference); empty while the practice has not set one up."""
    if not practice.video_link_template:
        return ""
    return practice.video_link_template.replace("{room}", secrets.token_urlsafe(16))


def calendar_method(booking: Booking) -> Method:
    """CANCEL for a cancelled booking, else REQUEST (a new or moved time)."""
    return Method.CANCEL if booking.status == BookingStatus.CANCELLED else Method.REQUEST


def calendar_event(booking: Booking, practice: Practice, *, now: dt.datetime) -> CalendarEvent:
    """The booking's one calendar event: the same UID for its whole life, its SEQUENCE
    rising with each change; the URL is the video link when there is one."""
    link = manage_url(booking)
    video = f"Join by video: {booking.video_url}\n" if booking.video_url else ""
    return CalendarEvent(
        uid=f"{booking.reference}@hearth",
        start=booking.start,
        end=booking.end,
        title=f"Appointment with {booking.practitioner.name}",
        description=f"{video}To change or cancel: {link}",
        url=booking.video_url or link,
        stamped_at=now,
        sequence=booking.sequence,
        cancelled=booking.status == BookingStatus.CANCELLED,
        location=booking.video_url,
        organizer_email=practice.email,
        organizer_name=booking.practitioner.name,
    )


def booking_ics(booking: Booking, *, now: dt.datetime, practice: Practice | None = None) -> bytes:
    """The calendar file the emails carry and the manage page offers."""
    event = calendar_event(booking, practice or Practice.load(), now=now)
    return calendar_ics(events=[event], method=calendar_method(booking), product="Appointments")


def _context(booking: Booking, practice: Practice, note: str = "") -> dict:
    return {
        "note": note,
        "first_name": booking.client_name.split()[0] if booking.client_name.split() else "",
        "start": booking.start,
        "end": booking.end,
        "zone_name": booking.client_timezone,
        "practitioner_name": booking.practitioner.name,
        "video_url": booking.video_url,
        "manage_url": manage_url(booking),
        "reference": booking.reference,
        "practice_email": practice.email,
        "practice_phone": practice.phone,
        "admin_url": f"{settings.HEARTH_SITE_URL}/admin/",
    }


def render_booking_email(
    template: str, booking: Booking, practice: Practice, zone_name: str, note=""
):
    context = _context(booking, practice, note)
    if template in LINK_THE_INTAKE:
        context["intake"] = intake_of(booking)
    with timezone.override(ZoneInfo(zone_name)):
        return render_email(f"bookings/email/{template}", context)


def queue_booking_messages(
    *, booking: Booking, event: str, now: dt.datetime, note: str = ""
) -> int:
    """Queue what `event` ("created", "rescheduled", "cancelled", "cancelled_by_practice")
    tells the client (only if they said email is safe) and the practitioner; plan the
    reminder for a new time. `note` is the practice's words to the client, in the client's
    message only. Call inside the change's transaction. Returns rows queued."""
    practice = Practice.load()
    client_template, practitioner_template = EVENTS[event]
    queued = 0
    if booking.contact_email_ok:
        rendered = render_booking_email(
            client_template, booking, practice, booking.client_timezone, note
        )
        method = calendar_method(booking)
        ics = Attachment(
            "appointment.ics",
            booking_ics(booking, now=now, practice=practice).decode(),
            f"text/calendar; method={method}",
        )
        queue_email(
            to=booking.client_email,
            subject=rendered.subject,
            text=rendered.text,
            html=rendered.html,
            attachments=[ics],
            kind=f"booking.{client_template}",
            now=now,
            related=booking,
            reply_to=practice.email,
        )
        queued += 1
        if event in ("created", "rescheduled"):
            _plan_reminder(booking, now)
            plan_intake_reminder(booking=booking, now=now)
    if practitioner_template and booking.practitioner.email:
        rendered = render_booking_email(
            f"practitioner_{practitioner_template}",
            booking,
            practice,
            booking.practitioner.timezone,
        )
        queue_email(
            to=booking.practitioner.email,
            subject=rendered.subject,
            text=rendered.text,
            kind=f"booking.practitioner_{practitioner_template}",
            now=now,
            related=booking,
        )
        queued += 1
    return queued


def queue_outside_licenses_notice(*, booking: Booking, state: str, now: dt.datetime) -> None:
    """Tell the practitioner that the client confirmed a state where they hold no valid
    license on the session's date (no service kind, no client words: the state's name and
    the booking's reference, time and admin page)."""
    if not booking.practitioner.email:
        return
    context = _context(booking, Practice.load()) | {
        "state_name": name_of(state),
        "zone_name": booking.practitioner.timezone,
        "booking_admin_url": settings.HEARTH_SITE_URL
        + reverse("booking_admin:inspect", args=[booking.pk]),
    }
    with timezone.override(ZoneInfo(booking.practitioner.timezone)):
        rendered = render_email("bookings/email/practitioner_outside_licenses", context)
    queue_email(
        to=booking.practitioner.email,
        subject=rendered.subject,
        text=rendered.text,
        kind=OUTSIDE_LICENSES,
        now=now,
        related=booking,
    )


def _plan_reminder(booking: Booking, now: dt.datetime) -> None:
    hours = booking.service.reminder_hours
    due_at = booking.start - dt.timedelta(hours=hours)
    if hours and due_at > now:
        plan_message(kind=REMINDER, related=booking, planned_for=booking.start, due_at=due_at)


def booking_still_due(planned, now: dt.datetime) -> Booking | None:
    """The booking a planned client message is about, if it should still go out: not
    cancelled, not moved (its new time has its own message), not started, and email still
    safe for the client."""
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
        return None
    return booking


def queue_client_email(booking: Booking, template: str, *, kind: str, now: dt.datetime) -> int:
    """One email to the client, in their own zone, replies going to the practice."""
    practice = Practice.load()
    rendered = render_booking_email(template, booking, practice, booking.client_timezone)
    queue_email(
        to=booking.client_email,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        kind=kind,
        now=now,
        related=booking,
        reply_to=practice.email,
    )
    return 1


@register(REMINDER)
def build_reminder(planned, now: dt.datetime) -> int:
    """Decided when due (see booking_still_due)."""
    booking = booking_still_due(planned, now)
    if booking is None:
        return 0
    return queue_client_email(booking, "reminder", kind=REMINDER, now=now)
