"""Plain Django views (one sets a CSRF cookie), for the page-cache tests."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from hearth.content.page_cache import mark_cacheable


def with_cookie(request):
    # Marked as a page would be: only the cookie keeps it out of the cache.
    return mark_cacheable(HttpResponse(f"token {len(get_token(request))}"))


def marked(request):
    return mark_cacheable(HttpResponse("marked"))


def plain(request):
    return HttpResponse("plain")


urlpatterns = [
    path("with-cookie/", with_cookie),
    path("plain/", plain),
    path("marked/", marked),
]
