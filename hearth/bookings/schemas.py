"""Shapes of the JSON API's requests and answers for services and slots."""

from ninja import Field, Schema


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


class ErrorOut(Schema):
    code: str
    detail: str | list[dict]


class ContactOk(Schema):
    email: bool = True
    text: bool = False
    voicemail: bool = False


class BookingIn(Schema):
    service: str = Field(max_length=100)
    start: str = Field(max_length=40)
    practitioner: str | None = Field(default=None, max_length=100)
    name: str = Field(max_length=200)
    email: str = Field(max_length=254)
    phone: str | None = Field(default=None, max_length=40)
    location: str | None = Field(default=None, max_length=10)
    timezone: str = Field(max_length=64)
    contact_ok: ContactOk | None = None
    message: str | None = Field(default=None, max_length=2000)
    consent: bool


class RescheduleIn(Schema):
    start: str = Field(max_length=40)


class BookingOut(Schema):
    reference: str
    token: str
    status: str
    start: str
    end: str
    practitioner: str
    manage_url: str


class TakenOut(Schema):
    code: str
    detail: str
    alternatives: list[SlotOut]
