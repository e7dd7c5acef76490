"""A view that sets a CSRF cookie, for the page-cache tests."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path


def with_cookie(request):
    return HttpResponse(f"token {len(get_token(request))}")


urlpatterns = [path("with-cookie/", with_cookie)]
