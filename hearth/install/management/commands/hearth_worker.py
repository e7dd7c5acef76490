"""`manage.py hearth_worker`: start the outbox sweeper, the calendar refresh and the daily
retention run (and a watch that restarts the sweeper chain if it stops), then run the
configured backend's worker (django-tasks-db's `db_worker`, or RQ's
`rqworker --with-scheduler`)."""

import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from hearth.calendars.tasks import start_refresh_schedule
from hearth.notifications.tasks import start_sweeper, watch_sweeper
from hearth.rights.tasks import start_retention_schedule

DATABASE = "django_tasks_db.DatabaseBackend"
RQ = "django_tasks_rq.RQBackend"


class Command(BaseCommand):
    help = "Run the background worker for the configured task backend (and its sweeper)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between polls of the database queue.",
        )
        parser.add_argument(
            "--reload", action="store_true", help="Restart the database worker when code changes."
        )

    def handle(self, *args, **options) -> None:
        backend = settings.TASKS["default"]["BACKEND"]
        if backend not in (DATABASE, RQ):
            self.stderr.write(
                f"The task backend is {backend}: it runs tasks without a worker. Set "
                "HEARTH_TASK_BACKEND=database (or rq) to run them in the background."
            )
            return
        chain = start_sweeper()
        self.stdout.write(f"Sweeper {'started' if chain else 'already running'}.")
        # Safe on every start: the calendar refresh keeps one planned run.
        start_refresh_schedule(now=timezone.now())
        # The daily retention run (rights/retention.py): also planned once, on every start.
        start_retention_schedule(now=timezone.now())
        # A chain cut off by a kill mid-sweep is started again within a few intervals.
        threading.Thread(
            target=watch_sweeper, args=(threading.Event(),), name="sweeper watch", daemon=True
        ).start()
        if backend == DATABASE:
            call_command(
                "db_worker",
                interval=options["interval"],
                startup_delay=False,
                reload=options["reload"],
            )
        else:
            call_command(
                "rqworker", "default", with_scheduler=True, job_class="django_tasks_rq.Job"
            )
