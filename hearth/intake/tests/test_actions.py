"""Writes of the intake: publishing versions, saving and submitting, and their refusals."""

import datetime as dt

import pytest

from hearth.intake.actions import packet_for, publish_document, save_intake
from hearth.intake.errors import DocumentChanged, IntakeIncomplete
from hearth.intake.models import Acknowledgment, DocumentVersion, IntakeAnswer
from hearth.intake.queries import asked_now, intake_status
from hearth.practice.tests.factories import PractitionerFactory
from hearth.privacy.models import AuditEntry

from .factories import QuestionFactory, published_document

pytestmark = pytest.mark.django_db
MARCH = dt.datetime(2027, 3, 1, 17, 0, tzinfo=dt.UTC)


def _packet():
    return packet_for(practitioner=PractitionerFactory(), email="sam@example.org", name="Sam")


def test_publishing_numbers_versions_and_keeps_earlier_text():
    document = published_document(title="Financial policy", body="Pay at each session.")

    document.active = False
    assert publish_document(document=document, actor="alex") is None  # text unchanged
    document.body = "Pay at each session, by card."
    second = publish_document(document=document, actor="alex", now=MARCH)

    assert (second.number, second.published_at) == (2, MARCH)
    assert list(document.versions.values_list("number", "title", "body")) == [
        (2, "Financial policy", "Pay at each session, by card."),
        (1, "Financial policy", "Pay at each session."),
    ]
    assert list(
        AuditEntry.objects.filter(action="intake.document_published").values_list(
            "actor", "detail"
        )
    ) == [("alex", {"number": 2}), ("practitioner", {"number": 1})]


def test_only_the_latest_version_of_active_documents_is_asked():
    kept = published_document(title="Disclosure statement")
    kept.body = "New text."
    publish_document(document=kept, actor="alex")
    retired = published_document(title="Old form")
    retired.active = False
    retired.save()

    assert [(v.title, v.number) for v in asked_now().versions] == [("Disclosure statement", 2)]


def test_submit_refused_when_incomplete_stores_nothing():
    question = QuestionFactory()
    optional = QuestionFactory(required=False)
    version = published_document().versions.get()
    packet = _packet()

    with pytest.raises(IntakeIncomplete) as refusal:
        save_intake(packet=packet, answers={optional.pk: "Some"}, signatures={}, submit=True)

    assert (refusal.value.question_ids, refusal.value.version_ids) == ([question.pk], [version.pk])
    assert IntakeAnswer.objects.count() == 0
    assert AuditEntry.objects.filter(action__in=["intake.saved", "intake.submitted"]).count() == 0


def test_a_signature_for_an_old_version_is_refused_and_stores_nothing():
    question = QuestionFactory()
    document = published_document()
    old = document.versions.get()
    document.body = "Changed."
    publish_document(document=document, actor="alex")
    packet = _packet()

    with pytest.raises(DocumentChanged):
        save_intake(
            packet=packet, answers={question.pk: "Yes"}, signatures={old.pk: "Sam"}, submit=False
        )

    assert IntakeAnswer.objects.count() == 0
    assert Acknowledgment.objects.count() == 0


def test_a_new_required_question_is_asked_of_a_returning_client():
    first = QuestionFactory()
    packet = _packet()
    save_intake(packet=packet, answers={first.pk: "Sleep"}, signatures={}, submit=True, now=MARCH)
    assert intake_status(packet).state == "complete"

    QuestionFactory(label="Date of birth", kind="date")

    status = intake_status(packet)
    assert (status.state, status.unanswered_required) == ("started", 1)
    assert status.label == "Started: 1 of 2 questions"
    packet.refresh_from_db()
    assert packet.completed_at == MARCH  # when it was last complete


def test_clearing_an_answer_removes_it_and_questions_no_longer_asked_are_ignored():
    question = QuestionFactory(required=False)
    retired = QuestionFactory(active=False)
    packet = _packet()
    save_intake(packet=packet, answers={question.pk: "he/him"}, signatures={}, submit=False)

    save_intake(
        packet=packet, answers={question.pk: "", retired.pk: "x"}, signatures={}, submit=False
    )

    assert IntakeAnswer.objects.count() == 0


def test_signing_twice_keeps_the_first_signature():
    version = published_document().versions.get()
    packet = _packet()
    save_intake(
        packet=packet, answers={}, signatures={version.pk: "Sam Lee"}, submit=False, now=MARCH
    )

    save_intake(packet=packet, answers={}, signatures={version.pk: "Someone Else"}, submit=False)

    assert [(a.signed_name, a.signed_at) for a in Acknowledgment.objects.all()] == [
        ("Sam Lee", MARCH)
    ]
    assert DocumentVersion.objects.count() == 1
