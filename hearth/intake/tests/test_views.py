"""The client's intake pages: fill in, save and come back, submit, the signed page, 404s."""

import datetime as dt

import pytest
import time_machine
from django.db.models import TextField
from django.db.models.functions import Cast

from hearth.intake.actions import publish_document
from hearth.intake.models import Acknowledgment, IntakeAnswer
from hearth.intake.queries import intake_status
from hearth.practice.models import Practice

from .conftest import complete_form
from .factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_forged_or_unknown_link_is_a_plain_404(client, intake):
    forged = intake.token[:-1] + ("A" if intake.token[-1] != "A" else "B")
    for address in (f"/intake/{forged}/", "/intake/nothing/", f"/intake/{forged}/signed/"):
        response = client.get(address)
        assert response.status_code == 404
        assert "This intake link does not work" in response.content.decode()

    assert client.post(f"/intake/{forged}/", complete_form(intake)).status_code == 404
    assert IntakeAnswer.objects.count() == 0


def test_page_shows_the_questions_and_documents_to_sign(client, intake):
    page = client.get(intake.url).content.decode()

    assert "What brings you to counseling?" in page
    assert "Your pronouns (optional)" in page
    assert "<legend>Have you had counseling before?</legend>" in page
    assert "Read the disclosure statement" in page
    assert "<p>Fees: $150 a session.</p>" in page
    assert f'name="agree_{intake.telehealth.pk}"' in page
    assert "988" in page


