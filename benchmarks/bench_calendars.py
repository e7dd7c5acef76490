"""Busy-calendar expansion: a 10,000-event personal calendar with recurring series, 90 days.

Measures what the background refresh does with one such file: parse it, expand its events
over 90 days, and store the busy blocks (replacing the previous ones), plus the whole refresh
through HTTP from a local server. SQLite by default; set HEARTH_BENCH_DATABASE_URL to run the
same on PostgreSQL.
"""

import json
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import calendar_workload as workload
from benchmarks.results import tiny
from hearth.core.testing.databases import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench" / "calendars-bench.sqlite3"
REPEATS = 1 if tiny() else 3
ZONE = "America/Los_Angeles"


def main() -> dict[str, object]:
    today = datetime.now(UTC).date()
    url = os.environ.get("HEARTH_BENCH_DATABASE_URL") or f"sqlite:///{migrated_sqlite(DATABASE)}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": url,
        # The calendar is served from this machine; Hearth fetches no local address otherwise.
        "HEARTH_CALENDAR_INTERNAL_HOSTS": "127.0.0.1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_calendars", today.isoformat()],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"The calendars benchmark failed:\n{done.stdout}\n{done.stderr}")
    row = json.loads(next(line for line in done.stdout.splitlines() if line.startswith("{")))
    print(
        f"busy-calendar expansion ({workload.EVENTS:,} events, {workload.SERIES} of them "
        f"recurring series with EXDATEs and moved occurrences, {row['megabytes']:.1f} MB, "
        f"{workload.DAYS} days, {row['database']})"
    )
    print(
        f"  {row['occurrences']:,} occurrences in the window -> {row['blocks']:,} busy blocks "
        "(overlaps merged; all-day and free events left out)"
    )
    for label, key in (("parse", "parse_ms"), ("expand", "expand_ms"), ("store", "store_ms")):
        print(f"  {label:<8}{row[key]:>9,.0f} ms")
    print(
        f"  {'':<8}{row['store_unmerged_ms']:>9,.0f} ms to store {row['occurrences']:,} blocks "
        "instead (events that never overlap: the worst case)"
    )
    parts = row["parse_ms"] + row["expand_ms"] + row["store_ms"]
    print(f"  {'total':<8}{parts:>9,.0f} ms (parse + expand + store)")
    print(
        f"  refresh {row['refresh_ms']:>9,.0f} ms (fetch from a local server + all of the above)"
    )
    print(
        f"  the way before (whole file parsed, every occurrence copied): "
        f"{row['previous_way_ms']:,.0f} ms for parse + expand, "
        f"{row['previous_way_ms'] / row['this_way_ms']:.1f}x this way's "
        f"({row['this_way_ms']:,.0f} ms, taking turns); "
        f"same busy blocks: {'yes' if row['same_as_previous_way'] else 'NO'}"
    )
    print(f"timing: best of {REPEATS} after a warm-up, one process, this machine's shared cores")
    return row


# --- the measured side, run as `python -m benchmarks.bench_calendars TODAY` -------------------


def _best(function, repeats: int = REPEATS):
    function()  # warm-up
    best, result = float("inf"), None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    return best * 1000, result


def _serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/personal.ics"


