"""A real worker process (`manage.py hearth_worker`, database queue) killed with SIGKILL
while a message is on the wire: nothing is lost, at most one message arrives twice."""

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from hearth.core.testing import database_url
from hearth.notifications import delivery
from hearth.notifications.actions import queue_email
from hearth.notifications.models import OutboxMessage

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_delivery_loses_nothing_and_duplicates_at_most_one(smtp, settings):
    # Rows only: the worker process, not this one, must deliver them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    now = timezone.now()
    messages = [
        queue_email(
            to=f"client{n}@example.org", subject="Your appointment", text="t", kind="test", now=now
        )
        for n in range(30)
    ]
    smtp.stall_at = 10  # the 10th message is kept, but its 250 never reaches the worker
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": database_url(),
        "HEARTH_TASK_BACKEND": "database",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp.port),
        "EMAIL_TIMEOUT": "5",
        "HEARTH_SWEEP_SECONDS": "60",
    }
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "hearth_worker", "--interval", "0.1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        if not smtp.stalled.wait(60):
            worker.kill()
            raise AssertionError(
                worker.stdout.read().decode()[-3000:] + f" sink={len(smtp.messages)}"
            )
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL
    smtp.release.set()
    assert len(smtp.messages) == 10
    assert OutboxMessage.objects.filter(status="sent").count() == 9
    # Back up (here in-process, with the clock past the first backoff): the rest goes out.
    # The worker claimed its batch before the kill, so its rows are due a minute after it,
    # however long the worker took to start on a busy machine.
    sent, failed = delivery.deliver(now=timezone.now() + dt.timedelta(minutes=1, seconds=5))
    assert (sent, failed) == (21, 0)
    received = smtp.message_ids()
    assert sorted(set(received)) == sorted(m.message_id for m in messages)
    assert len(received) - len(set(received)) == 1  # the message on the wire at the kill
    assert OutboxMessage.objects.exclude(status="sent").count() == 0
