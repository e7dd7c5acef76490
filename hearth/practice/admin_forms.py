"""Admin forms of the practice: a practitioner's weekly hours edited as one line per weekday."""

from django import forms
from django.db import transaction
from wagtail.admin.forms import WagtailAdminModelForm

from .windows import WEEKDAY_NAMES, WEEKDAYS, Span, WindowError, format_line, parse_line

HOURS_HELP = "e.g. 09:00-12:00, 13:00-17:00 — leave empty for a day off"


def _hours_field(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        help_text=HOURS_HELP,
        widget=forms.TextInput(attrs={"placeholder": "09:00-17:00"}),
    )


class PractitionerForm(WagtailAdminModelForm):
    """Adds seven fields, Monday to Sunday, that read and write the weekly windows."""

    hours_mon = _hours_field(WEEKDAY_NAMES[0])
    hours_tue = _hours_field(WEEKDAY_NAMES[1])
    hours_wed = _hours_field(WEEKDAY_NAMES[2])
    hours_thu = _hours_field(WEEKDAY_NAMES[3])
    hours_fri = _hours_field(WEEKDAY_NAMES[4])
    hours_sat = _hours_field(WEEKDAY_NAMES[5])
    hours_sun = _hours_field(WEEKDAY_NAMES[6])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = self.instance.weekly_hours() if self.instance.pk else {}
        for day, key in enumerate(WEEKDAYS):
            self.fields[f"hours_{key}"].initial = format_line(hours.get(day, []))

    def clean(self):
        cleaned = super().clean()
        self.weekly_hours: dict[int, list[Span]] = {}
        for day, key in enumerate(WEEKDAYS):
            try:
                spans = parse_line(cleaned.get(f"hours_{key}", "") or "")
            except WindowError as error:
                self.add_error(f"hours_{key}", str(error))
                continue
            if spans:
                self.weekly_hours[day] = spans
        return cleaned

    def save(self, commit=True):
        from .actions import replace_weekly_hours

        with transaction.atomic():
            practitioner = super().save(commit=commit)
            if commit:
                replace_weekly_hours(practitioner=practitioner, hours=self.weekly_hours)
        return practitioner
