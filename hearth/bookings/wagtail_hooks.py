"""Admin wiring for bookings: registers the bookings viewset."""

from wagtail import hooks

from .admin_viewsets import BookingViewSet


@hooks.register("register_admin_viewset")
def register_bookings():
    return BookingViewSet("booking_admin")
