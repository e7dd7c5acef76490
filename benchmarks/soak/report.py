"""The soak's figures as printed lines (the same figures go to var/soak/results.json)."""


def print_figures(figures: dict) -> None:
    for line in lines(figures):
        print(line)


def lines(figures: dict) -> list[str]:
    requests, bookings, messages = figures["requests"], figures["bookings"], figures["messages"]
    errors, after = requests["errors"], figures["after_outage"]
    out = [
        f"-- requests: {requests['served']} served in {figures['seconds']} s "
        f"({requests['per_second']}/s), p50 {requests['p50_ms']} ms, p99 {requests['p99_ms']} ms"
    ]
    for kind, row in requests["kinds"].items():
        out.append(
            f"   {kind:8} {row['served']:7} served {row['per_second']:7}/s "
            f"p50 {row['p50_ms']:7} ms  p99 {row['p99_ms']:7} ms  answers {row['answers']}"
        )
    out.append(
        f"-- errors: {errors['during_outage']} during the database outage, "
        f"{errors['at_app_server_kill']} in flight on the killed app server, "
        f"{errors['outside_faults']} outside the faults"
    )
    out += [f"   {sample}" for sample in requests["error_samples"]]
    out.append(
        f"-- bookings: {bookings['attempts']} attempts: {bookings['answered_201']} answered 201, "
        f"{bookings['replayed_200']} answered 200 when repeated with their key (the first "
        f"answer was lost), {bookings['slot_taken_409']} slot_taken, "
        f"{bookings['never_answered']} never answered; in the database: "
        f"{bookings['in_database']}"
    )
    out.append(
        f"-- cancellations: {bookings['cancellations_answered']} answered, "
        f"{bookings['cancelled_in_database']} cancelled in the database"
    )
    out.append(
        f"-- messages: {messages['queued']} queued, {messages['delivered_distinct']} delivered "
        f"(distinct Message-ID), {messages['duplicates']} duplicates (allowed "
        f"{figures['duplicates_allowed']}), {messages['waiting_for_retry']} waiting for a retry, "
        f"{messages['unknown_at_sink']} unknown at the sink; outbox {messages['by_status']}; "
        f"drained {figures['drain_seconds']} s after the traffic"
    )
    out.append(
        "-- faults: "
        + ", ".join(
            f"{what} at +{began} s to +{ended} s" for what, began, ended in figures["events"]
        )
    )
    out.append(
        f"-- after the outage ({after.get('outage_seconds')} s): both servers answered "
        f"{after.get('all_answered')}, in {after.get('seconds_to_answer')} s, restarted "
        f"{after.get('restarted')}; restarts by the supervisor: {figures['restarts']}"
    )
    out.append(f"-- machine: {figures['machine']}")
    failed = figures["failed"]
    out.append("-- invariants: " + ("all kept" if not failed else "FAILED: " + "; ".join(failed)))
    return out
