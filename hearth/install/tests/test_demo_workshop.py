import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings

from hearth.install.setup import set_up_install
from hearth.notifications.models import OutboxMessage
from hearth.workshops.models import Registration, Workshop

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", ["2026-11-28", "2027-03-13", "2031-10-30"])
def test_demo_install_has_an_upcoming_workshop_with_seats_taken(tmp_path, client, today):
    with time_machine.travel(dt.datetime.fromisoformat(f"{today}T18:00:00+00:00"), tick=False):
        set_up_install(
            demo_file=Path(settings.HEARTH_DEMO_PRACTICE_FILE), login_file=tmp_path / "login.txt"
        )
        workshop = Workshop.objects.get()
        first, second = workshop.sessions.order_by("start")
        local = first.start.astimezone(dt.timezone(dt.timedelta(hours=-8)))
        assert local.weekday() == 5  # a Saturday
        assert 21 <= (first.start.date() - dt.date.fromisoformat(today)).days <= 27
        assert second.start - first.start == dt.timedelta(days=1)
        assert (workshop.status, workshop.capacity, workshop.seats_taken) == ("open", 12, 5)
        assert Registration.objects.filter(status="confirmed").count() == 5
        # Nobody is written to: the demo attendees said no email, the practitioner is not told.
        assert not OutboxMessage.objects.filter(kind__startswith="workshop.").exists()
        listing = client.get("/workshops/").content.decode()
        assert "7 seats left" in listing
        assert client.get("/api/v1/workshops").json()[0]["status"] == "open"
