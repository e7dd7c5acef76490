"""Dumping the practice file: everything it describes, as stored now."""

from hearth.practice.models import Practice, Practitioner, Service

from .document import PracticeFile, write_practice_file
from .practice import practice_entry
from .practitioners import practitioner_entry
from .services import service_entry
from .workshops import workshop_entries


def practice_document() -> PracticeFile:
    """Everything the practice file describes, as stored now."""
    practitioners = Practitioner.objects.prefetch_related(
        "weekly_windows", "overrides", "licenses", "busy_calendars"
    ).order_by("slug")
    services = Service.objects.prefetch_related("practitioners").order_by("slug")
    return PracticeFile(
        practice=practice_entry(Practice.load()),
        practitioners=[practitioner_entry(p) for p in practitioners],
        services=[service_entry(s) for s in services],
        workshops=workshop_entries(),
    )


def dump_practice() -> str:
    """The practice file's text for what is stored now (load it back: the same text)."""
    return write_practice_file(practice_document())
