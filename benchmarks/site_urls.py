"""The site's routes plus /bench/hello/, a bare Django view to compare pages against."""

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from config.urls import urlpatterns as site_urlpatterns


@never_cache  # the baseline is Django rendering a response, not a page-cache hit
def hello(request):
    return HttpResponse("Hello, world.", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello), *site_urlpatterns]