def test_save_keeps_partial_answers_without_requiring_the_rest(client, intake):
    response = client.post(
        intake.url,
        {f"question_{intake.pronouns.pk}": "he/him", "action": "save"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{intake.url}?saved=1"
    assert list(IntakeAnswer.objects.values_list("question_label", "value")) == [
        ("Your pronouns", "he/him")
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Saved. You can close this page and come back with the same link" in page
    assert 'value="he/him"' in page
    assert intake_status(intake.packet).state == "started"


def test_submit_with_a_required_answer_missing_stores_nothing(client, intake):
    response = client.post(
        intake.url, complete_form(intake, **{f"question_{intake.reason.pk}": ""})
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was sent yet" in page
    assert f'id="id_question_{intake.reason.pk}_error"><p>Please answer this question.' in page
    assert (
        f'<li><a href="#id_question_{intake.reason.pk}">What brings you to counseling?</a></li>'
        in page
    )
    assert IntakeAnswer.objects.count() == 0
    assert Acknowledgment.objects.count() == 0
    assert 'value="Sam Lee"' in page  # what was typed is still there


def test_ticking_without_a_name_is_refused_next_to_the_field(client, intake):
    data = complete_form(intake, **{f"signature_{intake.disclosure.pk}": "  "}, action="save")

    response = client.post(intake.url, data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Please type your full name as your signature." in page
    assert (
        f'<li><a href="#id_signature_{intake.disclosure.pk}">Sign the Disclosure statement</a>'
        in page
    )
    assert IntakeAnswer.objects.count() == 0
    assert Acknowledgment.objects.count() == 0


def test_submit_complete_stores_everything_and_thanks_the_client(client, intake):
    signed_at = dt.datetime(2027, 3, 1, 20, 5, tzinfo=dt.UTC)
    with time_machine.travel(signed_at, tick=False):
        response = client.post(intake.url, complete_form(intake))

    assert response.status_code == 302
    assert response["Location"] == f"{intake.url}?submitted=1"
    assert dict(IntakeAnswer.objects.values_list("question_id", "value")) == {
        intake.reason.pk: "Trouble sleeping since the move",
        intake.counseling_before.pk: "no",
    }
    assert sorted(
        (ack.version_id, ack.signed_name, ack.signed_at) for ack in Acknowledgment.objects.all()
    ) == [
        (intake.disclosure.pk, "Sam Lee", signed_at),
        (intake.telehealth.pk, "Sam Lee", signed_at),
    ]
    intake.packet.refresh_from_db()
    assert intake.packet.completed_at == signed_at
    page = client.get(response["Location"]).content.decode()
    assert "Thank you, your intake is sent." in page
    assert "See and print what you signed" in page


def test_answers_and_signatures_are_encrypted_in_the_database(client, intake):
    client.post(intake.url, complete_form(intake))

    raw_answers = list(
        IntakeAnswer.objects.annotate(raw=Cast("value", TextField())).values_list("raw", flat=True)
    )
    raw_names = list(
        Acknowledgment.objects.annotate(raw=Cast("signed_name", TextField())).values_list(
            "raw", flat=True
        )
    )
    assert len(raw_answers) == 2 and len(raw_names) == 2
    assert all("Trouble sleeping" not in raw and raw.startswith("gAAAA") for raw in raw_answers)
    assert all("Sam Lee" not in raw for raw in raw_names)
    assert IntakeAnswer.objects.get(question=intake.reason).value == (
        "Trouble sleeping since the move"
    )


def test_signed_page_shows_the_signed_text_name_and_time_in_the_practice_zone(client, intake):
    practice = Practice.load()
    practice.timezone = "America/Los_Angeles"
    practice.save()
    with time_machine.travel(dt.datetime(2027, 3, 1, 20, 5, tzinfo=dt.UTC), tick=False):
        client.post(intake.url, complete_form(intake))

    page = client.get(f"{intake.url}signed/").content.decode()

    assert "<h2 id=" in page and "Disclosure statement</h2>" in page
    assert "<p>Alex Rowan, LMHC.</p>" in page
    assert "<dd>Sam Lee</dd>" in page
    assert "Monday, March 1, 2027 at 12:05 PM Pacific time" in page
    assert "@media print" not in page  # print rules live in the stylesheet
    assert "intake/intake.css" in page

    intake.packet.client_timezone = "America/Chicago"  # known from a booking
    intake.packet.save()
    page = client.get(f"{intake.url}signed/").content.decode()
    assert "Monday, March 1, 2027 at 2:05 PM Central time" in page


def test_a_returning_client_is_not_asked_again_until_a_new_version(client, intake):
    client.post(intake.url, complete_form(intake))
    page = client.get(f"{intake.url}?edit=1").content.decode()
    assert f'name="agree_{intake.disclosure.pk}"' not in page
    assert "✓ Signed by Sam Lee" in page

    document = intake.disclosure.document
    document.body = "Alex Rowan, LMHC.\n\nFees: $160 a session."
    version = publish_document(document=document, actor="alex")

    status = intake_status(intake.packet)
    assert (status.state, status.missing_documents) == ("started", ["Disclosure statement"])
    page = client.get(intake.url).content.decode()
    assert f'name="agree_{version.pk}"' in page
    assert "Fees: $160 a session." in page
    response = client.post(
        intake.url,
        {
            f"question_{intake.reason.pk}": "Trouble sleeping since the move",
            f"question_{intake.counseling_before.pk}": "no",
            f"agree_{version.pk}": "on",
            f"signature_{version.pk}": "Sam Lee",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    assert intake_status(intake.packet).state == "complete"
    assert Acknowledgment.objects.filter(packet=intake.packet).count() == 3


def test_a_signature_sent_for_a_replaced_version_is_not_recorded(client, intake):
    document = intake.disclosure.document
    document.title = "Disclosure statement (2027)"
    publish_document(document=document, actor="alex")

    response = client.post(intake.url, complete_form(intake, action="save"))

    assert response.status_code == 409
    assert "A document changed while you were reading it" in response.content.decode()
    assert Acknowledgment.objects.count() == 0
    assert IntakeAnswer.objects.count() == 2  # the answers were kept


def test_a_wrong_date_or_choice_is_refused_in_plain_words(client, intake):
    birthday = QuestionFactory(label="Date of birth", kind="date")
    response = client.post(
        intake.url,
        {
            f"question_{birthday.pk}": "31/31/1990",
            f"question_{intake.counseling_before.pk}": "maybe",
            "action": "save",
        },
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Please enter a date such as 1990-04-21 or 04/21/1990." in page
    assert "Please choose one of the answers shown." in page
    assert IntakeAnswer.objects.count() == 0
    client.post(intake.url, {f"question_{birthday.pk}": "04/21/1990", "action": "save"})
    assert IntakeAnswer.objects.get(question=birthday).value == "1990-04-21"
