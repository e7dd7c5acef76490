"""Admin viewset of workshops: the list with roster, CSV, message and cancel for each."""

from django.urls import path
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .models import Workshop


class WorkshopViewSet(ModelViewSet):
    """Register with `edit_handler` set to the workshop panels (they carry the admin form)."""

    model = Workshop
    icon = "group"
    menu_label = "Workshops"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = admin_views.WorkshopIndexView
    edit_view_class = admin_views.WorkshopEditView
    delete_view_class = admin_views.WorkshopDeleteView
    list_display = ["title", "status", "capacity", "seats_taken", "registration_deadline"]
    list_filter = ["status", "practitioner"]
    search_fields = ["title", "slug"]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(url_namespace=self.name, **kwargs)

    def get_urlpatterns(self):
        views = (
            ("roster/<int:pk>/", admin_views.RosterView, "roster"),
            ("roster/<int:pk>/csv/", admin_views.RosterCsvView, "roster_csv"),
            ("message/<int:pk>/", admin_views.MessageAttendeesView, "message"),
            ("cancel/<int:pk>/", admin_views.CancelWorkshopView, "cancel"),
        )
        return [
            *super().get_urlpatterns(),
            *(path(route, self.construct_view(view), name=name) for route, view, name in views),
        ]
