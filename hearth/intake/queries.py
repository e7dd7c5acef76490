"""Reads of the intake: what is asked now, each client's status, and the token lookup."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import (
    Acknowledgment,
    DocumentVersion,
    IntakeAnswer,
    IntakePacket,
    IntakeQuestion,
)
from .tokens import packet_id_from_token


@dataclass(frozen=True)
class IntakeStatus:
    """Where a client's intake stands, in words for the practitioner and for the client."""

    state: str  # "complete" | "started" | "not_started"
    label: str
    client_label: str
    missing_documents: list[str] = field(default_factory=list)
    unanswered_required: int = 0


@dataclass(frozen=True)
class AskedNow:
    """What the intake asks at this moment: active questions and current document versions."""

    questions: list[IntakeQuestion]
    versions: list[DocumentVersion]


def asked_now() -> AskedNow:
    """The active questions in order, and the latest version of each active document
    (documents in their order). Two queries."""
    questions = list(IntakeQuestion.objects.filter(active=True))
    latest: dict[int, DocumentVersion] = {}
    for version in (
        DocumentVersion.objects.filter(document__active=True)
        .select_related("document")
        .order_by("document__sort_order", "document_id", "-number")
    ):
        latest.setdefault(version.document_id, version)
    return AskedNow(questions=questions, versions=list(latest.values()))


def packet_of(*, practitioner_id: int, email: str) -> IntakePacket | None:
    return IntakePacket.objects.filter(
        practitioner_id=practitioner_id, client_email=email.strip().lower()
    ).first()


def packet_from_token(token: str) -> IntakePacket | None:
    """The packet a client's link names, or None for a forged or unknown link."""
    packet_id = packet_id_from_token(token)
    if packet_id is None:
        return None
    return IntakePacket.objects.select_related("practitioner").filter(pk=packet_id).first()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _status(
    *, asked: AskedNow, answered: set[int], signed: set[int], touched: bool
) -> IntakeStatus:
    unanswered_required = sum(
        1 for question in asked.questions if question.required and question.pk not in answered
    )
    missing = [version for version in asked.versions if version.pk not in signed]
    missing_titles = [version.title for version in missing]
    if not unanswered_required and not missing:
        return IntakeStatus(
            state="complete",
            label="Complete",
            client_label="Your intake is complete. Thank you.",
        )
    to_do = []
    if unanswered_required:
        to_do.append(_plural(unanswered_required, "required question"))
    if missing:
        to_do.append(_plural(len(missing), "document") + " to sign")
    if not touched:
        return IntakeStatus(
            state="not_started",
            label="Not started",
            client_label="Please fill in your intake before your first session: "
            + " and ".join(to_do)
            + ".",
            missing_documents=missing_titles,
            unanswered_required=unanswered_required,
        )
    answered_asked = sum(1 for question in asked.questions if question.pk in answered)
    signed_current = len(asked.versions) - len(missing)
    done = []
    if asked.questions:
        done.append(f"{answered_asked} of {_plural(len(asked.questions), 'question')}")
    if asked.versions:
        done.append(f"{signed_current} of {_plural(len(asked.versions), 'document')} signed")
    return IntakeStatus(
        state="started",
        label="Started: " + ", ".join(done),
        client_label="Your intake is saved but not finished: " + " and ".join(to_do) + ".",
        missing_documents=missing_titles,
        unanswered_required=unanswered_required,
    )


def _answered_and_signed(packet_ids: Iterable[int]) -> tuple[dict, dict]:
    ids = list(packet_ids)
    answered: dict[int, set[int]] = {packet_id: set() for packet_id in ids}
    signed: dict[int, set[int]] = {packet_id: set() for packet_id in ids}
    for packet_id, question_id in (
        IntakeAnswer.objects.filter(packet_id__in=ids, question__isnull=False)
        .exclude(value="")
        .values_list("packet_id", "question_id")
    ):
        answered[packet_id].add(question_id)
    for packet_id, version_id in Acknowledgment.objects.filter(packet_id__in=ids).values_list(
        "packet_id", "version_id"
    ):
        signed[packet_id].add(version_id)
    return answered, signed


def intake_status(packet: IntakePacket, *, asked: AskedNow | None = None) -> IntakeStatus:
    asked = asked or asked_now()
    answered, signed = _answered_and_signed([packet.pk])
    return _status(
        asked=asked,
        answered=answered[packet.pk],
        signed=signed[packet.pk],
        touched=bool(answered[packet.pk] or signed[packet.pk]),
    )


def statuses_of(
    packets: Iterable[IntakePacket], *, asked: AskedNow | None = None
) -> dict[int, IntakeStatus]:
    """Status per packet id, for packets already loaded. Four queries however many packets
    (two when `asked` is given)."""
    packets = list(packets)
    if not packets:
        return {}
    asked = asked or asked_now()
    answered, signed = _answered_and_signed(packet.pk for packet in packets)
    return {
        packet.pk: _status(
            asked=asked,
            answered=answered[packet.pk],
            signed=signed[packet.pk],
            touched=bool(answered[packet.pk] or signed[packet.pk]),
        )
        for packet in packets
    }


def statuses_for(
    pairs: Iterable[tuple[int, str]],
) -> dict[tuple[int, str], IntakeStatus]:
    """Status per (practitioner_id, email), keyed with the email lower-cased; pairs without a
    packet are "not_started". Five queries, however many pairs."""
    keys = {(practitioner_id, email.strip().lower()) for practitioner_id, email in pairs}
    if not keys:
        return {}
    packets = {
        (packet.practitioner_id, packet.client_email): packet
        for packet in IntakePacket.objects.filter(
            practitioner_id__in={key[0] for key in keys},
            client_email__in={key[1] for key in keys},
        )
    }
    asked = asked_now()
    by_packet = statuses_of(packets.values(), asked=asked)
    never_started = _status(asked=asked, answered=set(), signed=set(), touched=False)
    return {key: by_packet[packets[key].pk] if key in packets else never_started for key in keys}


def answers_of(packet: IntakePacket) -> dict[int, str]:
    """Question id -> the client's stored answer (questions since deleted left out)."""
    return dict(packet.answers.filter(question__isnull=False).values_list("question_id", "value"))


def signatures_of(packet: IntakePacket) -> list[Acknowledgment]:
    """What the client signed, with each version's text: in the documents' order, a newer
    version of a document before an older one."""
    return list(
        packet.acknowledgments.select_related("version__document").order_by(
            "version__document__sort_order", "version__document_id", "-version__number"
        )
    )
