"""Worker delivery throughput: outbox rows sent over SMTP to a local sink (aiosmtpd), the same
claim/send/mark loop the worker's tasks run, on a fresh SQLite database."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.results import tiny
from hearth.core.testing.databases import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = ROOT / "var" / "bench" / "delivery-bench.sqlite3"
COUNT = 20 if tiny() else 2000


def main() -> dict[str, object]:
    migrated_sqlite(BENCH_DB)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{BENCH_DB}",
        "HEARTH_TASK_BACKEND": "dummy",
        "DEBUG": "false",
    }
    command = [sys.executable, "-m", "benchmarks.bench_delivery", "run"]
    output = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(
        f"delivery benchmark ({COUNT:,} messages with an .ics attachment, one worker, "
        f"SQLite, local SMTP sink)"
    )
    print(
        f"  sent {result['received']:,} in {result['seconds']:.2f} s: "
        f"{result['per_second']:.0f} messages/s"
    )
    return result


def _run() -> None:
    import django

    django.setup()
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils import timezone

    from hearth.core.testing.smtp import SmtpSink
    from hearth.notifications import delivery
    from hearth.notifications.actions import Attachment, queue_email

    ics = _ics()
    now = timezone.now()
    with transaction.atomic():
        for n in range(COUNT):
            queue_email(
                to=f"client{n}@example.org",
                subject="Your appointment with Sam Rivera",
                text="Hello,\n\nYour appointment is booked.\n" * 5,
                html="<p>Hello</p>" * 5,
                kind="bench",
                now=now,
                attachments=[Attachment("appointment.ics", ics, "text/calendar; method=REQUEST")],
            )
    with (
        SmtpSink() as sink,
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=sink.port,
        ),
    ):
        started = time.perf_counter()
        sent, failed = delivery.deliver(now=timezone.now())
        seconds = time.perf_counter() - started
        received = len(sink.messages)
    assert (sent, failed, received) == (COUNT, 0, COUNT), (sent, failed, received)
    print(json.dumps({"received": received, "seconds": seconds, "per_second": COUNT / seconds}))


def _ics() -> str:
    import datetime as dt

    from hearth.notifications.ics import CalendarEvent, Method, calendar_ics

    start = dt.datetime(2027, 3, 10, 17, tzinfo=dt.UTC)
    event = CalendarEvent(
        uid="ABCDEFGH@hearth",
        start=start,
        end=start + dt.timedelta(hours=1),
        title="Appointment with Sam Rivera",
        description="To change: ...",
        url="https://meet.example.org/x",
        stamped_at=start,
        sequence=0,
        location="https://meet.example.org/x",
    )
    return calendar_ics(events=[event], method=Method.REQUEST, product="Appointments").decode()


if __name__ == "__main__":
    if sys.argv[1:] == ["run"]:
        _run()
    else:
        main()
