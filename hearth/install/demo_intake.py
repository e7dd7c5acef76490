"""The demo intake a new install starts with: questions and the four documents of the demo
counselor, read from demo/intake.toml (next to the demo practice file)."""

import tomllib
from pathlib import Path

from django.db import transaction

from hearth.intake.actions import publish_document
from hearth.intake.models import DocumentKind, IntakeDocument, IntakeQuestion, QuestionKind


@transaction.atomic
def build_demo_intake(*, intake_file: Path) -> tuple[int, int]:
    """Add the file's questions and publish its documents (version 1), unless the install
    already has some. Returns (questions, documents) added."""
    if not intake_file.exists() or (
        IntakeQuestion.objects.exists() or IntakeDocument.objects.exists()
    ):
        return (0, 0)
    data = tomllib.loads(intake_file.read_text("utf-8"))
    questions = data.get("questions", [])
    for order, entry in enumerate(questions):
        question = IntakeQuestion(
            label=entry["label"],
            help_text=entry.get("help_text", ""),
            kind=QuestionKind(entry["kind"]),
            choices=entry.get("choices", "").strip(),
            required=entry.get("required", True),
            sort_order=order,
        )
        question.full_clean()
        question.save()
    documents = data.get("documents", [])
    for order, entry in enumerate(documents):
        document = IntakeDocument(
            kind=DocumentKind(entry["kind"]),
            title=entry["title"],
            body=entry["body"].strip(),
            sort_order=order,
        )
        publish_document(document=document, actor="system")
    return (len(questions), len(documents))
