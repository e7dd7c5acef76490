"""Serve a cached public page before any other middleware runs (DESIGN.md "Caching").

wagtail-cache looks pages up last in the middleware, once the visitor is known, so every
hit paid for sessions, CSRF, authentication, messages and CSP. A request without a session
cookie cannot belong to a logged-in editor, so for it this middleware, placed first, looks
the page up at once. The cached response went through every middleware on its way into the
cache (wagtail-cache's storing middleware comes next, outside all the others), so it already
carries their headers (security headers, CSP, frame options); only the hit header is added
here, as the storing middleware would. A request that the security middleware would
redirect to HTTPS, static files and anyone else (a session, pending messages, the booking
flow, the API, the admin) goes the long way, and wagtail-cache decides as before.

One cache lookup per hit: wagtail-cache (like Django's cache middleware) first reads the
list of headers a page varies on, then the page stored under a key made from those
headers. Here the page's key is guessed from the header list this process last saw for the
address, and both are fetched in one round trip; the guess is only used when the header
list read back is the one it was made from, so a purge or a changed list is never missed.
"""

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import _generate_cache_header_key, _generate_cache_key
from wagtailcache.cache import (
    Status,
    _chop_cookies,
    _chop_querystring,
    _chop_response_vary,
    _patch_header,
)
from wagtailcache.settings import wagtailcache_settings

from hearth.content.page_cache import request_may_use_cache

# Header-list key -> the header list last read for it, in this process. Bounded: emptied
# when it grows past this many addresses (it only saves a second lookup).
KNOWN_HEADER_LISTS_LIMIT = 10_000
_known_header_lists: dict[str, list[str]] = {}


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
            and not request.path.startswith(settings.STATIC_URL)
            and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
            and request_may_use_cache(request)
        ):
            return None
        try:
            response = self.lookup(request)
        except Exception:
            return None  # wagtail-cache's lookup reports the error, marks it and goes on
        if response is not None:
            _patch_header(response, Status.HIT)
            _chop_response_vary(request, response)
        return response

    def lookup(self, request: HttpRequest) -> HttpResponse | None:
        # The same trimming of tracking query parameters and foreign cookies as
        # wagtail-cache's own lookup (which runs on a miss anyway), and the same keys.
        if request.META.get("QUERY_STRING"):
            _chop_querystring(request)
        if request.META.get("HTTP_COOKIE"):
            _chop_cookies(request)
        cache = caches[wagtailcache_settings.WAGTAIL_CACHE_BACKEND]
        prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        header_key = _generate_cache_header_key(prefix, request)
        known = _known_header_lists.get(header_key)
        guessed_key = (
            None if known is None else _generate_cache_key(request, request.method, known, prefix)
        )
        found = cache.get_many([header_key] if guessed_key is None else [header_key, guessed_key])
        header_list = found.get(header_key)
        if header_list is None:
            return None  # never stored, or purged
        if header_list == known:
            return found.get(guessed_key)
        if len(_known_header_lists) >= KNOWN_HEADER_LISTS_LIMIT:
            _known_header_lists.clear()
        _known_header_lists[header_key] = header_list
        return cache.get(_generate_cache_key(request, request.method, header_list, prefix))
