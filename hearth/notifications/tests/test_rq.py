"""The RQ path against the local Redis: delivery after commit and the sweeper's delayed
re-enqueue, run by RQ's own worker (with its scheduler) in this process."""

import datetime as dt

import django_rq
import pytest
from django.db import transaction
from django.utils import timezone
from rq import SimpleWorker
from rq.registry import ScheduledJobRegistry

from hearth.notifications.actions import queue_email
from hearth.notifications.models import OutboxMessage, OutboxStatus, SweeperState
from hearth.notifications.tasks import start_sweeper


@pytest.fixture
def rq_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    try:
        queue.connection.ping()
    except Exception as error:  # pragma: no cover - CI starts Redis
        pytest.fail(f"Redis is not running at {settings.RQ_QUEUES['default']['URL']}: {error}")
    queue.connection.flushdb()
    yield queue
    queue.connection.flushdb()


def _work(queue) -> None:
    from django_tasks_rq import Job

    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


@pytest.mark.django_db(transaction=True)
def test_rq_delivers_after_commit_and_the_sweeper_reschedules_itself(rq_queue, smtp, settings):
    settings.HEARTH_SWEEP_SECONDS = 60
    with transaction.atomic():
        message = queue_email(
            to="alex@example.org",
            subject="Your appointment",
            text="t",
            kind="test",
            now=timezone.now(),
        )
        assert rq_queue.count == 0  # enqueued only after commit
    assert rq_queue.count == 1
    _work(rq_queue)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert smtp.message_ids() == [message.message_id]

    before = timezone.now()
    chain = start_sweeper()
    assert chain is not None and rq_queue.count == 1
    _work(rq_queue)  # runs the sweep, which schedules the next run a minute later
    assert SweeperState.objects.get().chain == chain
    registry = ScheduledJobRegistry(queue=rq_queue)
    (job_id,) = registry.get_job_ids()
    run_at = registry.get_scheduled_time(job_id)
    assert before + dt.timedelta(seconds=59) < run_at < timezone.now() + dt.timedelta(seconds=61)
    assert OutboxMessage.objects.filter(status=OutboxStatus.PENDING).count() == 0
