"""/healthz in process: the JSON it answers, 200 and 503 cases, and the worker's heartbeat."""

import datetime as dt

import pytest
import time_machine

from hearth.notifications import sweeper
from hearth.notifications.actions import queue_email
from hearth.notifications.models import OutboxMessage, OutboxStatus, SweeperState
from hearth.notifications.tasks import start_sweeper, sweep

T0 = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)
ISO_T0 = "2027-03-01T12:00:00+00:00"


@pytest.fixture
def swept(settings):
    """A chain whose last sweep finished at T0 (sweeps every 60 s: stale after 180 s)."""
    settings.HEARTH_SWEEP_SECONDS = 60
    settings.HEARTH_HEALTH_OUTBOX_MINUTES = 15
    chain = sweeper.kick(now=T0)
    sweeper.record_sweep(chain=chain, now=T0)
    return chain


def _get(client, at: dt.datetime):
    with time_machine.travel(at, tick=False):
        return client.get("/healthz")


def _message(*, due: dt.datetime) -> OutboxMessage:
    return queue_email(to="alex@example.org", subject="s", text="t", kind="test", now=due)


@pytest.mark.django_db
def test_healthz_is_ok_with_a_recent_sweep_and_nothing_waiting(client, swept):
    response = _get(client, T0 + dt.timedelta(seconds=180))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True, "detail": "The database answers."},
            "worker": {
                "ok": True,
                "detail": "The worker is sweeping the outbox.",
                "last_sweep_at": ISO_T0,
                "age_seconds": 180,
                "limit_seconds": 180,
            },
            "outbox": {
                "ok": True,
                "detail": "Messages go out on time.",
                "overdue": 0,
                "failed": 0,
                "overdue_minutes": 15,
            },
        },
        "failing": [],
    }


@pytest.mark.django_db
def test_healthz_names_a_stale_worker_with_503(client, swept):
    response = _get(client, T0 + dt.timedelta(seconds=181))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert body["failing"] == ["worker"]
    assert body["checks"]["worker"] == {
        "ok": False,
        "detail": "The worker last finished a sweep 181 seconds ago (more than 180): is "
        "`manage.py hearth_worker` running?",
        "last_sweep_at": ISO_T0,
        "age_seconds": 181,
        "limit_seconds": 180,
    }


@pytest.mark.django_db
def test_healthz_fails_when_a_worker_started_but_never_finished_a_sweep(client, settings):
    settings.HEARTH_SWEEP_SECONDS = 60
    sweeper.kick(now=T0)  # the worker's start-up writes the chain, not a heartbeat
    response = _get(client, T0 + dt.timedelta(seconds=1))
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "detail": "No worker has finished a sweep yet: is `manage.py hearth_worker` running?",
        "last_sweep_at": None,
        "age_seconds": None,
        "limit_seconds": 180,
    }


@pytest.mark.django_db
def test_healthz_names_a_message_overdue_past_the_limit(client, swept):
    message = _message(due=T0 - dt.timedelta(minutes=15))
    assert _get(client, T0).status_code == 200  # due exactly 15 minutes ago: not yet stuck
    # A retried message counts too once its next attempt is overdue.
    OutboxMessage.objects.filter(pk=message.pk).update(attempts=3)
    response = _get(client, T0 + dt.timedelta(seconds=1))
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["outbox"]
    assert body["checks"]["outbox"] == {
        "ok": False,
        "detail": "1 message(s) due more than 15 minutes ago.",
        "overdue": 1,
        "failed": 0,
        "overdue_minutes": 15,
    }


@pytest.mark.django_db
def test_healthz_counts_failed_messages_until_they_are_retried(client, swept):
    dead = _message(due=T0)
    OutboxMessage.objects.filter(pk=dead.pk).update(
        status=OutboxStatus.DEAD, next_attempt_at=T0 + dt.timedelta(minutes=30)
    )
    _message(due=T0 - dt.timedelta(minutes=20))
    response = _get(client, T0)
    assert response.status_code == 503
    assert response.json()["failing"] == ["outbox"]
    assert response.json()["checks"]["outbox"] == {
        "ok": False,
        "detail": "1 message(s) due more than 15 minutes ago; 1 message(s) failed (retry them "
        "in Messages).",
        "overdue": 1,
        "failed": 1,
        "overdue_minutes": 15,
    }
    OutboxMessage.objects.update(status=OutboxStatus.SENT)
    assert _get(client, T0).status_code == 200


@pytest.mark.django_db
def test_healthz_runs_only_the_checks_asked_for(client, swept):
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        database_only = client.get("/healthz", {"checks": "database"})
        worker_and_outbox = client.get("/healthz?checks=outbox,worker")
        unknown = client.get("/healthz?checks=database,disk")
    assert database_only.status_code == 200
    assert database_only.json() == {
        "status": "ok",
        "checks": {"database": {"ok": True, "detail": "The database answers."}},
        "failing": [],
    }
    assert worker_and_outbox.status_code == 503
    assert list(worker_and_outbox.json()["checks"]) == ["worker", "outbox"]
    assert worker_and_outbox.json()["failing"] == ["worker"]
    assert unknown.status_code == 422
    assert unknown.json() == {
        "code": "invalid",
        "detail": "Unknown check name; the checks are: database, worker, outbox.",
    }
    assert "no-store" in unknown["Cache-Control"]


@pytest.mark.django_db
def test_healthz_costs_four_queries_and_refuses_writes(client, swept, django_assert_num_queries):
    with django_assert_num_queries(4):
        assert _get(client, T0).status_code == 200
    response = client.post("/healthz")
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD")
    assert response.json() == {
        "code": "method_not_allowed",
        "detail": "This address accepts: GET, HEAD.",
    }
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_healthz_is_never_kept_by_the_page_cache(client, swept, settings):
    settings.WAGTAIL_CACHE = True
    first = _get(client, T0)
    assert (first.status_code, first["X-Page-Cache"]) == (200, "skip")
    SweeperState.objects.update(swept_at=None)
    second = _get(client, T0)
    assert (second.status_code, second["X-Page-Cache"]) == (503, "skip")


@pytest.mark.django_db
def test_a_sweep_run_by_the_worker_records_the_heartbeat_and_a_superseded_one_does_not(
    settings,
):
    settings.HEARTH_SWEEP_SECONDS = 60
    with time_machine.travel(T0, tick=False):
        chain = start_sweeper()  # the immediate backend runs the first sweep at once
    assert chain is not None
    assert sweeper.last_sweep_at() == T0
    with time_machine.travel(T0 + dt.timedelta(minutes=1), tick=False):
        assert sweep.call("a-chain-that-was-replaced") == {"superseded": True}
    assert sweeper.last_sweep_at() == T0
    with time_machine.travel(T0 + dt.timedelta(minutes=2), tick=False):
        sweep.call(chain)
    assert list(SweeperState.objects.values_list("chain", "swept_at")) == [
        (chain, T0 + dt.timedelta(minutes=2))
    ]


@pytest.mark.django_db
def test_a_new_install_without_a_worker_is_failing(client):
    assert sweeper.last_sweep_at() is None
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]
