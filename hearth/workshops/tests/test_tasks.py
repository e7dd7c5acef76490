"""An offer's hold ends by itself: the sweep task is deferred to the offer's expiry where the
backend can defer, and the sweep (task or command) passes lapsed seats on."""

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from hearth.workshops.actions import cancel_registration, register
from hearth.workshops.models import Registration, Workshop
from hearth.workshops.tasks import sweep_workshop_offers

from .conftest import NOW, person

pytestmark = pytest.mark.django_db
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def offered(intensive):
    Workshop.objects.filter(pk=intensive.pk).update(offer_hold_hours=6)
    people = [
        register(workshop=intensive, attendee=person(n), now=NOW).registration for n in range(5)
    ]
    return people


@override_settings(TASKS=DUMMY)
def test_an_offer_defers_the_sweep_to_its_expiry(offered, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancel_registration(registration=offered[0], now=NOW)
    (result,) = [
        r for r in default_task_backend.results if r.task.func is sweep_workshop_offers.func
    ]
    assert result.task.run_after == NOW + dt.timedelta(hours=6)


def test_the_sweep_task_and_command_lapse_offers(offered):
    cancel_registration(registration=offered[0], now=NOW)
    with time_machine.travel(NOW + dt.timedelta(hours=6, seconds=1), tick=False):
        assert sweep_workshop_offers.call() == 1
        assert Registration.objects.get(number=5).status == "offered"
    with time_machine.travel(NOW + dt.timedelta(hours=13), tick=False):
        out = StringIO()
        call_command("lapse_workshop_offers", stdout=out)
    assert out.getvalue() == "1 offer(s) lapsed.\n"
    assert [r.status for r in Registration.objects.order_by("number")] == [
        "cancelled",
        "confirmed",
        "confirmed",
        "cancelled",
        "cancelled",
    ]
    assert Workshop.objects.get().seats_taken == 2
