"""Slots for one practitioner over 60 days: Hearth's engine and API against django-appointment."""

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import slots_workload as workload
from hearth.core.testing.databases import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
HEARTH_DB = BENCH_DIR / "hearth-bench.sqlite3"
PEER_VENV = BENCH_DIR / "peer-venv"
PEER_SCRIPT = ROOT / "benchmarks" / "peers" / "django_appointment" / "run.py"
PEER_PACKAGE, PEER_VERSION = "django-appointment", "3.12.0"
MEASURED_SLUG, SERVICE_SLUG = "bench-0", "bench-session"


def main() -> dict[str, object]:
    first_date = datetime.now(ZoneInfo(workload.ZONE)).date() + timedelta(days=1)
    # Each side runs in its own process: Hearth's settings must not leak into the harness, and
    # the peer needs its own Django install.
    migrated_sqlite(HEARTH_DB)
    hearth = _run_json(
        "Hearth", [sys.executable, "-m", "benchmarks.bench_slots", first_date.isoformat()]
    )
    peer = _run_json("django-appointment", [str(_peer_python()), str(PEER_SCRIPT), first_date])
    print(
        f"slots benchmark ({workload.DAYS} days from {first_date}, "
        f"{workload.SERVICE_MINUTES}-min service on a {workload.INTERVAL_MINUTES}-min grid, "
        f"{workload.TOTAL_BOOKINGS:,} bookings in the database)"
    )
    _row("N", "slots", "engine", "Hearth API", "django-appointment", "ratio")
    for n in workload.SIZES:
        ours, theirs = hearth[n], peer[n]
        expected = workload.expected_slot_count(
            workload.planned_bookings(measured=n, first_date=first_date), first_date
        )
        # Same workload on both sides, so the same answer: a mismatch would mean the timings
        # compare different work.
        counts = (ours["engine_slots"], ours["api_slots"], theirs["slots"])
        assert counts == (expected,) * 3, f"N={n}: slot counts {counts}, expected {expected}"
        _row(
            n,
            expected,
            f"{ours['engine_ms']:.2f} ms",
            f"{ours['api_ms']:.1f} ms",
            f"{theirs['ms']:.0f} ms",
            f"{theirs['ms'] / ours['api_ms']:.1f}x",
        )
    engine_ms = max(hearth[n]["engine_ms"] for n in workload.SIZES)
    ratio = min(peer[n]["ms"] / hearth[n]["api_ms"] for n in workload.SIZES)
    print(
        f"goal at every N: engine <= 2 ms ({'met' if engine_ms <= 2 else 'MISSED'}), "
        f"API >= 100x django-appointment ({'met' if ratio >= 100 else 'MISSED'})"
    )
    print(
        f"timing: best of >= {workload.REPEATS} calls spanning >= 1 s, after a warm-up call; "
        "django-appointment calls get_available_slots_for_staff per date as its views do (no "
        "HTTP), Hearth's API figure is one GET through Django's full request handling"
    )
    print(
        "SQL queries for the 60 days: Hearth API "
        + ", ".join(str(hearth[n]["api_queries"]) for n in workload.SIZES)
        + "; django-appointment "
        + ", ".join(str(peer[n]["queries"]) for n in workload.SIZES)
    )
    return {
        str(n): {
            "hearth": hearth[n],
            "django_appointment": peer[n],
            "ratio": peer[n]["ms"] / hearth[n]["api_ms"],
        }
        for n in workload.SIZES
    }


def _row(*cells: object) -> None:
    widths = (6, 6, 10, 12, 20, 6)
    print(
        "".join(f"{cell!s:<{width}}" for cell, width in zip(cells, widths, strict=True)).rstrip()
    )


def _run_json(name: str, command: list[object]) -> dict[int, dict]:
    """Run one side; it prints one JSON object per size on stdout."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{HEARTH_DB}",
        # A few requests a second from one address: no limiter may answer them instead.
        "HEARTH_RATE_LIMIT_PER_IP": "0",
    }
    done = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"The {name} side failed:\n{done.stdout}\n{done.stderr}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {row["n"]: row for row in rows}


def _peer_python() -> Path:
    """The peer's own venv, created and filled on first use, reused while it has the version."""
    python = PEER_VENV / "bin" / "python"
    version_check = [
        str(python),
        "-c",
        f"import importlib.metadata as m; print(m.version({PEER_PACKAGE!r}))",
    ]
    if python.exists():
        installed = subprocess.run(version_check, capture_output=True, text=True, check=False)
        if installed.stdout.strip() == PEER_VERSION:
            return python
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"{PEER_PACKAGE}=={PEER_VERSION}"],
        check=True,
    )
    return python


# --- Hearth's side, run as `python -m benchmarks.bench_slots FIRST_DATE` -----------------------


def _hearth_side(first_date: date) -> None:
    import django

    django.setup()  # on the migrated copy main() put at HEARTH_DB
    practitioner_ids, filler_service_id = _hearth_practice()
    for n in workload.SIZES:
        _hearth_bookings(n, first_date, practitioner_ids, filler_service_id)
        print(json.dumps({"n": n, **_hearth_timings(first_date)}), flush=True)


