"""The practitioner edits the crisis line and the quick-exit address in the admin."""

from hearth.content.models import SiteSafety


def settings_url() -> str:
    return f"/admin/settings/content/sitesafety/{SiteSafety.load().pk}/"


def safety_form(**changes) -> dict:
    safety = SiteSafety.load()
    data = {
        "crisis_line": safety.crisis_line,
        "quick_exit_url": safety.quick_exit_url,
        "sensitive_tag": safety.sensitive_tag,
        "privacy_page": safety.privacy_page_id or "",
        "health_data_page": safety.health_data_page_id or "",
    }
    return {**data, **changes}


def test_admin_edits_the_crisis_line_shown_on_every_page(demo_site, admin_client):
    url = settings_url()
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url, safety_form(crisis_line="In danger? Call 911. To talk, call or text 988.")
    )
    assert response.status_code == 302
    assert SiteSafety.load().crisis_line == "In danger? Call 911. To talk, call or text 988."
    admin_client.logout()
    for path in ["/", "/resources/", "/no-such-page/"]:
        body = admin_client.get(path).content.decode()
        assert (
            '<p class="crisis-line">In danger? Call <a href="tel:911">911</a>. To talk, call or '
            'text <a href="tel:988">988</a>.</p>'
        ) in body


def test_admin_refuses_a_quick_exit_address_that_is_not_a_web_address(demo_site, admin_client):
    before = SiteSafety.load().quick_exit_url
    response = admin_client.post(settings_url(), safety_form(quick_exit_url="javascript:alert(1)"))
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    assert SiteSafety.load().quick_exit_url == before


def test_removing_the_sensitive_tag_removes_quick_exit_from_tagged_posts(demo_site, admin_client):
    path = "/blog/when-the-one-being-hurt-is-a-man/"
    assert 'id="quick-exit"' in admin_client.get(path).content.decode()
    admin_client.post(settings_url(), safety_form(sensitive_tag=""))
    assert 'id="quick-exit"' not in admin_client.get(path).content.decode()
