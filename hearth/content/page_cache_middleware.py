"""Serve a cached public page before the per-visitor middleware runs (DESIGN.md "Caching").

wagtail-cache looks pages up last in the middleware, once the visitor is known, so every
hit paid for sessions, CSRF, authentication, messages and CSP. A request without a session
cookie cannot belong to a logged-in editor, so for it this middleware, placed right after
the security and static-file middleware, looks the page up first and answers at once.
The cached response went through every middleware on its way into the cache (the storing
middleware is the outermost), so it already carries their headers (CSP, frame options).
Everyone else (a session, pending messages, the booking flow, the API, the admin) goes the
long way, and wagtail-cache decides as before.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from wagtailcache.cache import _get_cache_key
from wagtailcache.settings import wagtailcache_settings

from hearth.content.page_cache import request_may_use_cache


class ServeCachedPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.cached_response(request)
        return self.get_response(request) if response is None else response

    def cached_response(self, request: HttpRequest) -> HttpResponse | None:
        """The stored page for an anonymous visitor's GET or HEAD, or None to go on."""
        if not (
            wagtailcache_settings.WAGTAIL_CACHE
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and request_may_use_cache(request)
        ):
            return None
        cache = caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND]
        try:
            # The same key, and the same trimming of foreign cookies and tracking query
            # parameters, as wagtail-cache's own lookup, which runs on a miss anyway.
            cache_key = _get_cache_key(request, cache)
            response = cache.get(cache_key) if cache_key is not None else None
        except Exception:
            return None  # wagtail-cache's lookup reports the error, marks it and goes on
        if response is not None:
            request._wagtailcache_update = False  # the storing middleware marks it a hit
        return response
