"""Refusals carry a stable code, a status and a sentence; the API answers any of them as JSON."""

import json

from django.test import RequestFactory

from hearth.core.api import idempotency_key_of
from hearth.core.errors import (
    IdempotencyMismatch,
    Invalid,
    NotEligible,
    NotFound,
    RateLimited,
    Refused,
)


def test_each_refusal_has_its_code_and_status():
    assert [
        (kind.code, kind.status)
        for kind in (Refused, Invalid, NotFound, NotEligible, IdempotencyMismatch, RateLimited)
    ] == [
        ("invalid", 422),
        ("invalid", 422),
        ("not_found", 404),
        ("not_eligible", 422),
        ("idempotency_mismatch", 422),
        ("rate_limited", 429),
    ]
    error = NotEligible("Not from there.")
    assert (error.detail, str(error)) == ("Not from there.", "Not from there.")


def test_the_api_answers_a_refusal_with_its_code_status_and_sentence(client, db):
    response = client.get("/api/v1/bookings/1.forged")
    assert response.status_code == 404
    assert json.loads(response.content) == {
        "code": "not_found",
        "detail": "This link does not match a booking.",
    }


def test_idempotency_key_header_is_trimmed_and_stripped_of_nul():
    factory = RequestFactory()
    key = idempotency_key_of(
        factory.post("/", headers={"Idempotency-Key": " a\x00b " + "c" * 200})
    )
    assert key == ("ab " + "c" * 200)[:100]
    assert idempotency_key_of(factory.post("/", headers={"Idempotency-Key": "  "})) is None
    assert idempotency_key_of(factory.post("/")) is None
