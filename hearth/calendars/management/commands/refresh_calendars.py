"""manage.py refresh_calendars: fetch every busy calendar now (for cron), or start the schedule."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from hearth.calendars.actions import refresh_all_calendars
from hearth.calendars.fetching import short_address
from hearth.calendars.tasks import backend_can_schedule, start_refresh_schedule
from hearth.practice.models import BusyCalendar


class Command(BaseCommand):
    help = (
        "Fetch every practitioner's busy calendars now and store their busy times. "
        "With --start-schedule, only plan the background refresh on the task worker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--start-schedule",
            action="store_true",
            help="Plan the repeating background refresh (needs a worker) instead of fetching.",
        )

    def handle(self, *args, start_schedule: bool, **options):
        if start_schedule:
            if not backend_can_schedule():
                self.stderr.write(
                    "The task backend runs tasks at once and cannot schedule them; run "
                    "`manage.py refresh_calendars` from cron instead (see the README)."
                )
                return
            planned = start_refresh_schedule(now=timezone.now())
            self.stdout.write(
                "Busy calendars: refresh planned."
                if planned
                else "Busy calendars: a refresh is already planned; nothing to do."
            )
            return
        names = {c.pk: c for c in BusyCalendar.objects.select_related("practitioner")}
        for outcome in refresh_all_calendars(now=timezone.now()):
            calendar = names.get(outcome.calendar_id)
            if calendar is None:
                continue
            where = f"{calendar.practitioner.slug}: {short_address(calendar.url)}"
            if outcome.ok:
                self.stdout.write(f"ok      {where} (busy times: {outcome.block_count})")
            else:
                self.stdout.write(f"FAILED  {where}: {outcome.error}")
