import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.core.jurisdictions import US_CODES

from .conftest import NOW
from .factories import BookingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False):
        yield


SLOTS = "/api/v1/services/{}/slots"


def starts(response) -> list[str]:
    return [slot["start"] for slot in response.json()["slots"]]


def test_services_list_with_locations_today(client, practice):
    response = client.get("/api/v1/services")
    assert response.status_code == 200
    by_slug = {service["slug"]: service for service in response.json()}
    assert by_slug["counseling"] == {
        "slug": "counseling",
        "name": "Counseling by video",
        "kind": "clinical",
        "duration_minutes": 50,
        "price_cents": 15000,
        "currency": "USD",
        "locations": ["ID", "WA"],
    }
    assert by_slug["coaching"]["locations"] == ["OR", "WA"]
    assert by_slug["free-consultation"]["locations"] == sorted(US_CODES)
    assert [s["slug"] for s in response.json()] == ["coaching", "counseling", "free-consultation"]


def test_slots_carry_the_client_zone_offset(client, practice):
    response = client.get(
        SLOTS.format("counseling"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/New_York", "location": "ID"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "service": "counseling",
        "tz": "America/New_York",
        "notice": None,
        "slots": [
            {
                "start": "2027-03-10T12:00:00-05:00",
                "end": "2027-03-10T12:50:00-05:00",
                "practitioners": ["sam"],
            },
            {
                "start": "2027-03-10T12:30:00-05:00",
                "end": "2027-03-10T13:20:00-05:00",
                "practitioners": ["sam"],
            },
            {
                "start": "2027-03-10T13:00:00-05:00",
                "end": "2027-03-10T13:50:00-05:00",
                "practitioners": ["sam"],
            },
        ],
    }


def test_after_dst_the_offset_changes(client, practice):
    response = client.get(
        SLOTS.format("counseling"),
        {"start": "2027-03-17", "end": "2027-03-17", "tz": "America/New_York", "location": "ID"},
    )
    assert starts(response) == [
        "2027-03-17T12:00:00-04:00",
        "2027-03-17T12:30:00-04:00",
        "2027-03-17T13:00:00-04:00",
    ]


def test_a_license_lapsing_mid_month_stops_slots_after_it(client, practice):
    response = client.get(
        SLOTS.format("counseling"),
        {
            "start": "2027-03-08",
            "end": "2027-03-21",
            "tz": "America/Los_Angeles",
            "location": "WA",
        },
    )
    assert response.status_code == 200
    assert starts(response) == [
        "2027-03-10T09:00:00-08:00",
        "2027-03-10T09:30:00-08:00",
        "2027-03-10T10:00:00-08:00",
    ]
    assert response.json()["notice"] is None


def test_an_ineligible_location_gets_no_slots_and_a_notice(client, practice):
    response = client.get(
        SLOTS.format("counseling"),
        {"start": "2027-03-08", "end": "2027-03-21", "tz": "America/Chicago", "location": "or"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "service": "counseling",
        "tz": "America/Chicago",
        "slots": [],
        "notice": "Counseling by video is available only while you are physically in Idaho "
        "or Washington during the session.",
    }


def test_coaching_list_policy_refuses_other_states_with_a_notice(client, practice):
    response = client.get(
        SLOTS.format("coaching"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/Boise", "location": "ID"},
    )
    assert response.json()["slots"] == []
    assert (
        response.json()["notice"]
        == "Coaching by video is offered to clients located in Oregon or Washington."
    )


def test_consultation_needs_no_location(client, practice):
    response = client.get(
        SLOTS.format("free-consultation"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC"},
    )
    assert len(starts(response)) == 8
    assert starts(response)[0] == "2027-03-10T17:00:00+00:00"


def test_a_booking_and_its_buffer_block_slots(client, practice):
    # 09:15-09:30 booked with 10 minutes after it. 09:00-09:15 would leave the
    # consultation's own 5 minutes after it overlapping the booking; 09:30 falls
    # in the booking's 10 minutes; 09:45 is the first free start.
    BookingFactory(
        service=practice["consultation"],
        practitioner=practice["sam"],
        start=dt.datetime.fromisoformat("2027-03-10T17:15:00+00:00"),
        minutes=15,
        buffer_after_minutes=10,
    )
    response = client.get(
        SLOTS.format("free-consultation"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/Los_Angeles"},
    )
    assert starts(response) == [
        "2027-03-10T09:45:00-08:00",
        "2027-03-10T10:00:00-08:00",
        "2027-03-10T10:15:00-08:00",
        "2027-03-10T10:30:00-08:00",
        "2027-03-10T10:45:00-08:00",
    ]


def test_back_to_back_without_buffers_is_allowed(client, practice):
    BookingFactory(
        service=practice["counseling"],
        practitioner=practice["sam"],  # 09:50-10:20
        start=dt.datetime.fromisoformat("2027-03-10T17:50:00+00:00"),
        minutes=30,
    )
    response = client.get(
        SLOTS.format("counseling"),
        {
            "start": "2027-03-10",
            "end": "2027-03-10",
            "tz": "America/Los_Angeles",
            "location": "ID",
        },
    )
    # 09:00-09:50 ends exactly when the booking starts.
    assert starts(response) == ["2027-03-10T09:00:00-08:00"]


def test_a_cancelled_booking_blocks_nothing(client, practice):
    booking = BookingFactory(
        service=practice["consultation"],
        practitioner=practice["sam"],
        start=dt.datetime.fromisoformat("2027-03-10T17:15:00+00:00"),
        minutes=15,
    )
    booking.status = "cancelled"
    booking.save()
    response = client.get(
        SLOTS.format("free-consultation"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "America/Los_Angeles"},
    )
    assert len(starts(response)) == 8


def test_practitioner_filter(client, practice):
    params = {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC", "practitioner": "sam"}
    assert len(starts(client.get(SLOTS.format("free-consultation"), params))) == 8


@pytest.mark.parametrize(
    ("params", "status", "code", "detail"),
    [
        (
            {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC"},
            422,
            "location_required",
            "Say where you will be during the session (location=WA).",
        ),
        (
            {"start": "2027-3-10", "end": "2027-03-10", "tz": "UTC", "location": "WA"},
            422,
            "invalid",
            "start must be a date like 2027-03-14.",
        ),
        (
            {"start": "2027-03-10", "end": "2027-02-30", "tz": "UTC", "location": "WA"},
            422,
            "invalid",
            "end must be a date like 2027-03-14.",
        ),
        (
            {"start": "2027-03-10", "end": "2027-03-09", "tz": "UTC", "location": "WA"},
            422,
            "invalid",
            "end must be on or after start.",
        ),
        (
            {"start": "2027-03-01", "end": "2027-05-02", "tz": "UTC", "location": "WA"},
            422,
            "invalid",
            "Ask for at most 62 dates at a time.",
        ),
        (
            {"start": "2027-03-10", "end": "2027-03-10", "tz": "Mars/Base", "location": "WA"},
            422,
            "invalid",
            "tz must be a time zone name such as America/Los_Angeles.",
        ),
        (
            {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC", "location": "QQ"},
            422,
            "invalid",
            "location must be a US state, DC or territory code.",
        ),
        (
            {
                "start": "2027-03-10",
                "end": "2027-03-10",
                "tz": "UTC",
                "location": "WA",
                "practitioner": "nobody",
            },
            422,
            "invalid",
            "There is no practitioner with this name.",
        ),
        (
            {
                "start": "2027-03-10",
                "end": "2027-03-10",
                "tz": "UTC",
                "location": "WA",
                "practitioner": "a\x00",
            },
            422,
            "invalid",
            None,
        ),
    ],
)
def test_bad_queries_get_stable_codes(client, practice, params, status, code, detail):
    response = client.get(SLOTS.format("counseling"), params)
    assert (response.status_code, response.json()["code"]) == (status, code)
    if detail is not None:
        assert response.json()["detail"] == detail


def test_62_dates_is_the_limit_not_an_error(client, practice):
    params = {"start": "2027-03-01", "end": "2027-05-01", "tz": "UTC", "location": "WA"}
    assert client.get(SLOTS.format("counseling"), params).status_code == 200


def test_missing_parameters_are_invalid(client, practice):
    response = client.get(SLOTS.format("counseling"))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"
    assert [item["field"] for item in response.json()["detail"]] == ["start", "end", "tz"]


def test_unknown_service_path_and_method_are_json(client, practice):
    unknown_service = client.get(
        SLOTS.format("nope"), {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC"}
    )
    assert (unknown_service.status_code, unknown_service.json()["code"]) == (404, "not_found")
    nul = client.get(
        SLOTS.format("counseling%00"),
        {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC", "location": "WA"},
    )
    assert (nul.status_code, nul.json()["code"]) == (404, "not_found")
    for path in ("/api/v1/nothing", "/api/v1/nothing/", "/api/v1/services/a/b/c"):
        response = client.get(path)
        assert (response.status_code, response.json()["code"]) == (404, "not_found")
        assert client.post(path).json()["code"] == "not_found"
    for path in ("/api/v1/services", "/api/v1/services/"):
        response = client.post(path)
        assert (response.status_code, response.json()["code"]) == (405, "method_not_allowed")
        assert response["Allow"] == "GET"


def test_trailing_slash_is_the_same_resource(client, practice):
    assert client.get("/api/v1/services/").json() == client.get("/api/v1/services").json()


def test_openapi_schema_is_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/services/{slug}/slots" in schema["paths"]


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SLOTS.format("counseling"), params).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_days_or_bookings(client, practice):
    one_day = {"start": "2027-03-10", "end": "2027-03-10", "tz": "UTC", "location": "ID"}
    sixty_days = {"start": "2027-03-02", "end": "2027-04-30", "tz": "UTC", "location": "ID"}
    empty = (count_queries(client, one_day), count_queries(client, sixty_days))
    for week in range(8):
        start = dt.datetime(2027, 3, 3, 17, tzinfo=dt.UTC) + dt.timedelta(weeks=week)
        BookingFactory(
            service=practice["consultation"], practitioner=practice["sam"], start=start, minutes=15
        )
    full = (count_queries(client, one_day), count_queries(client, sixty_days))
    assert empty == full == (empty[0], empty[0])
