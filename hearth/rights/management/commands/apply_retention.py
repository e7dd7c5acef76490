"""`manage.py apply_retention`: the daily retention run, at once (for cron, or by hand)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from hearth.rights.retention import apply_retention


class Command(BaseCommand):
    help = "Delete what is past its use and anonymise old bookings (the worker does it daily)."

    def handle(self, *args, **options) -> None:
        report = apply_retention(now=timezone.now())
        for name, count in report.as_dict().items():
            self.stdout.write(f"{name.replace('_', ' ')}: {count}")
