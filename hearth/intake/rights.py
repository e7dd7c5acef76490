"""A client's intake under their privacy rights: everything held about an email address, as
JSON-able data, and its erasure. Called by hearth.rights (export and erasure pages, commands)."""

from django.db import transaction

from hearth.privacy.actions import record_audit

from .models import Acknowledgment, IntakeAnswer, IntakePacket


def _packets(email: str):
    return IntakePacket.objects.filter(client_email=email.strip().lower()).select_related(
        "practitioner"
    )


def export_of(*, email: str) -> dict:
    """{"intake_packets": [...]}: per packet the practitioner, the name given, times, the
    answers with the question as asked, and each signature with the document's title,
    version, typed name and time (ISO 8601, UTC)."""
    packets = list(_packets(email).order_by("created_at", "id"))
    answers = IntakeAnswer.objects.filter(packet__in=packets).order_by("packet_id", "id")
    signatures = (
        Acknowledgment.objects.filter(packet__in=packets)
        .select_related("version")
        .order_by("packet_id", "signed_at", "id")
    )
    answers_of: dict[int, list] = {packet.pk: [] for packet in packets}
    signatures_of: dict[int, list] = {packet.pk: [] for packet in packets}
    for answer in answers:
        answers_of[answer.packet_id].append(
            {"question": answer.question_label, "answer": answer.value}
        )
    for signature in signatures:
        signatures_of[signature.packet_id].append(
            {
                "document": signature.version.title,
                "version": signature.version.number,
                "signed_name": signature.signed_name,
                "signed_at": signature.signed_at.isoformat(),
            }
        )
    return {
        "intake_packets": [
            {
                "practitioner": packet.practitioner.name,
                "name": packet.client_name,
                "email": packet.client_email,
                "created_at": packet.created_at.isoformat(),
                "completed_at": packet.completed_at.isoformat() if packet.completed_at else None,
                "answers": answers_of[packet.pk],
                "acknowledgments": signatures_of[packet.pk],
            }
            for packet in packets
        ]
    }


def erase_for(*, email: str, actor: str = "system") -> int:
    """Delete the client's packets with their answers and signatures; returns how many
    packets. The audit entries left behind name only the packet's id."""
    with transaction.atomic():
        packets = list(_packets(email))
        for packet in packets:
            record_audit(actor=actor, action="intake.erased", target=packet)
        IntakePacket.objects.filter(pk__in=[packet.pk for packet in packets]).delete()
    return len(packets)
