"""The admin's clock: times under /admin/ read in the signed-in user's chosen zone, or else
the practice's, never in the server's UTC."""

import zoneinfo

from django.utils import timezone
from wagtail.users.models import UserProfile

from .models import Practice

ADMIN_PREFIX = "/admin/"


class AdminTimeZoneMiddleware:
    """Activates the admin zone for /admin/ requests.

    Wagtail's admin views activate the profile's `current_time_zone` themselves and fall
    back to settings.TIME_ZONE (UTC). A user who has not chosen a zone is given the
    practice's, saved on the profile (Wagtail creates the profile row on first read the
    same way), so the account page shows it as the choice and every view agrees.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not request.path.startswith(ADMIN_PREFIX) or user is None or not user.is_authenticated:
            return self.get_response(request)
        profile = UserProfile.get_for_user(user)
        if not profile.current_time_zone:
            profile.current_time_zone = Practice.load().timezone
            profile.save(update_fields=["current_time_zone"])
        user.wagtail_userprofile = profile  # Wagtail's views read the zone from here
        with timezone.override(zoneinfo.ZoneInfo(profile.current_time_zone)):
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response
