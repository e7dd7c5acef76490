"""Admin wiring for bookings: registers the bookings viewset and the agenda."""

from django.urls import path, reverse
from wagtail import hooks

from . import admin_agenda, admin_clients, admin_practice
from .admin_dashboard import ComingUpPanel, NewSinceLastVisitPanel, SessionsChartPanel
from .admin_viewsets import BookingViewSet


@hooks.register("register_admin_viewset")
def register_bookings():
    return BookingViewSet("booking_admin")


@hooks.register("register_admin_urls")
def register_agenda_urls():
    return [
        path("agenda/", admin_agenda.agenda, name="hearth_agenda"),
        path("agenda/book/", admin_practice.book, name="hearth_book_for_client"),
        path("agenda/block/", admin_practice.block, name="hearth_block_time"),
        path("agenda/unblock/", admin_practice.unblock, name="hearth_unblock_time"),
        path("clients/", admin_clients.clients, name="hearth_clients"),
        path("clients/bookings.csv", admin_clients.bookings_csv, name="hearth_bookings_csv"),
        path(
            "clients/<str:kind>/<int:pk>/",
            admin_clients.client,
            name="hearth_client",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_agenda_menu_item():
    # First in the menu: the practitioner starts the day here.
    return admin_agenda.AgendaMenuItem(
        "Agenda", reverse("hearth_agenda"), icon_name="calendar", order=1
    )


@hooks.register("register_admin_menu_item")
def register_clients_menu_item():
    return admin_clients.ClientsMenuItem(
        "Clients", reverse("hearth_clients"), icon_name="group", order=2
    )


@hooks.register("construct_homepage_panels")
def add_coming_up(request, panels):
    if request.user.has_perm(admin_agenda.PERMISSION):
        panels.append(ComingUpPanel())
        panels.append(NewSinceLastVisitPanel(request))
        panels.append(SessionsChartPanel())
