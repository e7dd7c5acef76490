"""Signed-in sessions end after a while idle and after a fixed time at most."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import logout
from django.utils import timezone

SIGNED_IN_AT = "hearth_signed_in_at"
LAST_SEEN_AT = "hearth_last_seen_at"
# Writing the session on every click would cost a write per request; a minute is precise enough.
TOUCH_EVERY = dt.timedelta(minutes=1)


class SessionLifetimeMiddleware:
    """Log out a signed-in person idle for HEARTH_SESSION_IDLE_MINUTES, or signed in for
    HEARTH_SESSION_MAX_HOURS; the next page then asks them to sign in again.

    Times are kept in the session as POSIX seconds (UTC). Sessions of people not signed in
    are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request) -> None:
        now = timezone.now().timestamp()
        session = request.session
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen_at = session.get(LAST_SEEN_AT, now)
        idle_seconds = settings.HEARTH_SESSION_IDLE_MINUTES * 60
        max_seconds = settings.HEARTH_SESSION_MAX_HOURS * 3600
        if now - last_seen_at > idle_seconds or now - signed_in_at > max_seconds:
            logout(request)
            return
        if LAST_SEEN_AT not in session or now - last_seen_at >= TOUCH_EVERY.total_seconds():
            session[LAST_SEEN_AT] = now
