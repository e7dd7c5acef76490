"""Admin wiring for privacy rights: a client's export and erasure pages."""

from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_rights_urls():
    return [
        path(
            "clients/<str:kind>/<int:pk>/export.<str:file_format>",
            admin_views.export,
            name="hearth_client_export",
        ),
        path("clients/<str:kind>/<int:pk>/erase/", admin_views.erase, name="hearth_client_erase"),
    ]
