"""Why an intake write was refused: core refusals with the fields they concern."""

from hearth.core.errors import Invalid


class IntakeIncomplete(Invalid):
    """Submit with required questions unanswered or current documents unsigned."""

    code = "intake_incomplete"

    def __init__(self, *, question_ids: list[int], version_ids: list[int]) -> None:
        super().__init__(
            "Some required questions are unanswered or some documents are not signed yet."
        )
        self.question_ids = question_ids
        self.version_ids = version_ids


class DocumentChanged(Invalid):
    """A signature for a version that is no longer the current one."""

    code = "document_changed"

    def __init__(self, *, version_ids: list[int]) -> None:
        super().__init__(
            "A document changed while you were reading it. Please read the new version "
            "and sign it again."
        )
        self.version_ids = version_ids
