"""Reads for the practitioner's admin pages: one client's intake as rows to show, who has
read it, and the list of clients' intakes with their status."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from hearth.privacy.models import AuditEntry

from .models import IntakeDocument, IntakePacket, QuestionKind
from .queries import IntakeStatus, asked_now, intake_status, signatures_of, statuses_of

VIEWED = "intake.viewed"


@dataclass(frozen=True)
class AnswerRow:
    question: str
    answer: str
    still_asked: bool


@dataclass(frozen=True)
class SignatureRow:
    version_id: int
    document: str
    version: int
    signed_name: str
    signed_at: dt.datetime
    current: bool


@dataclass(frozen=True)
class PacketRecord:
    packet: IntakePacket
    status: IntakeStatus
    answers: list[AnswerRow]
    signatures: list[SignatureRow]
    earlier_reads: list[AuditEntry]


def shown_answer(kind: str | None, value: str) -> str:
    """An answer in words: yes/no capitalised, a date written out, anything else as typed."""
    if kind == QuestionKind.YES_NO:
        return {"yes": "Yes", "no": "No"}.get(value, value)
    if kind == QuestionKind.DATE:
        try:
            return dt.date.fromisoformat(value).strftime("%B %-d, %Y")
        except ValueError:
            return value
    return value


def reads_of(packet: IntakePacket) -> list[AuditEntry]:
    """Every opening of this intake in the admin, newest first."""
    return list(
        AuditEntry.objects.filter(
            action=VIEWED, object_type=IntakePacket._meta.label_lower, object_id=str(packet.pk)
        )
    )


def packet_record(packet: IntakePacket, *, this_read: AuditEntry | None = None) -> PacketRecord:
    asked = asked_now()
    asked_ids = {question.pk for question in asked.questions}
    current_ids = {version.pk for version in asked.versions}
    answers = [
        AnswerRow(
            question=answer.question_label,
            answer=shown_answer(answer.question.kind if answer.question else None, answer.value),
            still_asked=answer.question_id in asked_ids,
        )
        for answer in packet.answers.select_related("question").order_by(
            "question__sort_order", "id"
        )
    ]
    signatures = [
        SignatureRow(
            version_id=signature.version_id,
            document=signature.version.title,
            version=signature.version.number,
            signed_name=signature.signed_name,
            signed_at=signature.signed_at,
            current=signature.version_id in current_ids,
        )
        for signature in signatures_of(packet)
    ]
    return PacketRecord(
        packet=packet,
        status=intake_status(packet, asked=asked),
        answers=answers,
        signatures=signatures,
        earlier_reads=[
            read for read in reads_of(packet) if this_read is None or read != this_read
        ],
    )


@dataclass(frozen=True)
class PacketRow:
    packet: IntakePacket
    status: IntakeStatus


def packet_rows(*, search: str = "", limit: int = 200) -> list[PacketRow]:
    """The most recently updated intakes (by name or email when searching), with status."""
    packets = IntakePacket.objects.select_related("practitioner")
    if search:
        packets = packets.filter(
            Q(client_name__icontains=search) | Q(client_email__icontains=search)
        )
    packets = list(packets[:limit])
    statuses = statuses_of(packets)
    return [PacketRow(packet=packet, status=statuses[packet.pk]) for packet in packets]


@dataclass(frozen=True)
class VersionSummary:
    number: int
    published_at: dt.datetime
    signed: int


def latest_version_summary(document: IntakeDocument) -> VersionSummary | None:
    """The document's current version and how many clients signed it (None before the first)."""
    if document.pk is None:
        return None
    latest = document.versions.order_by("-number").first()
    if latest is None:
        return None
    return VersionSummary(
        number=latest.number,
        published_at=latest.published_at,
        signed=latest.acknowledgments.count(),
    )
