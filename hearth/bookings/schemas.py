"""Shapes of the JSON API's requests and answers for services and slots."""

from ninja import Schema


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
