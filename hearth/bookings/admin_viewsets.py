"""Admin viewset for bookings: a filterable list, a detail view, cancel with a note."""

from django.urls import path

from hearth.core.admin_viewsets import ReadOnlyViewSet

from .admin_views import CancelBookingView
from .models import Booking


class BookingViewSet(ReadOnlyViewSet):
    """Bookings are made by clients; the admin looks, marks and cancels."""

    model = Booking
    icon = "date"
    menu_label = "Bookings"
    menu_order = 150
    add_to_admin_menu = True
    list_display = ["reference", "start", "service", "practitioner", "client_name", "status"]
    list_filter = {"status": ["exact"], "service": ["exact"], "start": ["date__gte", "date__lte"]}
    search_fields = ["reference", "client_name", "client_email"]
    ordering = ["-start"]
    inspect_view_fields = [
        "reference",
        "status",
        "service",
        "practitioner",
        "start",
        "end",
        "client_name",
        "client_email",
        "client_phone",
        "location",
        "client_timezone",
        "contact_email_ok",
        "contact_text_ok",
        "contact_voicemail_ok",
        "message",
        "created_at",
    ]
    form_fields = ["status"]  # required by ModelViewSet; the edit view is not routed
    kept_views = ReadOnlyViewSet.kept_views | {"history", "history_results"}

    def action_urlpatterns(self):
        cancel = self.construct_view(CancelBookingView)
        return [path("cancel/<int:pk>/", cancel, name="cancel")]
