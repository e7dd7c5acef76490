"""The soak's figures, read from what the clients were answered, the database and the SMTP
sink, and the invariants they must meet."""

import time
from collections import Counter

import psycopg

from benchmarks.soak.site import SERVICE
from benchmarks.soak.traffic import Outcome, Recorder

# An error whose request overlapped the outage, or this long after the database came back,
# is the outage's (a request that began just before it may be answered just after).
OUTAGE_GRACE_SECONDS = 2.0
KILL_LANDS_WITHIN_SECONDS = 1.0


def outbox_high_water(database_url: str) -> int:
    """The last outbox row before the traffic: the soak counts the rows after it."""
    with psycopg.connect(database_url) as connection:
        return connection.execute(
            "SELECT coalesce(max(id), 0) FROM notifications_outboxmessage"
        ).fetchone()[0]


def drain(database_url: str, *, after_id: int, timeout_seconds: float) -> float:
    """Wait until every message queued during the soak is sent (or the timeout); returns the
    seconds waited."""
    began = time.monotonic()
    while time.monotonic() - began < timeout_seconds:
        with psycopg.connect(database_url) as connection:
            (waiting,) = connection.execute(
                "SELECT count(*) FROM notifications_outboxmessage "
                "WHERE id > %s AND status = 'pending'",
                [after_id],
            ).fetchone()
        if not waiting:
            break
        time.sleep(1)
    return round(time.monotonic() - began, 1)


def percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else 0.0


def classify(outcome: Outcome, events: list[tuple[str, float, float]]) -> str:
    """Why a request failed: `outage`, `app_kill` (in flight on the server when it was killed),
    or `unexpected`."""
    for what, began, ended in events:
        if (
            what == "database_outage"
            and outcome.began <= ended + OUTAGE_GRACE_SECONDS
            and outcome.ended >= began
        ):
            return "outage"
        # SIGKILL lands a moment after the call: a connection accepted in between is reset.
        on_killed_server = what.startswith("app_kill:") and outcome.server == int(what[9:])
        if on_killed_server and outcome.began <= began + KILL_LANDS_WITHIN_SECONDS <= (
            outcome.ended + KILL_LANDS_WITHIN_SECONDS
        ):
            return "app_kill"
    return "unexpected"


def request_figures(recorder: Recorder, seconds: float) -> dict:
    kinds: dict[str, dict] = {}
    errors: Counter = Counter()
    samples: list[str] = []
    for kind in sorted({o.kind for o in recorder.outcomes}):
        mine = [o for o in recorder.outcomes if o.kind == kind]
        served = sorted(o.ended - o.began for o in mine if o.ok)
        kinds[kind] = {
            "served": len(served),
            "per_second": round(len(served) / seconds, 1),
            "p50_ms": round(percentile(served, 0.50) * 1000, 1),
            "p99_ms": round(percentile(served, 0.99) * 1000, 1),
            "answers": dict(Counter(str(o.status) for o in mine)),
        }
    for outcome in recorder.outcomes:
        if not outcome.ok:
            why = classify(outcome, recorder.events)
            errors[why] += 1
            if why == "unexpected" and len(samples) < 10:
                at = outcome.began - recorder.started
                samples.append(
                    f"{outcome.kind} on server {outcome.server} at +{at:.1f} s "
                    f"({outcome.ended - outcome.began:.1f} s): {outcome.status} "
                    f"{outcome.detail[:200]}"
                )
    served = sorted(o.ended - o.began for o in recorder.outcomes if o.ok)
    return {
        "requests": len(recorder.outcomes),
        "served": len(served),
        "per_second": round(len(served) / seconds, 1),
        "p50_ms": round(percentile(served, 0.50) * 1000, 1),
        "p99_ms": round(percentile(served, 0.99) * 1000, 1),
        "kinds": kinds,
        "errors": {
            "during_outage": errors["outage"],
            "at_app_server_kill": errors["app_kill"],
            "outside_faults": errors["unexpected"],
        },
        "error_samples": samples,
    }


def booking_figures(recorder: Recorder, database_url: str) -> dict:
    endings = Counter(recorder.bookings.values())
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT b.status, count(*) FROM bookings_booking b JOIN practice_service s "
            "ON s.id = b.service_id WHERE s.slug = %s GROUP BY b.status",
            [SERVICE],
        ).fetchall()
    in_database = dict(rows)
    return {
        "attempts": len(recorder.bookings),
        "answered_201": endings["made"],
        "replayed_200": endings["replayed"],
        "slot_taken_409": endings["slot_taken"],
        "never_answered": sum(n for end, n in endings.items() if end.startswith("unanswered")),
        "in_database": sum(in_database.values()),
        "cancellations_answered": len(recorder.cancelled),
        "cancelled_in_database": in_database.get("cancelled", 0),
    }


def message_figures(database_url: str, sink, *, after_id: int) -> dict:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT message_id, status, attempts FROM notifications_outboxmessage WHERE id > %s",
            [after_id],
        ).fetchall()
    queued = {message_id for message_id, _, _ in rows}
    received = sink.message_ids()
    delivered = set(received)
    retrying = {
        m
        for m, status, attempts in rows
        if status == "pending" and attempts and m not in delivered
    }
    return {
        "queued": len(queued),
        "delivered_distinct": len(delivered & queued),
        "duplicates": len(received) - len(delivered),
        "not_delivered": len(queued - delivered),
        "unknown_at_sink": len(delivered - queued),
        "waiting_for_retry": len(retrying),
        "by_status": dict(Counter(status for _, status, _ in rows)),
    }


def failed_invariants(figures: dict) -> list[str]:
    failures = []
    requests, bookings, messages = figures["requests"], figures["bookings"], figures["messages"]
    after = figures["after_outage"]
    if requests["errors"]["outside_faults"]:
        failures.append(f"{requests['errors']['outside_faults']} errors outside the faults")
    made = bookings["answered_201"] + bookings["replayed_200"]
    if bookings["in_database"] != made:
        failures.append(
            f"{bookings['in_database']} bookings in the database, {made} answered as made"
        )
    if bookings["never_answered"]:
        failures.append(f"{bookings['never_answered']} booking attempts never got an answer")
    if bookings["cancelled_in_database"] != bookings["cancellations_answered"]:
        failures.append("cancellations answered differ from cancelled bookings in the database")
    # A short run ends before the first retry wait (a minute): a message cut off by a fault
    # may still be waiting for it (kept, not lost); a long run waits for it.
    waiting = messages["waiting_for_retry"] if figures["short_run"] else 0
    if (
        messages["delivered_distinct"] + waiting != messages["queued"]
        or messages["unknown_at_sink"]
    ):
        failures.append(
            f"{messages['queued']} messages queued, {messages['delivered_distinct']} delivered"
        )
    if messages["duplicates"] > figures["duplicates_allowed"]:
        failures.append(
            f"{messages['duplicates']} duplicates, {figures['duplicates_allowed']} allowed"
        )
    if not after.get("all_answered") or any(after.get("restarted", [1])):
        failures.append(f"after the outage: {after}")
    return failures
