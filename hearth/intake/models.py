"""Intake data: the practice's questions and versioned documents, and each client's packet
of answers and signed acknowledgments (what the client types is encrypted at rest)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from hearth.core.encryption import EncryptedTextField
from hearth.practice.models import Practitioner
from hearth.practice.validators import validate_time_zone


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text (one line)"
    LONG_TEXT = "long_text", "Long text (several lines)"
    CHOICE = "choice", "Choice (one of a list)"
    DATE = "date", "Date"
    YES_NO = "yes_no", "Yes or no"


class IntakeQuestion(models.Model):
    """A practice-wide question, asked of every counseling client while it is active."""

    label = models.CharField(max_length=300, help_text="The question as the client reads it.")
    help_text = models.CharField(
        max_length=500, blank=True, help_text="Optional words shown under the question."
    )
    kind = models.CharField(
        max_length=20, choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT
    )
    choices = models.TextField(
        blank=True, help_text='For "Choice" questions: the choices, one per line.'
    )
    required = models.BooleanField(
        default=True, help_text="The client cannot submit the intake without an answer."
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop asking it; earlier answers are kept."
    )
    sort_order = models.PositiveIntegerField(null=True, blank=True, editable=False)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "Please give at least two choices, one per line."})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class DocumentKind(models.TextChoices):
    DISCLOSURE = "disclosure", "Disclosure statement"
    TELEHEALTH = "telehealth_consent", "Telehealth informed consent"
    PRIVACY = "privacy_notice", "Notice of privacy practices"
    FINANCIAL = "financial_policy", "Financial policy"


class IntakeDocument(models.Model):
    """A document clients acknowledge. Its text lives in DocumentVersion rows: a change of
    title or body publishes a new version (see actions.save_document)."""

    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    body = models.TextField(
        help_text=(
            "Plain text. A blank line starts a new paragraph, a line starting with “# ” is a "
            "heading, and lines starting with “- ” make a list."
        )
    )
    active = models.BooleanField(
        default=True, help_text="Untick to stop asking clients to sign it."
    )
    sort_order = models.PositiveIntegerField(null=True, blank=True, editable=False)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "id"]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """The text of a document as published; never changed once written."""

    document = models.ForeignKey(IntakeDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.title} (version {self.number})"


class IntakePacket(models.Model):
    """One client's intake with one practitioner, kept across bookings."""

    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="intake_packets"
    )
    client_email = models.EmailField(help_text="Lower-cased.")
    client_name = models.CharField(max_length=200)
    client_timezone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="The client's zone from their latest booking; times they see are in it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the client last submitted it complete."
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "client_email"], name="one_packet_per_client"
            ),
            models.CheckConstraint(
                condition=models.Q(client_email=Lower("client_email")),
                name="packet_email_lower_cased",
            ),
        ]

    def __str__(self) -> str:
        return f"Intake of {self.client_name} with {self.practitioner.name}"


class IntakeAnswer(models.Model):
    packet = models.ForeignKey(IntakePacket, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        IntakeQuestion, on_delete=models.SET_NULL, null=True, related_name="answers"
    )
    # The question as it was asked, so an answer still reads right after an edit or deletion.
    question_label = models.CharField(max_length=300)
    value = EncryptedTextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["packet", "question"], name="one_answer_per_question")
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_label!r}"


class Acknowledgment(models.Model):
    """The client's signature (typed full name) on one version of a document."""

    packet = models.ForeignKey(
        IntakePacket, on_delete=models.CASCADE, related_name="acknowledgments"
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="acknowledgments"
    )
    signed_name = EncryptedTextField(max_length=200)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["packet", "version"], name="one_signature_per_version")
        ]

    def __str__(self) -> str:
        return f"Acknowledgment of {self.version}"
