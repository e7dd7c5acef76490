import datetime as dt

import pytest
import time_machine
from django.test import override_settings

from hearth.bookings.models import Booking
from hearth.bookings.tokens import manage_token
from hearth.intake.models import IntakePacket
from hearth.intake.tokens import packet_token

from .conftest import NOW

pytestmark = pytest.mark.django_db
START = "2027-03-10T12:00:00-05:00"  # 09:00 in Los Angeles, a Wednesday


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


def body(**changes) -> dict:
    return {
        "service": "counseling",
        "start": START,
        "name": "Alex",
        "email": "alex@example.org",
        "location": "ID",
        "timezone": "America/New_York",
        "contact_ok": {"email": True, "text": False, "voicemail": True},
        "consent": True,
    } | changes


def post(client, data, key=None, path="/api/v1/bookings"):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(path, data, content_type="application/json", headers=headers)


def test_booking_is_created_with_201_and_a_manage_link(client, practice):
    response = post(client, body())
    assert response.status_code == 201
    booking = Booking.objects.get()
    token = manage_token(booking.pk)
    packet = IntakePacket.objects.get()
    assert (packet.practitioner_id, packet.client_email) == (
        booking.practitioner_id,
        booking.client_email.lower(),
    )
    assert response.json() == {
        "reference": booking.reference,
        "token": token,
        "status": "confirmed",
        "start": "2027-03-10T12:00:00-05:00",
        "end": "2027-03-10T12:50:00-05:00",
        "practitioner": "sam",
        "manage_url": f"http://127.0.0.1:8000/book/manage/{token}/",
        "intake_url": f"http://127.0.0.1:8000/intake/{packet_token(packet.pk)}/",
    }
    assert (booking.contact_email_ok, booking.contact_text_ok, booking.contact_voicemail_ok) == (
        True,
        False,
        True,
    )
    assert client.get(f"/api/v1/bookings/{token}").json() == response.json()


def test_replay_with_the_key_is_200_with_the_same_body(client, practice):
    first = post(client, body(), key="abc")
    again = post(client, body(), key="abc")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    mismatch = post(client, body(name="Sam"), key="abc")
    assert (mismatch.status_code, mismatch.json()["code"]) == (422, "idempotency_mismatch")
    assert Booking.objects.count() == 1


def test_taken_time_is_409_with_alternatives_in_the_clients_zone(client, practice):
    post(client, body())
    response = post(client, body(email="b@example.org"))
    assert response.status_code == 409
    assert response.json() == {
        "code": "slot_taken",
        "detail": "That time was just taken. Please choose another time.",
        "alternatives": [
            {
                "start": "2027-03-10T13:00:00-05:00",
                "end": "2027-03-10T13:50:00-05:00",
                "practitioners": ["sam"],
            },
            {
                "start": "2027-03-17T12:00:00-04:00",
                "end": "2027-03-17T12:50:00-04:00",
                "practitioners": ["sam"],
            },
            {
                "start": "2027-03-17T12:30:00-04:00",
                "end": "2027-03-17T13:20:00-04:00",
                "practitioners": ["sam"],
            },
        ],
    }
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "status", "code"),
    [
        ({"location": "OR"}, 422, "not_eligible"),
        ({"location": None}, 422, "location_required"),
        ({"location": "ZZ"}, 422, "invalid"),
        ({"consent": False}, 422, "invalid"),
        ({"email": "not-an-email"}, 422, "invalid"),
        ({"timezone": "Nowhere/Land"}, 422, "invalid"),
        ({"start": "2027-03-10T12:00:00"}, 422, "invalid"),
        ({"start": "soon"}, 422, "invalid"),
        ({"service": "nope"}, 404, "not_found"),
        ({"start": "2027-03-10T12:10:00-05:00"}, 409, "slot_taken"),
        ({"name": "   "}, 422, "invalid"),
        ({"name": "Al\x00ex"}, 422, "invalid"),
        ({"service": "counseling\x00"}, 422, "invalid"),
        ({"message": "\x00"}, 422, "invalid"),
    ],
)
def test_refusals_have_codes_and_write_nothing(client, practice, changes, status, code):
    response = post(client, body(**changes))
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert Booking.objects.count() == 0


