"""Request keys: a repeat gets the first row back, other fields are refused, scopes are apart.

RateCounter rows stand in for the bookings and registrations the keys point to."""

import datetime as dt

import pytest
from django.db import IntegrityError

from hearth.core.errors import IdempotencyMismatch
from hearth.core.idempotency import claim_key, fingerprint_of, write_once
from hearth.core.models import IdempotencyKey, RateCounter

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


def writer(name: str = "row"):
    return lambda: RateCounter.objects.create(key=name, window_start=NOW)


def once(key, fields, *, scope="booking", now=NOW, write=None):
    return write_once(
        scope=scope,
        key=key,
        fingerprint=fingerprint_of(fields),
        now=now,
        rows=RateCounter.objects,
        write=write or writer(),
    )


def test_fingerprint_ignores_the_order_of_fields():
    assert fingerprint_of({"a": 1, "b": "x"}) == fingerprint_of({"b": "x", "a": 1})
    assert fingerprint_of({"a": 1}) != fingerprint_of({"a": 2})
    assert len(fingerprint_of({})) == 64


def test_a_repeat_with_the_same_fields_gets_the_first_row():
    first, created = once("k", {"a": 1})
    again, created_again = once("k", {"a": 1}, write=writer("second"))
    assert (created, created_again, again.pk) == (True, False, first.pk)
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["row"]
    key = IdempotencyKey.objects.get()
    assert (key.scope, key.key, key.target_id) == ("booking", "k", first.pk)


def test_other_fields_are_refused_with_a_sentence_naming_the_scope():
    once("k", {"a": 1}, scope="registration")
    with pytest.raises(IdempotencyMismatch) as caught:
        once("k", {"a": 2}, scope="registration", write=writer("second"))
    assert caught.value.detail == (
        "This request key was already used for a different registration. "
        "Reload the form to start a new registration."
    )
    assert (caught.value.code, caught.value.status) == ("idempotency_mismatch", 422)
    assert RateCounter.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_scopes_keep_their_keys_apart():
    booking, _ = once("k", {"a": 1}, scope="booking")
    registration, created = once("k", {"a": 1}, scope="registration", write=writer("second"))
    assert created is True and registration.pk != booking.pk
    assert IdempotencyKey.objects.count() == 2


def test_without_a_key_every_request_writes():
    assert once(None, {"a": 1})[1] is True and once(None, {"a": 1}, write=writer("b"))[1] is True
    assert RateCounter.objects.count() == 2 and IdempotencyKey.objects.count() == 0


def test_keys_are_forgotten_after_the_configured_hours(settings):
    settings.HEARTH_IDEMPOTENCY_HOURS = 48
    once("k", {"a": 1})
    later = NOW + dt.timedelta(hours=48, seconds=1)
    row, created = once("k", {"a": 2}, now=later, write=writer("second"))
    assert created is True and row.key == "second"
    assert IdempotencyKey.objects.get().created_at == later


def test_a_refused_write_does_not_burn_its_key():
    def refuse():
        raise IdempotencyMismatch("no")

    with pytest.raises(IdempotencyMismatch):
        once("k", {"a": 1}, write=refuse)
    assert IdempotencyKey.objects.count() == 0


def test_an_integrity_error_without_a_claimed_key_reaches_the_caller():
    def clash():
        RateCounter.objects.create(key="same", window_start=NOW)
        return RateCounter.objects.create(key="same", window_start=NOW)

    with pytest.raises(IntegrityError):
        once("k", {"a": 1}, write=clash)
    assert IdempotencyKey.objects.count() == 0 and RateCounter.objects.count() == 0


def test_a_key_whose_row_is_gone_is_refused():
    row, _ = once("k", {"a": 1})
    row.delete()
    with pytest.raises(IdempotencyMismatch):
        claim_key(
            scope="booking",
            key="k",
            fingerprint=fingerprint_of({"a": 1}),
            now=NOW,
            rows=RateCounter.objects,
        )
