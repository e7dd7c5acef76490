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

from hashlib import md5

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import _i18n_cache_key_suffix
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
# What an address is made of (PageKeys.address_of) -> the hash of the absolute address
# Django's keys use, in this process; bounded the same way.
_url_hashes: dict[tuple, str] = {}


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
        keys = PageKeys(request)
        known = _known_header_lists.get(keys.header_key)
        guessed_key = None if known is None else keys.page_key(known)
        found = cache.get_many(
            [keys.header_key] if guessed_key is None else [keys.header_key, guessed_key]
        )
        header_list = found.get(keys.header_key)
        if header_list is None:
            return None  # never stored, or purged
        if header_list == known:
            return found.get(guessed_key)
        if len(_known_header_lists) >= KNOWN_HEADER_LISTS_LIMIT:
            _known_header_lists.clear()
        _known_header_lists[keys.header_key] = header_list
        return cache.get(keys.page_key(header_list))


class PageKeys:
    """The keys Django's cache middleware (and so wagtail-cache) gives a request's header
    list and page, as django.utils.cache makes them, with the address and the language and
    zone suffix worked out once rather than once per key (a test holds them equal)."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.prefix = settings.CACHE_MIDDLEWARE_KEY_PREFIX
        address = self.address_of(request)
        url_hash = _url_hashes.get(address)
        if url_hash is None:
            # build_absolute_uri checks the host against ALLOWED_HOSTS (and raises for
            # another): a hash is only kept for an address that passed.
            url_hash = md5(
                request.build_absolute_uri().encode("ascii"), usedforsecurity=False
            ).hexdigest()
            if len(_url_hashes) >= KNOWN_HEADER_LISTS_LIMIT:
                _url_hashes.clear()
            _url_hashes[address] = url_hash
        self.url_hash = url_hash
        self.suffix = _i18n_cache_key_suffix(request, "")
        self.header_key = (
            f"views.decorators.cache.cache_header.{self.prefix}.{self.url_hash}{self.suffix}"
        )

    @staticmethod
    def address_of(request: HttpRequest) -> tuple:
        """Everything build_absolute_uri() reads: the scheme, what get_host() reads, the
        path and the query string."""
        meta = request.META
        return (
            request.scheme,
            meta.get("HTTP_X_FORWARDED_HOST"),
            meta.get("HTTP_HOST"),
            meta.get("SERVER_NAME"),
            meta.get("SERVER_PORT"),
            meta.get("HTTP_X_FORWARDED_PORT"),
            request.path,
            meta.get("QUERY_STRING"),
        )

    def page_key(self, header_list: list[str]) -> str:
        context = md5(usedforsecurity=False)
        for header in header_list:
            value = self.request.META.get(header)
            # An absent header must not share a key with an empty one (as Django does).
            context.update(b"-," if value is None else value.encode())
        return (
            f"views.decorators.cache.cache_page.{self.prefix}.{self.request.method}."
            f"{self.url_hash}.{context.hexdigest()}{self.suffix}"
        )
