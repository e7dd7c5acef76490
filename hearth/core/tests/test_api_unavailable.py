"""While the database cannot be reached (a restart, a failover), the API answers a JSON
503 with a stable code and when to try again, never Django's HTML 500: a real server whose
database address answers nothing."""

import json
import urllib.error
import urllib.request

from hearth.core.testing import env_for_test_database, free_port, gunicorn_server


def answer(request: urllib.request.Request) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return (
                response.status,
                response.headers.get("Retry-After"),
                json.loads(response.read()),
            )
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After"), json.loads(error.read())


def test_the_api_says_unavailable_while_the_database_cannot_be_reached():
    nowhere = f"postgres://postgres@127.0.0.1:{free_port()}/hearth"  # nothing listens there
    env = env_for_test_database() | {"DATABASE_URL": nowhere}
    with gunicorn_server(env=env, workers=1, threads=2, ready_path="/api/v1/openapi.json") as base:
        slots = urllib.request.Request(
            f"{base}/api/v1/services/chat/slots?start=2027-03-01&end=2027-03-01&tz=UTC"
        )
        booking = urllib.request.Request(
            f"{base}/api/v1/bookings",
            data=json.dumps(
                {
                    "service": "chat",
                    "start": "2027-03-01T10:00:00+00:00",
                    "name": "Alex",
                    "email": "alex@example.org",
                    "location": "WA",
                    "timezone": "UTC",
                    "consent": True,
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        expected = (
            503,
            "30",
            {
                "code": "unavailable",
                "detail": "The service is briefly unavailable. Please try again shortly.",
            },
        )
        assert answer(slots) == expected
        assert answer(urllib.request.Request(f"{base}/api/v1/services")) == expected
        assert answer(booking) == expected  # nothing can have been written
