"""Writes to practice data: loading a practice file, setting a practitioner's weekly hours."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import (
    BusyCalendar,
    DateOverride,
    License,
    Practice,
    Practitioner,
    Service,
    WeeklyWindow,
)
from .practice_file import (
    PracticeFile,
    PracticeFileError,
    PractitionerEntry,
    ServiceEntry,
)
from .queries import practitioner_entry, service_entry
from .windows import Span, format_line


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
            _load_practice_entry(document, report)
        for entry in document.practitioners:
            _load_practitioner(entry, report)
        for service in document.services:
            _load_service(service, report)
        if document.workshops:
            from hearth.workshops.loading import load_workshop

            for workshop in document.workshops:
                before, after = load_workshop(workshop)
                _record(report, f"workshop {workshop.slug}", before, after)
    return report


def _full_clean(instance, where: str, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as error:
        messages = [
            f"{where}: {name}: {message}" if name != "__all__" else f"{where}: {message}"
            for name, problems in error.message_dict.items()
            for message in problems
        ]
        raise PracticeFileError(messages) from error


def _load_practice_entry(document: PracticeFile, report: LoadReport) -> None:
    entry = document.practice
    if entry is None:
        return
    practice = Practice.load()
    fields = ("name", "timezone", "email", "phone", "address", "video_link_template")
    before = [getattr(practice, name) for name in fields]
    practice.name, practice.timezone = entry.name, entry.timezone
    practice.email, practice.phone, practice.address = entry.email, entry.phone, entry.address
    practice.video_link_template = entry.video_link_template
    _full_clean(practice, "[practice]")
    practice.save()
    after = [getattr(practice, name) for name in fields]
    (report.changed if before != after else report.unchanged).append("the practice")


def _load_practitioner(entry: PractitionerEntry, report: LoadReport) -> None:
    where = f'practitioners "{entry.slug}"'
    practitioner = Practitioner.objects.filter(slug=entry.slug).first()
    before = practitioner_entry(practitioner) if practitioner else None
    if practitioner is None:
        practitioner = Practitioner(slug=entry.slug)
    for key in ("name", "credentials", "email", "timezone", "bio", "message_of_support"):
        setattr(practitioner, key, getattr(entry, key))
    _full_clean(practitioner, where, exclude=["user", "photo"])
    practitioner.save()
    replace_weekly_hours(practitioner=practitioner, hours=entry.weekly_hours)
    practitioner.overrides.all().delete()
    for day, spans in sorted(entry.overrides.items()):
        override = DateOverride(practitioner=practitioner, date=day, windows=format_line(spans))
        _full_clean(override, f"{where} overrides {day}")
        override.save()
    practitioner.licenses.all().delete()
    for index, lic in enumerate(entry.licenses):
        license_row = License(
            practitioner=practitioner,
            jurisdiction=lic.jurisdiction,
            kind=lic.kind,
            number=lic.number,
            valid_from=lic.valid_from,
            expires_on=lic.expires_on,
        )
        _full_clean(license_row, f"{where} licenses[{index}]")
        license_row.save()
    _replace_busy_calendars(practitioner, entry, where)
    _record(report, f"practitioner {entry.slug}", before, practitioner_entry(practitioner))


def _replace_busy_calendars(practitioner: Practitioner, entry: PractitionerEntry, where: str):
    """Rows whose address is still listed are kept (with their last fetched copy and busy
    times); the others are removed and new addresses added."""
    existing = {calendar.url: calendar for calendar in practitioner.busy_calendars.all()}
    listed = {calendar.url for calendar in entry.busy_calendars}
    practitioner.busy_calendars.exclude(url__in=listed).delete()
    for index, item in enumerate(entry.busy_calendars):
        calendar = existing.get(item.url) or BusyCalendar(practitioner=practitioner, url=item.url)
        calendar.include_all_day = item.include_all_day
        calendar.include_transparent = item.include_transparent
        _full_clean(calendar, f"{where} busy_calendars[{index}]")
        calendar.save()


def replace_weekly_hours(*, practitioner: Practitioner, hours: dict[int, list[Span]]) -> None:
    """Replace the practitioner's weekly windows (weekday 0 = Monday, sorted, not overlapping)."""
    practitioner.weekly_windows.all().delete()
    WeeklyWindow.objects.bulk_create(
        WeeklyWindow(
            practitioner=practitioner,
            weekday=day,
            start_minute=span.start_minute,
            end_minute=span.end_minute,
        )
        for day, spans in sorted(hours.items())
        for span in spans
    )


def _load_service(entry: ServiceEntry, report: LoadReport) -> None:
    where = f'services "{entry.slug}"'
    service = Service.objects.filter(slug=entry.slug).first()
    before = service_entry(service) if service else None
    if service is None:
        service = Service(slug=entry.slug)
    for key in (
        "name", "description", "kind", "duration_minutes", "interval_minutes",
        "buffer_before_minutes", "buffer_after_minutes", "minimum_notice_minutes",
        "horizon_days", "daily_limit", "cancel_cutoff_hours", "reminder_hours", "price_cents",
        "currency",
    ):  # fmt: skip
        setattr(service, key, getattr(entry, key))
    service.locations = entry.locations
    practitioners = list(Practitioner.objects.filter(slug__in=entry.practitioners))
    missing = sorted(set(entry.practitioners) - {p.slug for p in practitioners})
    if missing:
        raise PracticeFileError(
            [f"{where}: no practitioner with the slug {', '.join(repr(s) for s in missing)}"]
        )
    _full_clean(service, where, exclude=["practitioners"])
    service.save()
    service.practitioners.set(practitioners)
    service.save()
    _record(report, f"service {entry.slug}", before, service_entry(service))


def _record(report: LoadReport, name: str, before: object, after: object) -> None:
    if before is None:
        report.created.append(name)
    elif before != after:
        report.changed.append(name)
    else:
        report.unchanged.append(name)
