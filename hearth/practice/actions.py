"""Writes to practice data: setting a practitioner's weekly hours."""

from .models import Practitioner, WeeklyWindow
from .rules_cache import practice_rules_changed
from .windows import Span


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
    practice_rules_changed()  # bulk_create sends no signal
