"""The practitioner's private subscription feed (text/calendar), cheap to poll."""

import hashlib

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from hearth.bookings.models import Booking, BookingStatus

from .feed_ics import FeedEvent, feed_ics
from .queries import feed_bookings, feed_practitioner

FEED_FORMAT = "1"  # bump when the feed's layout changes, so every ETag changes with it


def feed_event(booking: Booking) -> FeedEvent:
    admin_url = settings.HEARTH_SITE_URL + reverse("booking_admin:inspect", args=[booking.pk])
    return FeedEvent(
        uid=f"{booking.reference}-feed@hearth",
        start=booking.start,
        end=booking.end,
        title=booking.client_name,
        description=f"Booking {booking.reference}.\nDetails: {admin_url}",
        url=admin_url,
        changed_at=booking.updated_at,
    )


@require_safe
def practitioner_feed(request: HttpRequest, token: str) -> HttpResponse:
    practitioner = feed_practitioner(token)
    if practitioner is None:
        raise Http404("No calendar feed at this address.")
    bookings = feed_bookings(practitioner, now=timezone.now())
    events = [feed_event(b) for b in bookings if b.status != BookingStatus.CANCELLED]
    name = f"{practitioner.name}: bookings"
    etag = '"' + hashlib.sha256(repr((FEED_FORMAT, name, events)).encode()).hexdigest()[:32] + '"'
    # Cancelled bookings leave the feed but still count as a change.
    changed = max((b.updated_at for b in bookings), default=None)
    last_modified = int(changed.timestamp()) if changed else None
    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:  # 304 Not Modified (or 412 for a failed If-Match)
        response = conditional
    else:
        body = feed_ics(
            name=name, events=events, refresh_minutes=settings.HEARTH_CALENDAR_REFRESH_MINUTES
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="bookings.ics"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
