"""Admin viewset of workshops: the list with roster, CSV, message and cancel for each."""

from django.urls import path
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from . import admin_views
from .admin_forms import WorkshopForm
from .models import Workshop

PANELS = ObjectList(
    [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("practitioner"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("location_policy"), FieldPanel("location_codes")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("video_url")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("price_cents"), FieldPanel("currency")]),
        FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("offer_hold_hours")]),
        InlinePanel("sessions", heading="Sessions", label="Session", min_num=1),
    ],
    base_form_class=WorkshopForm,
)


class WorkshopViewSet(ModelViewSet):
    model = Workshop
    edit_handler = PANELS  # carries the admin form, which saves through update_workshop
    icon = "group"
    menu_label = "Workshops"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = admin_views.WorkshopIndexView
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
