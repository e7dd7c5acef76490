"""Admin wiring for privacy rights: a client's export and erasure pages."""

from django.urls import path, re_path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_rights_urls():
    return [
        re_path(
            r"^clients/(?P<kind>booking|registration)/(?P<pk>[0-9]+)/export\.(?P<file_format>json|csv)$",
            admin_views.export,
            name="hearth_client_export",
        ),
        path("clients/<str:kind>/<int:pk>/erase/", admin_views.erase, name="hearth_client_erase"),
    ]
