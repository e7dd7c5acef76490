"""The practitioner's private subscription feed (text/calendar), cheap to poll."""

import hashlib

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .feed_ics import feed_ics
from .queries import feed_practitioner, practitioner_feed

FEED_FORMAT = "1"  # bump when the feed's layout changes, so every ETag changes with it


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    practitioner = feed_practitioner(token)
    if practitioner is None:
        raise Http404("No calendar feed at this address.")
    content = practitioner_feed(practitioner, now=timezone.now())
    # The ETag comes from the feed's input, so an unchanged feed is answered without
    # writing the calendar file at all.
    digest = hashlib.sha256(repr((FEED_FORMAT, content.name, content.events)).encode())
    etag = f'"{digest.hexdigest()[:32]}"'
    last_modified = int(content.changed_at.timestamp()) if content.changed_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:  # else 304 Not Modified (or 412 for a failed If-Match)
        body = feed_ics(
            name=content.name,
            events=content.events,
            refresh_minutes=settings.HEARTH_CALENDAR_REFRESH_MINUTES,
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
