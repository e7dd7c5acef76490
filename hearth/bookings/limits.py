"""How many upcoming bookings of one service one person (an email address) may hold."""

import datetime as dt

from django.conf import settings

from hearth.practice.models import Service

from .errors import TooManyUpcoming
from .models import Booking


def upcoming_allowed(service: Service) -> int:
    """The most upcoming active bookings of `service` one email address may hold (0 = no
    limit): HEARTH_FUTURE_BOOKINGS_PER_SERVICE by the service's slug, else by its kind."""
    limits = settings.HEARTH_FUTURE_BOOKINGS_PER_SERVICE
    return int(limits.get(service.slug, limits.get(service.kind, 0)))


def check_upcoming_bookings(*, service: Service, email: str, now: dt.datetime) -> None:
    """Raise TooManyUpcoming when `email` already holds as many bookings of `service` starting
    after `now` as it may. The sentence names no date: anyone can type an address."""
    allowed = upcoming_allowed(service)
    if allowed <= 0:
        return
    held = (
        Booking.objects.active()
        .filter(service=service, client_email__iexact=email, start__gt=now)
        .count()
    )
    if held >= allowed:
        times = "one booking" if allowed == 1 else f"{allowed} bookings"
        raise TooManyUpcoming(
            f"This email address already has {times} of “{service.name}” coming up, as many "
            "as one person can hold. To choose another time, use the link in your "
            "confirmation email to move it."
        )
