"""Shapes of the JSON API's requests and answers for workshops and registrations."""

from ninja import Field, Schema

from hearth.core.schemas import ContactOk, Text


class SessionOut(Schema):
    start: str
    end: str


class WorkshopOut(Schema):
    slug: str
    title: str
    status: str
    capacity: int
    seats_left: int
    waitlist_length: int
    sessions: list[SessionOut]


class RegistrationIn(Schema):
    name: Text = Field(max_length=200)
    email: Text = Field(max_length=254)
    location: Text = Field(max_length=10)
    timezone: Text = Field(max_length=64)
    contact_ok: ContactOk | None = None
    consent: bool


class RegistrationOut(Schema):
    reference: str
    token: str
    status: str
    position: int | None
    manage_url: str
