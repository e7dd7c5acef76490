"""The public JSON API, v1: each app contributes its router."""

from hearth.bookings.api import router as services_router
from hearth.bookings.api_bookings import router as bookings_router
from hearth.core.api import build_api
from hearth.workshops.api import router as workshops_router

api = build_api()
api.add_router("", services_router)
api.add_router("", bookings_router)
api.add_router("", workshops_router)
