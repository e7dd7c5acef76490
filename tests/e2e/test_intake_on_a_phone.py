"""A counseling client's intake on a phone: save and come back, sign the four documents,
submit, print what was signed; the practitioner opens it (an audit entry) and a changed
disclosure asks the client to sign again. axe finds nothing on the client's pages.

Set HEARTH_SCREENSHOT_DIR to save each screen at phone and desktop size."""

import os

import pytest
from django.urls import reverse

from hearth.intake.actions import packet_for
from hearth.intake.links import admin_url
from hearth.intake.models import Acknowledgment, IntakeDocument
from hearth.intake.tokens import packet_token
from hearth.practice.models import Practitioner
from hearth.privacy.models import AuditEntry
from tests.e2e.test_back_office import DESKTOP, PHONE, log_in, no_sideways_scrolling, shoot

from .axe_check import violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DOCUMENTS = [
    "Disclosure statement",
    "Telehealth informed consent",
    "Notice of privacy practices",
    "Financial policy",
]


def _sign(page, title: str, name: str = "Jordan Lee") -> None:
    document = page.locator("article.document", has=page.get_by_role("heading", name=title))
    document.get_by_label(f"I have read and agree to the {title}.").check()
    document.get_by_label("Your full name, as your signature").fill(name)


def _screens_at_desk_size(browser, address: str) -> None:
    if not os.environ.get("HEARTH_SCREENSHOT_DIR"):
        return
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(address)
    shoot(page, "intake-complete-desktop")
    page.goto(f"{address}?edit=1")
    shoot(page, "intake-edit-desktop")
    page.goto(f"{address}signed/")
    shoot(page, "intake-signed-desktop")
    context.close()


def test_a_client_fills_in_the_intake_on_a_phone(browser, live_server, demo_site, tmp_path):
    sam = Practitioner.objects.get(slug="sam-rivera")
    packet = packet_for(practitioner=sam, email="jordan@example.org", name="Jordan Lee")
    address = live_server.url + reverse("intake:fill", args=[packet_token(packet.pk)])
    context = browser.new_context(viewport=PHONE, timezone_id="America/Los_Angeles")
    page = context.new_page()

    page.goto(address)
    page.get_by_role("heading", name="Before your first session").wait_for()
    assert no_sideways_scrolling(page)
    assert violations(page) == []
    shoot(page, "intake-phone")

    page.get_by_label("What brings you to counseling now?").fill(
        "I have not slept well since May."
    )
    page.get_by_label("Your pronouns (optional)").fill("he/him")
    page.get_by_role("button", name="Submit my intake").click()
    page.get_by_text("Nothing was sent yet").wait_for()
    assert no_sideways_scrolling(page)
    assert violations(page) == []
    shoot(page, "intake-errors-phone")

    page.get_by_role("button", name="Save and finish later").click()
    page.get_by_text("Saved. You can close this page").wait_for()
    page.goto(address)  # coming back later with the same link
    assert page.get_by_label("Your pronouns (optional)").input_value() == "he/him"

    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_label("Date of birth").fill("1990-04-21")
    page.get_by_text("Read the disclosure statement").click()
    page.get_by_text("Washington State Department of Health").first.wait_for()
    for title in DOCUMENTS:
        _sign(page, title)
    page.get_by_role("button", name="Submit my intake").click()
    page.get_by_text("Thank you, your intake is sent.").wait_for()
    assert no_sideways_scrolling(page)
    shoot(page, "intake-thanks-phone")

    page.get_by_role("link", name="See and print what you signed").click()
    for title in DOCUMENTS:
        page.get_by_role("heading", name=title).wait_for()
    assert page.get_by_text("Jordan Lee").count() >= 4
    assert no_sideways_scrolling(page)
    assert violations(page) == []
    shoot(page, "intake-signed-phone")
    page.emulate_media(media="print")  # the printed copy: no menus, buttons or links back
    assert page.locator(".site-header nav").is_hidden()
    assert page.get_by_role("link", name="Back to your intake").is_hidden()
    assert page.get_by_role("heading", name="Disclosure statement").is_visible()
    shoot(page, "intake-signed-print")
    page.emulate_media(media="screen")
    assert Acknowledgment.objects.filter(packet=packet).count() == 4
    _screens_at_desk_size(browser, address)

    # The practitioner opens the intake on a phone; a changed disclosure asks again.
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    admin_context, admin = log_in(browser, live_server.url, password, PHONE)
    admin.goto(live_server.url + admin_url(packet))
    admin.get_by_text("I have not slept well since May.").wait_for()
    assert no_sideways_scrolling(admin)
    shoot(admin, "intake-admin-phone")
    assert (
        AuditEntry.objects.filter(
            action="intake.viewed", object_id=str(packet.pk), actor="admin"
        ).count()
        == 1
    )

    for path in ("/admin/intake/clients/", "/admin/intake/questions/", "/admin/intake/documents/"):
        admin.goto(live_server.url + path)
        assert no_sideways_scrolling(admin), path
    shoot(admin, "intake-documents-phone")

    disclosure = IntakeDocument.objects.get(kind="disclosure")
    admin.goto(f"{live_server.url}/admin/intake/documents/edit/{disclosure.pk}/")
    admin.get_by_text("Saving a change to the title or text publishes version 2").wait_for()
    shoot(admin, "intake-document-edit-phone")
    body = admin.get_by_role("textbox", name="Body")
    body.fill(body.input_value().replace("costs $150", "costs $160"))
    admin.get_by_role("button", name="Save").first.click()
    admin.get_by_text("saved as version 2").wait_for()
    if os.environ.get("HEARTH_SCREENSHOT_DIR"):
        admin.set_viewport_size(DESKTOP)
        admin.goto(live_server.url + admin_url(packet))
        shoot(admin, "intake-admin-desktop")
    admin_context.close()

    page.goto(address)
    page.get_by_text("1 document to sign").wait_for()
    _sign(page, "Disclosure statement")
    page.get_by_role("button", name="Submit my intake").click()
    page.get_by_text("Thank you, your intake is sent.").wait_for()
    assert sorted(
        Acknowledgment.objects.filter(packet=packet, version__document=disclosure).values_list(
            "version__number", flat=True
        )
    ) == [1, 2]
    context.close()
