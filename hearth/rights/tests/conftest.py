"""A demo install and one person the practice holds things about: a booking and a workshop
registration made through the API (with request keys, rate counters, messages and audit
entries), and a comment on a post."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.bookings.models import Booking
from hearth.content.models import BlogPage
from hearth.engagement.actions import submit_comment
from hearth.install.setup import set_up_install
from hearth.workshops.models import Registration

COMMENTS_ON = "shame-and-the-courage-to-be-seen"


@dataclass(frozen=True)
class Person:
    name: str
    email: str  # as they typed it (mixed case)
    phone: str
    message: str
    booking: Booking
    registration: Registration


NAME = "Quentin Zabriskie-Oduya"
EMAIL = "Quentin.Zabriskie@Example.org"
PHONE = "+1 509 555 0199"
MESSAGE = "Mornings are hard for me, afternoons are better"


@pytest.fixture
def demo(tmp_path, settings):
    # Transactional tests flush Wagtail's root page and Site; rebuild them first.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    return set_up_install(
        demo_file=settings.HEARTH_DEMO_PRACTICE_FILE, login_file=tmp_path / "login.txt"
    )


def first_open_slot(client) -> str:
    today = timezone.localdate()
    response = client.get(
        "/api/v1/services/free-consultation/slots",
        {
            "start": (today + dt.timedelta(days=2)).isoformat(),
            "end": (today + dt.timedelta(days=30)).isoformat(),
            "tz": "America/Los_Angeles",
            "location": "WA",
        },
    )
    assert response.status_code == 200, response.content
    return response.json()["slots"][0]["start"]


@pytest.fixture
def person(demo, client, settings) -> Person:
    """Everything below goes through the public ways in, with the rate limits on."""
    settings.HEARTH_RATE_LIMIT_PER_IP = 100
    settings.HEARTH_RATE_LIMIT_PER_EMAIL = 5
    details = {
        "name": NAME,
        "email": EMAIL,
        "location": "WA",
        "timezone": "America/Los_Angeles",
        "contact_ok": {"email": True, "text": True, "voicemail": False},
        "consent": True,
    }
    booked = client.post(
        "/api/v1/bookings",
        {
            **details,
            "service": "free-consultation",
            "start": first_open_slot(client),
            "phone": PHONE,
            "message": MESSAGE,
        },
        content_type="application/json",
        headers={"Idempotency-Key": "key-booking-0001"},
    )
    assert booked.status_code == 201, booked.content
    registered = client.post(
        "/api/v1/workshops/weekend-intensive/registrations",
        details,
        content_type="application/json",
        headers={"Idempotency-Key": "key-registration-0001"},
    )
    assert registered.status_code == 201, registered.content
    submit_comment(
        post=BlogPage.objects.get(slug=COMMENTS_ON),
        name=NAME,
        email=EMAIL,
        body="This helped me make the call.",
        now=timezone.now(),
    )
    return Person(
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        message=MESSAGE,
        booking=Booking.objects.get(reference=booked.json()["reference"]),
        registration=Registration.objects.get(reference=registered.json()["reference"]),
    )
