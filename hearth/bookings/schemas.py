"""Shapes of the JSON API's requests and answers for services and slots."""

from ninja import Field, Schema

from hearth.core.schemas import ContactOk, Text


class ServiceOut(Schema):
    slug: str
    name: str
    kind: str
    duration_minutes: int
    price_cents: int
    currency: str
    locations: list[str]


class SlotOut(Schema):
    start: str
    end: str
    practitioners: list[str]


class SlotsOut(Schema):
    service: str
    tz: str
    slots: list[SlotOut]
    notice: str | None = None


class BookingIn(Schema):
    service: Text = Field(max_length=100)
    start: Text = Field(max_length=40)
    practitioner: Text | None = Field(default=None, max_length=100)
    name: Text = Field(max_length=200)
    email: Text = Field(max_length=254)
    phone: Text | None = Field(default=None, max_length=40)
    location: Text | None = Field(default=None, max_length=10)
    timezone: Text = Field(max_length=64)
    contact_ok: ContactOk | None = None
    message: Text | None = Field(default=None, max_length=2000)
    consent: bool


class RescheduleIn(Schema):
    start: Text = Field(max_length=40)


class BookingOut(Schema):
    reference: str
    token: str
    status: str
    start: str
    end: str
    practitioner: str
    manage_url: str
    intake_url: str | None = Field(
        description="Counseling bookings: the client's intake (forms to fill in and documents "
        "to sign before the first session), an absolute link as secret as manage_url. "
        "null for other kinds of service."
    )


class TakenOut(Schema):
    code: str
    detail: str
    alternatives: list[SlotOut]