def test_malformed_json_is_invalid(client, practice):
    response = client.post("/api/v1/bookings", "{nope", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (422, "invalid")
    assert Booking.objects.count() == 0


def test_cancel_and_reschedule_through_the_api(client, practice):
    token = post(client, body()).json()["token"]
    moved = client.post(
        f"/api/v1/bookings/{token}/reschedule",
        {"start": "2027-03-10T13:00:00-05:00"},
        content_type="application/json",
    )
    assert (moved.status_code, moved.json()["start"]) == (200, "2027-03-10T13:00:00-05:00")
    cancelled = client.post(f"/api/v1/bookings/{token}/cancel")
    assert (cancelled.status_code, cancelled.json()["status"]) == (200, "cancelled")
    assert Booking.objects.active().count() == 0


def test_cutoff_passed_is_409(client, practice):
    token = post(client, body()).json()["token"]
    with time_machine.travel(dt.datetime(2027, 3, 10, 0, tzinfo=dt.UTC), tick=False):
        response = client.post(f"/api/v1/bookings/{token}/cancel")
    assert (response.status_code, response.json()["code"]) == (409, "cutoff_passed")
    assert Booking.objects.get().status == "confirmed"


def test_unknown_or_forged_token_is_404(client, practice):
    token = post(client, body()).json()["token"]
    for bad in (token[:-2] + "xx", "1.abc", "nonsense", "1.%00"):
        assert client.get(f"/api/v1/bookings/{bad}").json()["code"] == "not_found"
        assert client.post(f"/api/v1/bookings/{bad}/cancel").status_code == 404
    assert Booking.objects.get().status == "confirmed"


@override_settings(HEARTH_RATE_LIMIT_PER_IP=2)
def test_rate_limit_per_address_is_429_and_books_nothing(client, practice):
    assert post(client, body()).status_code == 201
    assert post(client, body(email="b@example.org")).status_code == 409  # counted too
    response = post(client, body(email="c@example.org", start="2027-03-10T13:00:00-05:00"))
    assert (response.status_code, response.json()["code"]) == (429, "rate_limited")
    assert Booking.objects.count() == 1


@override_settings(HEARTH_RATE_LIMIT_PER_EMAIL=1)
def test_rate_limit_per_email(client, practice):
    assert post(client, body()).status_code == 201
    response = post(client, body(start="2027-03-10T13:00:00-05:00"))
    assert response.status_code == 429
    assert Booking.objects.count() == 1


def test_a_body_that_is_not_json_is_415_and_books_nothing(client, practice):
    import json

    response = client.post("/api/v1/bookings", json.dumps(body()), content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    assert not Booking.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_an_oversized_body_is_413_json_and_books_nothing(client, practice):
    response = post(client, body(name="A" * 2000))
    assert (response.status_code, response["Content-Type"]) == (413, "application/json")
    assert response.json() == {
        "code": "too_large",
        "detail": "The request body is larger than 1000 bytes.",
    }
    assert not Booking.objects.exists()


def test_every_api_answer_is_private_and_not_stored(client, practice):
    created = post(client, body())
    token = created.json()["token"]
    for response in (
        created,
        client.get("/api/v1/services"),
        client.get(f"/api/v1/bookings/{token}"),
        client.get("/api/v1/nowhere"),
        client.put("/api/v1/services"),
    ):
        assert response["Cache-Control"] == "private, no-store"


@override_settings(HEARTH_RATE_LIMIT_PER_EMAIL=1)
def test_refused_requests_do_not_use_up_someones_email_allowance(client, practice):
    for _ in range(5):  # someone else sends requests in Alex's name that are refused
        refused = post(client, body(start="2027-03-10T03:00:00-05:00"))
        assert refused.status_code == 409
    assert post(client, body()).status_code == 201  # Alex can still book
    assert post(client, body(start="2027-03-10T13:00:00-05:00")).status_code == 429
    assert Booking.objects.count() == 1


def test_names_phones_and_messages_lose_control_and_bidi_characters_on_the_way_in(
    client, practice
):
    response = post(
        client,
        body(
            name="Al\u202eex\x07 Rivera\u2066",
            phone="+1 509\x1b 555 0100",
            message="Hello\u202e\x1b[2J\r\nsecond line\x07",
        ),
    )
    assert response.status_code == 201
    booking = Booking.objects.get()
    assert (booking.client_name, booking.client_phone, booking.message) == (
        "Alex Rivera",
        "+1 509 555 0100",
        "Hello[2J\nsecond line",
    )


def test_intake_url_is_null_for_other_kinds_and_one_per_client(client, practice):
    free = post(client, body(service="free-consultation"))
    assert free.status_code == 201 and free.json()["intake_url"] is None
    first = post(client, body(start="2027-03-10T12:30:00-05:00"))
    again = post(client, body(start="2027-03-17T12:00:00-04:00", email="ALEX@example.org"))
    assert (first.status_code, again.status_code) == (201, 201)
    packet = IntakePacket.objects.get()  # one per practitioner and address, any case
    link = f"http://127.0.0.1:8000/intake/{packet_token(packet.pk)}/"
    assert first.json()["intake_url"] == again.json()["intake_url"] == link
    read = client.get(f"/api/v1/bookings/{first.json()['token']}")
    assert read.json()["intake_url"] == link
