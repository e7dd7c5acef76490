"""Admin wiring for notifications: the outbox viewset and its dashboard warning."""

from wagtail import hooks

from .admin_dashboard import OutboxHealthPanel
from .admin_viewsets import OutboxViewSet


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox_admin")


@hooks.register("construct_homepage_panels")
def add_outbox_health(request, panels):
    panels.append(OutboxHealthPanel())
