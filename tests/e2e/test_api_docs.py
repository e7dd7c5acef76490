"""The API docs render in a real browser from our own files, under the site's CSP."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_under_the_content_security_policy(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    asked: list[str] = []
    complaints: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.on(
        "console",
        lambda message: complaints.append(message.text) if message.type == "error" else None,
    )
    response = page.goto(f"{live_server.url}/api/v1/docs")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_text("/api/v1/challenge").first.wait_for()
    assert page.locator(".swagger-ui .info .title").inner_text().startswith("Hearth")
    assert all(url.startswith(live_server.url) for url in asked), asked
    assert [text for text in complaints if "Content Security Policy" in text] == []
    context.close()
