"""The client's location check-in for a counseling session, reached from the manage page:
GET shows the form (prefilled from last time), POST confirms; a state outside the
practitioner's licenses ends on a plain page saying what happens next."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from hearth.core.errors import Refused
from hearth.core.jurisdictions import name_of

from .checkin_actions import Location, confirm_check_in
from .checkins import Stage, check_in_of, previous_answers, stage_of
from .forms import CheckInForm
from .manage_views import booking_context, booking_of


def _counseling(token: str):
    booking = booking_of(token)
    if not booking.is_counseling:
        raise Http404("This booking has no check-in.")
    return booking


@never_cache
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    booking = _counseling(token)
    manage_page = reverse("bookings:manage", args=[token])
    stage = stage_of(booking, check_in_of(booking), now=timezone.now())
    if stage not in (Stage.OPEN, Stage.CONFIRMED):
        return redirect(manage_page + "#check-in")
    context = booking_context(booking, token)
    if request.method != "POST":
        form = CheckInForm(initial=previous_answers(booking))
        return render(request, "bookings/check_in.html", context | {"form": form})
    form = CheckInForm(request.POST)
    if not form.is_valid():
        return render(request, "bookings/check_in.html", context | {"form": form}, status=422)
    try:
        confirmed = confirm_check_in(
            booking=booking, location=Location(**form.cleaned_data), now=timezone.now()
        )
    except Refused as error:
        context |= {"form": form, "error": error.detail}
        return render(request, "bookings/check_in.html", context, status=error.status)
    if confirmed.outside_licenses:
        return redirect(reverse("bookings:check_in_outside", args=[token]))
    return redirect(manage_page + "?checked_in=1#check-in")


@never_cache
def outside_licenses(request: HttpRequest, token: str) -> HttpResponse:
    """What happens when the client is where the practitioner cannot see them."""
    booking = _counseling(token)
    confirmed = check_in_of(booking)
    if confirmed is None or not confirmed.outside_licenses:
        return redirect(reverse("bookings:manage", args=[token]))
    context = booking_context(booking, token) | {
        "check_in": confirmed,
        "state_name": name_of(confirmed.state),
        "can_change": stage_of(booking, confirmed, now=timezone.now()) == Stage.CONFIRMED,
    }
    return render(request, "bookings/check_in_outside.html", context)
