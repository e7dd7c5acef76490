"""factory-boy factories for intake data; documents are published through the action."""

import factory

from hearth.core.testing.factories import ModelFactory, numbered
from hearth.intake.actions import publish_document
from hearth.intake.models import DocumentKind, IntakeDocument, IntakePacket, IntakeQuestion
from hearth.practice.tests.factories import PractitionerFactory


class QuestionFactory(ModelFactory):
    class Meta:
        model = IntakeQuestion

    label = numbered("Question {n}")
    sort_order = factory.LazyFunction(lambda: IntakeQuestion.objects.count())


class PacketFactory(ModelFactory):
    class Meta:
        model = IntakePacket

    practitioner = factory.SubFactory(PractitionerFactory)
    client_email = numbered("client{n}@example.org")
    client_name = numbered("Client {n}")


def published_document(
    title: str = "Disclosure statement",
    body: str = "What you should know.",
    kind: str = DocumentKind.DISCLOSURE,
    sort_order: int | None = None,
) -> IntakeDocument:
    """A document with its version 1 published (after the others unless `sort_order`)."""
    document = IntakeDocument(kind=kind, title=title, body=body, sort_order=sort_order)
    publish_document(document=document, actor="practitioner")
    return document
