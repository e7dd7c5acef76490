"""The whole-page cache of public pages: which requests and responses it may keep, and purging.

wagtail-cache's middleware stores and serves the pages; this module holds our rules
(DESIGN.md "Caching"). Only anonymous GET/HEAD requests outside the booking flow, the API,
the admin and search are looked up. Only responses a public page marked as cacheable
(`SitePage.page_cache_allowed`; a page with a form says no) are stored, and only when they
are a plain 200 that sets no cookie: any other view is never stored, whatever it returns.
Anything published, unpublished, moved or deleted, and any edit of the practice data or the
site settings that pages show, empties the page cache once the change is committed.
"""

from django.contrib.messages.storage.cookie import CookieStorage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from wagtailcache.cache import clear_cache

# Never looked up or stored: forms, live data, private pages, per-visitor search terms.
UNCACHED_PREFIXES = (
    "/admin/",
    "/api/",
    "/book/",
    "/calendars/",
    "/search/",
    "/documents/",
    "/media/",
    "/healthz",
)
# Set on a response by a page that allows caching; travels with the cached copy.
CACHEABLE_ATTRIBUTE = "hearth_page_cacheable"


def request_may_use_cache(request: HttpRequest) -> bool:
    """False for paths that are never cached and for visitors with pending messages."""
    if request.path.startswith(UNCACHED_PREFIXES):
        return False
    return CookieStorage.cookie_name not in request.COOKIES


def response_may_be_cached(response: HttpResponse) -> bool:
    """Only a public page's plain 200 that sets no cookie (no CSRF token, session, message)."""
    return (
        getattr(response, CACHEABLE_ATTRIBUTE, False)
        and response.status_code == 200
        and not response.cookies
    )


def mark_cacheable(response: HttpResponse) -> HttpResponse:
    setattr(response, CACHEABLE_ATTRIBUTE, True)
    return response


def mark_never_cached(response: HttpResponse) -> HttpResponse:
    """Keep a response out of the page cache (and out of browsers' caches)."""
    add_never_cache_headers(response)
    return response


def purge_page_cache(**_signal_kwargs) -> None:
    """Empty the page cache now and again after the current transaction commits.

    The second purge matters: a page rendered by another worker before the commit still
    shows the old content and may have been stored in between.
    """
    clear_cache()
    transaction.on_commit(clear_cache)
