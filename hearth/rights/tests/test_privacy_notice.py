"""The privacy notice states the retention policy in force, and only the privacy notice."""

import pytest

from hearth.practice.models import Practice

pytestmark = pytest.mark.django_db


def test_privacy_notice_states_the_retention_in_force(demo, client):
    page = client.get("/privacy/").content.decode()
    assert "How long we keep what you give us" in page
    assert (
        "Bookings: we keep your name, email address, phone number and message with each "
        "booking until you ask us to erase them." in page
    )
    assert "the keys that stop a booking being made twice after 48 hours" in page
    assert "within a day of sending we delete their text" in page
    assert f'<a href="mailto:{Practice.load().email}">' in page

    practice = Practice.load()
    practice.anonymise_bookings_after_days = 30
    practice.save()
    page = client.get("/privacy/").content.decode()
    assert (
        "Bookings: 30 days after a session, we remove your name, email address, phone "
        "number and message from it." in page
    )


def test_other_text_pages_do_not_carry_the_policy(demo, client):
    page = client.get("/health-data/").content.decode()
    assert "How long we keep what you give us" not in page
