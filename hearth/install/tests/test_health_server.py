"""/healthz served by gunicorn under the production settings: a real worker's heartbeat turns
it green, a dead worker turns it red, and a database that is down gives 503 JSON (not a 500
page); the RQ worker records the same heartbeat."""

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.core.testing import env_for_test_database, free_port, gunicorn_server
from hearth.notifications import sweeper
from hearth.notifications.models import SweeperState
from hearth.notifications.tasks import sweep
from hearth.notifications.tests.test_rq import _work, rq_queue  # noqa: F401 (a fixture)

ROOT = settings.BASE_DIR
HOST = "practice.example.org"


def production_env(**extra: str) -> dict:
    return env_for_test_database() | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k3y-" + "x7Qp9" * 12,
        "HEARTH_DATA_KEYS": settings.HEARTH_DATA_KEYS[0],
        "HEARTH_DATA_KEYS_FILE": "",
        "HEARTH_ALLOW_CONSOLE_EMAIL": "1",
        "EMAIL_HOST": "",
        "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
        "HEARTH_SITE_URL": f"https://{HOST}",
        "REDIS_URL": "",
        "HEARTH_TASK_BACKEND": "database",
        **extra,
    }


def healthz(base: str) -> tuple[int, dict, str]:
    """GET /healthz over plain http with the site's Host, as a monitor on the server would."""
    request = urllib.request.Request(f"{base}/healthz", headers={"Host": HOST})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read()), response.headers["Cache-Control"]
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), error.headers["Cache-Control"]


def wait_for(base: str, status: int, *, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        code, body, _ = healthz(base)
        if code == status or time.monotonic() > deadline:
            assert (code, body) == (status, body)
            return body
        time.sleep(0.25)


def start_worker(env: dict) -> subprocess.Popen:
    command = [sys.executable, "manage.py", "hearth_worker", "--interval", "0.2"]
    return subprocess.Popen(
        command, cwd=ROOT, env=os.environ | env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_turns_healthz_green_and_its_death_turns_it_red():
    chain = sweeper.kick(now=timezone.now())
    # Fresh for as long as gunicorn takes to start on a busy machine (the limit is 3 s).
    sweeper.record_sweep(chain=chain, now=timezone.now() + dt.timedelta(minutes=5))
    env = production_env(HEARTH_SWEEP_SECONDS="1")
    # Ready once /healthz answers 200 over plain http: it is not redirected to https.
    with gunicorn_server(env=env, workers=1, threads=2, ready_path="/healthz") as base:
        SweeperState.objects.update(beat_at=timezone.now() - dt.timedelta(minutes=10))
        SweeperState.objects.update(swept_at=timezone.now() - dt.timedelta(minutes=10))
        code, body, cache_control = healthz(base)
        assert (code, body["status"], body["failing"]) == (503, "failing", ["worker"])
        assert body["checks"]["worker"]["limit_seconds"] == 3
        assert cache_control == "max-age=0, no-cache, no-store, must-revalidate, private"
        worker = start_worker(env)
        try:
            body = wait_for(base, 200, seconds=60)
            assert body["checks"]["worker"]["age_seconds"] <= 3
            worker.send_signal(signal.SIGKILL)
            worker.wait(10)
            body = wait_for(base, 503, seconds=20)
            assert body["failing"] == ["worker"]
        finally:
            if worker.poll() is None:
                worker.kill()
            _out, err = worker.communicate(timeout=10)
    # The worker logs under the production settings too: JSON lines only.
    lines = err.decode().splitlines()
    assert lines and all(json.loads(line)["logger"] for line in lines)


@pytest.mark.parametrize(
    "database_url",
    [
        f"postgres://hearth@127.0.0.1:{free_port()}/hearth",  # nothing listens there
        "sqlite:////nonexistent-directory/hearth.sqlite3",  # cannot be opened
    ],
    ids=["postgresql", "sqlite"],
)
def test_a_database_that_is_down_gives_503_json(database_url):
    env = production_env(DATABASE_URL=database_url, SECURE_SSL_REDIRECT="0")
    with gunicorn_server(env=env, workers=1, threads=2, ready_path="/robots.txt") as base:
        code, body, _ = healthz(base)
    not_checked = {"ok": False, "detail": "Not checked: the database cannot be reached."}
    assert (code, body) == (
        503,
        {
            "status": "failing",
            "checks": {
                "database": {"ok": False, "detail": "The database cannot be reached."},
                "worker": not_checked,
                "outbox": not_checked,
            },
            "failing": ["database", "worker", "outbox"],
        },
    )


@pytest.mark.django_db(transaction=True)
def test_the_rq_worker_records_the_heartbeat(rq_queue, settings):  # noqa: F811
    settings.HEARTH_SWEEP_SECONDS = 60
    before = timezone.now()
    chain = sweeper.kick(now=before - dt.timedelta(seconds=1))
    assert sweeper.last_sweep_at() is None
    sweep.enqueue(chain)
    _work(rq_queue)
    swept_at = sweeper.last_sweep_at()
    assert swept_at is not None and before <= swept_at <= timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_chain_cut_off_mid_sweep_is_started_again_by_the_running_worker():
    worker = start_worker(production_env(HEARTH_SWEEP_SECONDS="1"))
    try:
        deadline = time.monotonic() + 60
        while sweeper.last_sweep_at() is None:
            assert time.monotonic() < deadline, "the worker never swept"
            time.sleep(0.2)
        # As if the worker running a sweep had been killed and restarted at once: the chain
        # that beat last will never run again, and it looks alive for three intervals.
        SweeperState.objects.update(chain="cut-off", beat_at=timezone.now())
        cut_at = timezone.now()
        deadline = time.monotonic() + 30
        while True:
            state = SweeperState.objects.get(name=sweeper.NAME)
            if state.chain != "cut-off" and state.swept_at and state.swept_at > cut_at:
                break
            assert time.monotonic() < deadline, "no new chain was started"
            time.sleep(0.2)
    finally:
        worker.kill()
        _out, err = worker.communicate(timeout=10)
    assert "the last chain had stopped" in err.decode()
