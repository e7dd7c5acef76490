"""URL routes: the admin, Wagtail's documents and the page tree last."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api
from hearth.content import views as content_views
from hearth.core.api import api_not_found
from hearth.install.admin_views import SecondFactorView
from hearth.install.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", api_not_found),
    path("book/", include("hearth.bookings.urls")),
    path("workshops/", include("hearth.workshops.urls")),
    path("intake/", include("hearth.intake.urls")),
    path("calendars/", include("hearth.bookings.feed_urls")),
    path("engagement/", include("hearth.engagement.urls")),
    # Before the admin's own routes: wagtail-2fa's code page, with the device choice
    # django-otp requires (same address and name, so wagtail-2fa's redirects land here).
    path("admin/2fa/auth", SecondFactorView.as_view(), name="wagtail_2fa_auth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("search/", content_views.search, name="search"),
    path("sitemap.xml", sitemap),
    path("robots.txt", content_views.robots_txt),
    path("favicon.ico", content_views.favicon),
    path("", include(wagtail_urls)),
]