def _measure(today: date) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    if "sqlite" not in os.environ["DATABASE_URL"]:  # SQLite: main() copied a migrated file
        call_command("migrate", verbosity=0)

    import recurring_ical_events
    from django.db import connection

    from hearth.calendars.actions import refresh_calendar, replace_busy_blocks
    from hearth.calendars.busy_ics import BusyInterval, busy_intervals, parse_calendar
    from hearth.calendars.fetching import Fetched
    from hearth.calendars.models import BusyBlock, CalendarCopy
    from hearth.practice.models import BusyCalendar, Practitioner, Service

    body = workload.generate_calendar(today=today)
    since, until = workload.window(today)
    server, url = _serve(body)
    Practitioner.objects.filter(slug="bench-calendar").delete()
    practitioner = Practitioner.objects.create(slug="bench-calendar", name="Bench", timezone=ZONE)
    calendar = BusyCalendar.objects.create(practitioner=practitioner, url=url)
    # A booking horizon that makes the refresh expand the same 90 days (a day back, 3 ahead).
    Service.objects.filter(slug="bench-calendar").delete()
    Service.objects.create(
        slug="bench-calendar",
        name="Bench",
        kind="coaching",
        duration_minutes=30,
        horizon_days=workload.DAYS - 4,
    )
    copy = CalendarCopy.objects.create(calendar=calendar)

    parse_ms, parsed = _best(lambda: parse_calendar(body, near=(since, until)))
    expand_ms, intervals = _best(
        lambda: busy_intervals(parsed, since=since, until=until, zone=ZoneInfo(ZONE))
    )
    fetched = Fetched(body, etag="", last_modified="")
    store_ms, _ = _best(
        lambda: replace_busy_blocks(
            calendar=calendar,
            intervals=intervals,
            copy=copy,
            body=body,
            fetched=fetched,
            now=since,
        )
    )
    now = since + timedelta(days=1)
    refresh_ms, outcome = _best(lambda: refresh_calendar(calendar=calendar, now=now))
    server.shutdown()
    assert outcome.ok, outcome.error
    assert BusyBlock.objects.filter(calendar=calendar).count() == outcome.block_count > 0
    occurrences = recurring_ical_events.of(parsed).between(since, until)
    # The worst case for storing: as many blocks as occurrences (a calendar whose events
    # never overlap).
    unmerged = [
        BusyInterval(e.decoded("DTSTART").astimezone(UTC), e.decoded("DTEND").astimezone(UTC))
        for e in occurrences
    ]
    store_unmerged_ms, _ = _best(
        lambda: replace_busy_blocks(
            calendar=calendar, intervals=unmerged, copy=copy, body=body, fetched=fetched, now=now
        )
    )
    # The two ways take turns, so a burst of outside load cannot land on one way only.
    zone = ZoneInfo(ZONE)
    this_way_ms, previous_ms = float("inf"), float("inf")
    for _ in range(REPEATS + 1):
        started = time.perf_counter()
        busy_intervals(
            parse_calendar(body, near=(since, until)), since=since, until=until, zone=zone
        )
        this_way_ms = min(this_way_ms, (time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        previous = _previous_way(body, since, until)
        previous_ms = min(previous_ms, (time.perf_counter() - started) * 1000)
    return {
        "this_way_ms": this_way_ms,
        "previous_way_ms": previous_ms,
        "same_as_previous_way": previous == intervals,
        "megabytes": len(body) / 1_000_000,
        "occurrences": len(occurrences),
        "store_unmerged_ms": store_unmerged_ms,
        "blocks": len(intervals),
        "parse_ms": parse_ms,
        "expand_ms": expand_ms,
        "store_ms": store_ms,
        "refresh_ms": refresh_ms,
        "refresh_blocks": outcome.block_count,
        "database": connection.vendor,
    }


def _previous_way(body: bytes, since, until):
    """The expansion as it was: the whole file parsed, recurring-ical-events' public
    `between()` (a copy of the event per occurrence), each copy read."""
    import recurring_ical_events

    from hearth.calendars.busy_ics import BusyOptions, _interval, merge, parse_calendar

    calendar = parse_calendar(body)
    intervals = []
    for event in recurring_ical_events.of(calendar, skip_bad_series=True).between(since, until):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        interval = _interval(event, start, end, zone=ZoneInfo(ZONE), options=BusyOptions())
        if interval is not None:
            intervals.append(interval)
    return merge(intervals)


if __name__ == "__main__":
    print(json.dumps(_measure(date.fromisoformat(sys.argv[1]))), flush=True)
