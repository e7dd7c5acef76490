"""The practitioner's intake admin: each client's intake (every opening audited and listed),
the list, and editing questions and documents (a changed document is a new version)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from hearth.core.testing.second_factor import sign_in_with_second_factor
from hearth.intake.links import admin_url
from hearth.intake.models import DocumentVersion, IntakeDocument, IntakeQuestion
from hearth.privacy.models import AuditEntry

from .conftest import complete_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def alex(client):
    user = get_user_model().objects.create_superuser("alex", password="pw-alex-1")
    sign_in_with_second_factor(client, user)
    return client


def _reads(packet):
    return list(
        AuditEntry.objects.filter(action="intake.viewed", object_id=str(packet.pk)).values_list(
            "actor", "object_type"
        )
    )


def test_opening_an_intake_is_audited_and_shows_answers_and_signatures(client, alex, intake):
    client.post(intake.url, complete_form(intake))
    assert _reads(intake.packet) == []

    page = alex.get(admin_url(intake.packet)).content.decode()

    assert _reads(intake.packet) == [("alex", "intake.intakepacket")]
    assert "<strong>Complete</strong>" in page
    assert "Trouble sleeping since the move" in page
    assert "<dt>Have you had counseling before?</dt>" in page and "<dd>No</dd>" in page
    version_page = f"/admin/intake/clients/versions/{intake.disclosure.pk}/"
    assert f'<strong>Disclosure statement</strong>, <a href="{version_page}">version 1</a>' in page
    assert "Signed “Sam Lee” on" in page
    assert "None before this one." in page

    page = alex.get(admin_url(intake.packet)).content.decode()
    assert _reads(intake.packet) == [("alex", "intake.intakepacket")] * 2
    assert page.count("<li>alex · ") == 1  # the earlier opening, listed


def test_intake_page_needs_a_signed_in_user_with_permission(client, intake):
    staff = get_user_model().objects.create_user("reception", password="pw-1", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client.get(admin_url(intake.packet))
    assert response.status_code == 302  # to the sign-in page
    sign_in_with_second_factor(client, staff)

    response = client.get(admin_url(intake.packet))

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert _reads(intake.packet) == []


def test_list_shows_each_intake_with_its_status(alex, intake):
    page = alex.get("/admin/intake/clients/").content.decode()

    assert f'href="/admin/intake/clients/{intake.packet.pk}/"' in page
    assert "Not started" in page
    assert "sam@example.org" in page
    assert alex.get("/admin/intake/clients/?q=nobody").content.decode().count("sam@") == 0


def test_document_edit_page_says_saving_publishes_a_new_version(alex, intake):
    document = intake.disclosure.document
    page = alex.get(f"/admin/intake/documents/edit/{document.pk}/").content.decode()

    assert "Version 1 is current" in page
    assert "Saving a change to the title or text publishes version 2" in page
    assert "will be asked to read it and sign again" in page


def test_saving_a_changed_document_in_the_admin_publishes_version_two(alex, intake):
    document = intake.disclosure.document
    form = {
        "kind": document.kind,
        "title": document.title,
        "body": "Alex Rowan, LMHC.\n\nFees: $160 a session.",
        "active": "on",
    }

    response = alex.post(f"/admin/intake/documents/edit/{document.pk}/", form)
    assert response.status_code == 302
    response = alex.post(f"/admin/intake/documents/edit/{document.pk}/", form)  # unchanged
    assert response.status_code == 302

    assert list(
        DocumentVersion.objects.filter(document=document).values_list("number", "body")
    ) == [
        (2, "Alex Rowan, LMHC.\n\nFees: $160 a session."),
        (1, "Alex Rowan, LMHC.\n\nFees: $150 a session."),
    ]
    assert (
        AuditEntry.objects.filter(
            action="intake.document_published", object_id=str(document.pk), actor="alex"
        ).count()
        == 1
    )


def test_adding_a_document_publishes_version_one_and_deleting_is_not_offered(alex, intake):
    response = alex.post(
        "/admin/intake/documents/new/",
        {"kind": "financial_policy", "title": "Financial policy", "body": "Pay at each session."},
    )

    assert response.status_code == 302
    document = IntakeDocument.objects.get(title="Financial policy")
    assert list(document.versions.values_list("number", "title")) == [(1, "Financial policy")]
    assert document.active is False  # the box was not ticked
    assert document.sort_order == 2
    assert alex.get(f"/admin/intake/documents/delete/{document.pk}/").status_code == 404


def test_a_choice_question_needs_two_choices(alex, intake):
    form = {"label": "How did you hear of us?", "kind": "choice", "choices": "A friend"}

    response = alex.post("/admin/intake/questions/new/", form)

    assert response.status_code == 200
    assert "Please give at least two choices, one per line." in response.content.decode()
    assert not IntakeQuestion.objects.filter(label="How did you hear of us?").exists()
    form["choices"] = "A friend\nA search\n"
    assert alex.post("/admin/intake/questions/new/", form).status_code == 302
    question = IntakeQuestion.objects.get(label="How did you hear of us?")
    assert question.choice_list == ["A friend", "A search"]
    assert question.sort_order == 3


def test_question_and_document_lists_offer_reordering(alex, intake):
    questions = alex.get("/admin/intake/questions/").content.decode()
    documents = alex.get("/admin/intake/documents/").content.decode()

    assert "What brings you to counseling?" in questions
    assert "Telehealth informed consent" in documents
    for page in (questions, documents):
        assert "?ordering=sort_order" in page  # Wagtail's "Sort item order" link


def test_a_version_page_shows_the_text_as_signed(alex, client, intake):
    client.post(intake.url, complete_form(intake))

    page = alex.get(f"/admin/intake/clients/versions/{intake.disclosure.pk}/").content.decode()

    assert "signed by 1 client." in page
    assert "<p>Fees: $150 a session.</p>" in page
    documents = alex.get("/admin/intake/documents/").content.decode()
    assert "Version 1 of " in documents and " · 1 signature" in documents
