"""Before the first session, the whole way on a 390 px phone, as issue 17 tells it: a client in
Washington books counseling, fills in the intake and signs the documents, and confirms where
they are at check-in; the practitioner opens the intake (an audit entry appears); the
disclosure changes, and the client, booking again, is asked to sign that one again only."""

import re

import pytest

from hearth.bookings.models import Booking, SessionCheckIn
from hearth.bookings.tokens import manage_token
from hearth.intake.actions import publish_document
from hearth.intake.models import Acknowledgment, IntakeDocument, IntakePacket
from hearth.privacy.models import AuditEntry

from .axe_check import violations
from .test_back_office import PHONE, log_in, no_sideways_scrolling

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DOCUMENTS = [
    "Disclosure statement",
    "Telehealth informed consent",
    "Notice of privacy practices",
    "Financial policy",
]


def book_counseling_from_washington(page, base: str) -> None:
    page.goto(f"{base}/book/")
    page.get_by_role("link", name="Counseling by video").click()
    page.get_by_label("Where will you be during the session?").select_option("WA")
    page.get_by_role("button", name="Show available times").click()
    page.locator("a.time").first.click()
    page.get_by_label("Your name", exact=True).fill("Jordan Vale")
    page.get_by_label("Email", exact=True).fill("jordan@example.org")
    page.get_by_label("I have read and agree to the").check()
    page.wait_for_timeout(2000)  # as quick as a person: the form guard's minimum
    page.get_by_role("button", name="Confirm booking").click()
    page.get_by_role("heading", name="You are booked").wait_for()


def sign(page, title: str) -> None:
    document = page.locator("article.document", has=page.get_by_role("heading", name=title))
    document.get_by_label(f"I have read and agree to the {title}.").check()
    document.get_by_label("Your full name, as your signature").fill("Jordan Vale")


def test_before_the_first_session_on_a_phone(browser, live_server, demo_site, tmp_path, settings):
    settings.HEARTH_CHECKIN_OPENS_HOURS = 24 * 90  # the check-in is open for any booking
    base = settings.HEARTH_SITE_URL = live_server.url  # links in pages and emails
    context = browser.new_context(viewport=PHONE, timezone_id="America/Los_Angeles")
    page = context.new_page()

    book_counseling_from_washington(page, base)
    booking = Booking.objects.get()
    assert (booking.service.slug, booking.location) == ("counseling", "WA")
    page.get_by_text("Please fill in your intake before your first session").wait_for()
    page.get_by_role("link", name="Fill in your forms").click()

    page.get_by_role("heading", name="Before your first session").wait_for()
    page.get_by_label("What brings you to counseling now?").fill("I stopped sleeping in May.")
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_label("Date of birth").fill("1988-02-11")
    for title in DOCUMENTS:
        sign(page, title)
    page.get_by_role("button", name="Submit my intake").click()
    page.get_by_text("Thank you, your intake is sent.").wait_for()
    assert no_sideways_scrolling(page) and violations(page) == []
    packet = IntakePacket.objects.get()
    assert (packet.client_email, packet.acknowledgments.count()) == ("jordan@example.org", 4)

    page.goto(f"{base}/book/manage/{manage_token(booking.pk)}/")  # the link in the email
    page.get_by_role("link", name="Check in now").click()
    page.get_by_label("Which state are you in for this session?").select_option("WA")
    page.get_by_label("The address where you are for the session").fill("12 Alder St, Spokane")
    page.get_by_label("Emergency contact's name").fill("Casey Vale")
    page.get_by_label("Emergency contact's phone").fill("509-555-0134")
    page.get_by_role("button", name="Confirm my check-in").click()
    page.get_by_text("Your check-in is saved.").wait_for()
    page.get_by_text("You confirmed you're in Washington").wait_for()
    assert no_sideways_scrolling(page) and violations(page) == []
    check_in = SessionCheckIn.objects.get(booking=booking)
    assert (check_in.state, check_in.address, check_in.outside_licenses) == (
        "WA",
        "12 Alder St, Spokane",
        False,
    )

    # The practitioner opens the intake from the booking's page: both reads are recorded.
    password = (tmp_path / "login.txt").read_text().splitlines()[1]
    admin_context, admin = log_in(browser, base, password, PHONE)
    admin.goto(f"{base}/admin/booking_admin/inspect/{booking.pk}/")
    admin.get_by_text("12 Alder St, Spokane").wait_for()
    admin.get_by_role("link", name="Open the intake").click()
    admin.get_by_text("I stopped sleeping in May.").wait_for()
    assert no_sideways_scrolling(admin)
    reads = AuditEntry.objects.filter(actor="admin", action__endswith="viewed")
    assert sorted(reads.values_list("action", "object_id")) == [
        ("booking.details_viewed", str(booking.pk)),
        ("intake.viewed", str(packet.pk)),
    ]
    admin_context.close()

    # A new disclosure: the returning client signs it again, and only it.
    disclosure = IntakeDocument.objects.get(kind="disclosure")
    disclosure.body += "\n\nFees change on 1 March."
    assert publish_document(document=disclosure, actor="admin").number == 2
    book_counseling_from_washington(page, base)
    assert Booking.objects.count() == 2 and IntakePacket.objects.count() == 1
    page.get_by_text("1 document to sign").wait_for()
    page.get_by_role("link", name=re.compile("your forms")).click()
    assert page.get_by_label("Your full name, as your signature").count() == 1
    sign(page, "Disclosure statement")
    page.get_by_role("button", name="Submit my intake").click()
    page.get_by_text("Thank you, your intake is sent.").wait_for()
    numbers = Acknowledgment.objects.filter(version__document=disclosure).values_list(
        "version__number", flat=True
    )
    assert sorted(numbers) == [1, 2]
    context.close()