def _hearth_practice() -> tuple[list[int], int]:
    """Ten practitioners working Monday-Friday 09:00-17:00; the measured service and a filler."""
    from hearth.practice.models import Practitioner, Service, WeeklyWindow

    practitioners = Practitioner.objects.bulk_create(
        Practitioner(slug=f"bench-{i}", name=f"Bench Practitioner {i}", timezone=workload.ZONE)
        for i in range(workload.PRACTITIONERS)
    )
    WeeklyWindow.objects.bulk_create(
        WeeklyWindow(
            practitioner=practitioner,
            weekday=weekday,
            start_minute=workload.WORK_START_MINUTE,
            end_minute=workload.WORK_END_MINUTE,
        )
        for practitioner in practitioners
        for weekday in range(5)
    )
    rules = {"kind": "coaching", "minimum_notice_minutes": 0, "horizon_days": 62}
    session = Service.objects.create(
        slug=SERVICE_SLUG,
        name="Bench session",
        duration_minutes=workload.SERVICE_MINUTES,
        interval_minutes=workload.INTERVAL_MINUTES,
        **rules,
    )
    filler = Service.objects.create(
        slug="bench-check-in", name="Bench check-in", duration_minutes=15, **rules
    )
    offers = Service.practitioners.through
    offers.objects.bulk_create(
        offers(service_id=service.pk, practitioner_id=practitioner.pk)
        for service in (session, filler)
        for practitioner in practitioners
    )
    return [practitioner.pk for practitioner in practitioners], filler.pk


def _hearth_bookings(
    n: int, first_date: date, practitioner_ids: list[int], service_id: int
) -> None:
    from hearth.bookings.models import Booking

    zone = ZoneInfo(workload.ZONE)
    consent_at = datetime.now(UTC)
    Booking.objects.all().delete()
    bookings = []
    for index, planned in enumerate(workload.planned_bookings(measured=n, first_date=first_date)):
        minute = planned.start_minute
        start = datetime.combine(planned.day, time(minute // 60, minute % 60), tzinfo=zone)
        bookings.append(
            Booking(
                service_id=service_id,
                practitioner_id=practitioner_ids[planned.practitioner],
                start=start.astimezone(UTC),
                end=(start + timedelta(minutes=workload.BOOKING_MINUTES)).astimezone(UTC),
                reference=f"BENCH{index:06d}",
                client_name=f"Client {index}",
                client_email=f"client{index}@example.com",
                location="WA",
                client_timezone=workload.ZONE,
                consent_at=consent_at,
            )
        )
    Booking.objects.bulk_create(bookings, batch_size=1_000)


def _hearth_timings(first_date: date) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from hearth.scheduling import open_slots

    last_date = first_date + timedelta(days=workload.DAYS - 1)
    engine_inputs = _engine_inputs(first_date, last_date)
    engine_seconds, slots = workload.best_of(lambda: open_slots(**engine_inputs))

    client = Client(HTTP_HOST="127.0.0.1")
    path = f"/api/v1/services/{SERVICE_SLUG}/slots"
    query = {
        "start": first_date.isoformat(),
        "end": last_date.isoformat(),
        "tz": workload.ZONE,
        "practitioner": MEASURED_SLUG,
    }
    api_seconds, response = workload.best_of(lambda: client.get(path, query))
    assert response.status_code == 200, f"{response.status_code}: {response.content[:500]!r}"
    with CaptureQueriesContext(connection) as queries:
        client.get(path, query)
    return {
        "engine_ms": engine_seconds * 1000,
        "engine_slots": len(slots),
        "api_ms": api_seconds * 1000,
        "api_slots": len(response.json()["slots"]),
        "api_queries": len(queries),
    }


def _engine_inputs(first_date: date, last_date: date) -> dict:
    """The engine's arguments for the measured practitioner, built once, outside the timing."""
    from hearth.bookings.models import Booking
    from hearth.scheduling import Busy, PractitionerCalendar, ServiceRules, WallWindow

    zone = ZoneInfo(workload.ZONE)
    minutes = timedelta(minutes=1)
    # Windows two dates either side, as the API builds them (zones can be days apart).
    days = (last_date - first_date).days + 5
    windows = tuple(
        WallWindow(day, workload.WORK_START_MINUTE, workload.WORK_END_MINUTE)
        for day in (
            first_date - timedelta(days=2) + offset * timedelta(days=1) for offset in range(days)
        )
        if day.weekday() < 5
    )
    busy = tuple(
        Busy(start=start, end=end, buffer_before=before * minutes, buffer_after=after * minutes)
        for start, end, before, after in Booking.objects.filter(
            practitioner__slug=MEASURED_SLUG
        ).values_list("start", "end", "buffer_before_minutes", "buffer_after_minutes")
    )
    rules = ServiceRules(
        duration=workload.SERVICE_MINUTES * minutes,
        interval=workload.INTERVAL_MINUTES * minutes,
        buffer_before=timedelta(0),
        buffer_after=timedelta(0),
        minimum_notice=timedelta(0),
        horizon=timedelta(days=62),
        daily_limit=None,
    )
    return {
        "rules": rules,
        "calendars": [
            PractitionerCalendar(key=MEASURED_SLUG, zone=zone, windows=windows, busy=busy)
        ],
        "now": datetime.now(UTC),
        "first_date": first_date,
        "last_date": last_date,
        "client_zone": zone,
    }


if __name__ == "__main__":
    _hearth_side(date.fromisoformat(sys.argv[1]))
