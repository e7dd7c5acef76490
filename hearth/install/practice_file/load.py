"""Loading a practice file: every entry stored in one transaction, or nothing at all."""

from dataclasses import dataclass, field

from django.db import transaction

from .document import PracticeFile
from .practice import store_practice
from .practitioners import store_practitioner
from .services import store_service
from .workshops import store_workshop


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return (
            [f"created {name}" for name in self.created]
            + [f"changed {name}" for name in self.changed]
            + [f"unchanged {name}" for name in self.unchanged]
        )

    def record(self, name: str, before: object, after: object) -> None:
        """Count an entry as created (no `before`), changed or unchanged."""
        if before is None:
            self.created.append(name)
        elif before != after:
            self.changed.append(name)
        else:
            self.unchanged.append(name)


def load_practice(*, document: PracticeFile) -> LoadReport:
    """Create or update everything in the file, in one transaction.

    Entries are matched by slug; a practitioner's licenses, weekly hours,
    overrides and busy calendars are replaced by the file's; what the file
    omits is left alone. Raises PracticeFileError (and writes nothing) when an
    entry cannot be stored.
    """
    report = LoadReport()
    with transaction.atomic():
        if document.practice is not None:
            report.record("the practice", *store_practice(document.practice))
        for entry in document.practitioners:
            report.record(f"practitioner {entry.slug}", *store_practitioner(entry))
        for service in document.services:
            report.record(f"service {service.slug}", *store_service(service))
        for workshop in document.workshops:
            report.record(f"workshop {workshop.slug}", *store_workshop(workshop))
    return report
