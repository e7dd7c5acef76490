"""Admin registration of the intake: questions, documents and each client's intake page."""

from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_intake_urls():
    return [path("intake/clients/<int:pk>/", admin_views.packet, name="hearth_intake_packet")]
