"""The functions the booking side calls (INTAKE_API.md): packets, statuses, links."""

import pytest

from hearth.intake.actions import packet_for, save_intake
from hearth.intake.links import admin_url, intake_url
from hearth.intake.models import IntakePacket
from hearth.intake.queries import (
    IntakeStatus,
    asked_now,
    intake_status,
    packet_of,
    statuses_for,
)
from hearth.intake.tokens import packet_id_from_token
from hearth.practice.tests.factories import PractitionerFactory
from hearth.privacy.models import AuditEntry

from .factories import QuestionFactory, published_document

pytestmark = pytest.mark.django_db


def test_packet_for_makes_one_packet_per_practitioner_and_lower_cased_email():
    practitioner = PractitionerFactory()
    first = packet_for(practitioner=practitioner, email=" Sam@Example.ORG ", name="Sam Lee")
    again = packet_for(practitioner=practitioner, email="sam@example.org", name="Sam Lee")

    assert again.pk == first.pk
    assert (first.client_email, first.client_name) == ("sam@example.org", "Sam Lee")
    assert IntakePacket.objects.count() == 1
    assert list(AuditEntry.objects.values_list("action", "object_id")) == [
        ("intake.created", str(first.pk))
    ]
    other = packet_for(practitioner=PractitionerFactory(), email="sam@example.org", name="Sam")
    assert other.pk != first.pk


def test_packet_for_keeps_the_latest_known_name_and_zone():
    practitioner = PractitionerFactory()
    packet_for(
        practitioner=practitioner, email="a@example.org", name="Al", timezone_name="Nowhere"
    )
    packet = packet_for(practitioner=practitioner, email="a@example.org", name="Al B")
    assert (packet.client_name, packet.client_timezone) == ("Al B", "")

    packet = packet_for(
        practitioner=practitioner,
        email="a@example.org",
        name="Al B",
        timezone_name="America/Chicago",
    )

    packet.refresh_from_db()
    assert (packet.client_name, packet.client_timezone) == ("Al B", "America/Chicago")


def test_packet_of_finds_by_practitioner_and_email_in_any_case():
    packet = packet_for(practitioner=PractitionerFactory(), email="a@example.org", name="A")

    assert packet_of(practitioner_id=packet.practitioner_id, email="A@EXAMPLE.org") == packet
    assert packet_of(practitioner_id=packet.practitioner_id, email="b@example.org") is None


def test_status_words_follow_the_packet_from_not_started_to_complete():
    first, second = QuestionFactory(label="What brings you"), QuestionFactory(required=False)
    disclosure = published_document()
    published_document(title="Financial policy", kind="financial_policy", sort_order=1)
    packet = packet_for(practitioner=PractitionerFactory(), email="a@example.org", name="A")

    status = intake_status(packet)
    assert (status.state, status.label, status.unanswered_required) == (
        "not_started",
        "Not started",
        1,
    )
    assert status.client_label == (
        "Please fill in your intake before your first session: 1 required question and "
        "2 documents to sign."
    )
    assert status.missing_documents == ["Disclosure statement", "Financial policy"]

    version = disclosure.versions.get()
    save_intake(
        packet=packet, answers={second.pk: "Sure"}, signatures={version.pk: "A B"}, submit=False
    )
    status = intake_status(packet)
    assert (status.state, status.label) == (
        "started",
        "Started: 1 of 2 questions, 1 of 2 documents signed",
    )
    assert status.client_label == (
        "Your intake is saved but not finished: 1 required question and 1 document to sign."
    )
    assert status.missing_documents == ["Financial policy"]

    financial = asked_now().versions[1]
    save_intake(
        packet=packet, answers={first.pk: "Sleep"}, signatures={financial.pk: "A B"}, submit=True
    )
    assert intake_status(packet) == IntakeStatus(
        state="complete", label="Complete", client_label="Your intake is complete. Thank you."
    )


def test_statuses_for_answers_every_pair_in_a_constant_number_of_queries(
    django_assert_num_queries,
):
    question = QuestionFactory()
    practitioner = PractitionerFactory()
    packets = [
        packet_for(practitioner=practitioner, email=f"c{n}@example.org", name=f"C{n}")
        for n in range(3)
    ]
    save_intake(packet=packets[0], answers={question.pk: "Yes"}, signatures={}, submit=True)
    pairs = [(practitioner.pk, f"C{n}@Example.org") for n in range(3)]
    pairs.append((practitioner.pk, "nobody@example.org"))

    with django_assert_num_queries(5):
        statuses = statuses_for(pairs)

    assert {key: status.state for key, status in statuses.items()} == {
        (practitioner.pk, "c0@example.org"): "complete",
        (practitioner.pk, "c1@example.org"): "not_started",
        (practitioner.pk, "c2@example.org"): "not_started",
        (practitioner.pk, "nobody@example.org"): "not_started",
    }


def test_links_carry_a_token_for_the_packet(settings):
    settings.HEARTH_SITE_URL = "https://practice.example.org"
    packet = packet_for(practitioner=PractitionerFactory(), email="a@example.org", name="A")

    url = intake_url(packet)
    prefix = "https://practice.example.org/intake/"
    assert url.startswith(prefix)
    token = url.removeprefix(prefix).rstrip("/")
    assert packet_id_from_token(token) == packet.pk
    assert admin_url(packet) == f"/admin/intake/clients/{packet.pk}/"
