"""Admin wiring of workshops: registers the workshops viewset."""

from wagtail import hooks

from .admin_viewsets import WorkshopViewSet

NAMESPACE = "workshop_admin"


@hooks.register("register_admin_viewset")
def register_workshops():
    return WorkshopViewSet(NAMESPACE)
