"""Writes of the intake: a client's packet, their answers and signatures, and publishing a
new version of a document. Keyword-only, atomic, audited; refusals store nothing."""

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from hearth.core.text import clean_line
from hearth.core.zones import known_time_zones
from hearth.practice.models import Practitioner
from hearth.privacy.actions import record_audit
from hearth.privacy.models import AuditEntry

from .errors import DocumentChanged, IntakeIncomplete
from .models import Acknowledgment, DocumentVersion, IntakeAnswer, IntakeDocument, IntakePacket
from .queries import IntakeStatus, asked_now, intake_status


def packet_for(
    *, practitioner: Practitioner, email: str, name: str, timezone_name: str = ""
) -> IntakePacket:
    """The client's packet with this practitioner, made on first use. Idempotent; safe inside
    the caller's transaction (a concurrent maker's row is fetched, not duplicated). The name
    and, when given, the time zone (an IANA name from the booking) are kept up to date."""
    address = email.strip().lower()
    name = clean_line(name)[:200]
    zone = timezone_name if timezone_name in known_time_zones() else ""
    with transaction.atomic():
        packet, created = IntakePacket.objects.get_or_create(
            practitioner=practitioner,
            client_email=address,
            defaults={"client_name": name, "client_timezone": zone},
        )
        if created:
            record_audit(actor="system", action="intake.created", target=packet)
            return packet
        changed = []
        if name and packet.client_name != name:
            packet.client_name = name
            changed.append("client_name")
        if zone and packet.client_timezone != zone:
            packet.client_timezone = zone
            changed.append("client_timezone")
        if changed:
            packet.save(update_fields=[*changed, "updated_at"])
    return packet


def save_intake(
    *,
    packet: IntakePacket,
    answers: dict[int, str],
    signatures: dict[int, str],
    submit: bool,
    now: dt.datetime | None = None,
) -> IntakeStatus:
    """Store the client's answers (question id -> text; "" clears an answer) and signatures
    (document version id -> typed full name) and return the packet's new status.

    Answers to questions no longer asked are ignored. A signature must be for a current
    version (else DocumentChanged). With `submit`, every required question must be answered
    and every current document signed once these are stored (else IntakeIncomplete).
    Either refusal stores nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        packet = IntakePacket.objects.select_for_update().get(pk=packet.pk)
        asked = asked_now()
        current = {version.pk: version for version in asked.versions}
        stale = sorted(version_id for version_id in signatures if version_id not in current)
        if stale:
            raise DocumentChanged(version_ids=stale)
        _store_answers(packet=packet, questions=asked.questions, answers=answers)
        signed = _store_signatures(packet=packet, versions=current, signatures=signatures, now=now)
        status = intake_status(packet, asked=asked)
        if submit and status.state != "complete":
            signed_ids = set(packet.acknowledgments.values_list("version_id", flat=True))
            raise IntakeIncomplete(
                question_ids=_unanswered_required(packet, asked.questions),
                version_ids=[v.pk for v in asked.versions if v.pk not in signed_ids],
            )
        if status.state == "complete" and (submit or packet.completed_at is None):
            packet.completed_at = now
        packet.save(update_fields=["completed_at", "updated_at"])
        record_audit(
            actor="client",
            action="intake.submitted" if submit else "intake.saved",
            target=packet,
            signed_versions=signed,
        )
    return status


def _store_answers(*, packet: IntakePacket, questions, answers: dict[int, str]) -> None:
    by_id = {question.pk: question for question in questions}
    existing = {answer.question_id: answer for answer in packet.answers.all()}
    for question_id, value in answers.items():
        question = by_id.get(question_id)
        if question is None:
            continue
        answer = existing.get(question_id)
        if not value:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            IntakeAnswer.objects.create(
                packet=packet, question=question, question_label=question.label, value=value
            )
        elif answer.value != value or answer.question_label != question.label:
            answer.value = value
            answer.question_label = question.label
            answer.save(update_fields=["value", "question_label", "updated_at"])


def _store_signatures(
    *, packet: IntakePacket, versions: dict, signatures: dict[int, str], now: dt.datetime
) -> list[int]:
    already = set(packet.acknowledgments.values_list("version_id", flat=True))
    stored = []
    for version_id, name in signatures.items():
        name = clean_line(name)[:200]
        if version_id in already or not name:
            continue
        Acknowledgment.objects.create(
            packet=packet, version=versions[version_id], signed_name=name, signed_at=now
        )
        stored.append(version_id)
    return stored


def _unanswered_required(packet: IntakePacket, questions) -> list[int]:
    answered = set(packet.answers.exclude(value="").values_list("question_id", flat=True))
    return [q.pk for q in questions if q.required and q.pk not in answered]


def publish_document(
    *, document: IntakeDocument, actor: str, now: dt.datetime | None = None
) -> DocumentVersion | None:
    """Save the document; when its title or body differ from its latest version (or it has
    none), publish version N+1 — clients who signed an earlier one are asked again.
    Returns the new version, or None when the text is unchanged."""
    now = now or timezone.now()
    with transaction.atomic():
        if document.sort_order is None:
            last = IntakeDocument.objects.aggregate(last=Max("sort_order"))["last"]
            document.sort_order = 0 if last is None else last + 1
        document.save()
        latest = (
            DocumentVersion.objects.select_for_update()
            .filter(document=document)
            .order_by("-number")
            .first()
        )
        if latest is not None and (latest.title, latest.body) == (document.title, document.body):
            return None
        version = DocumentVersion.objects.create(
            document=document,
            number=latest.number + 1 if latest else 1,
            title=document.title,
            body=document.body,
            published_at=now,
        )
        record_audit(
            actor=actor, action="intake.document_published", target=document, number=version.number
        )
    return version


def record_admin_read(*, packet: IntakePacket, actor: str) -> AuditEntry:
    """Someone opened the client's intake in the admin."""
    return record_audit(actor=actor, action="intake.viewed", target=packet)
