"""Schemathesis over the API's own schema: whatever it sends, never a 5xx, always a code."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def connections_kept_open():
    """Calling the WSGI app directly would close the test's database connection after
    each request; Django's own test client avoids that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_fails(case, practice, connections_kept_open):
    response = case.call()
    assert response.status_code < 500, response.text
    assert response.headers["content-type"][0].startswith("application/json")
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"code", "detail"}
        assert body["code"] in {
            "invalid",
            "location_required",
            "not_found",
            "method_not_allowed",
            "unsupported_media_type",  # a body sent as anything but application/json
        }
