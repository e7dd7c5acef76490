"""Security headers on every kind of answer: pages, the admin, the API and its docs."""

import re

import pytest

pytestmark = pytest.mark.django_db

POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "serial=(), usb=(), xr-spatial-tracking=()"
)


@pytest.mark.parametrize(
    "path",
    ["/no-such-page/", "/admin/login/", "/api/v1/services", "/api/v1/nowhere", "/api/v1/docs"],
)
def test_every_answer_carries_the_permissions_policy(client, path):
    assert client.get(path)["Permissions-Policy"] == POLICY


def test_the_api_docs_load_only_our_own_files_under_the_content_security_policy(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy
