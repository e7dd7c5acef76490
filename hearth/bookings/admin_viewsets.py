"""Admin viewset for bookings: a filterable list, the booking's page and its actions."""

from django.urls import path

from hearth.core.admin_viewsets import ReadOnlyViewSet

from . import admin_practice, admin_views
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
    inspect_view_class = admin_views.BookingPageView
    form_fields = ["status"]  # required by ModelViewSet; the edit view is not routed
    kept_views = ReadOnlyViewSet.kept_views | {"history", "history_results"}

    def action_urlpatterns(self):
        views = (
            ("cancel/<int:pk>/", admin_views.CancelBookingView, "cancel"),
            ("attendance/<int:pk>/", admin_views.AttendanceView, "attendance"),
            ("note/<int:pk>/", admin_views.PracticeNoteView, "note"),
            ("move/<int:pk>/", admin_practice.MoveBookingView, "move"),
        )
        return [path(route, self.construct_view(view), name=name) for route, view, name in views]
