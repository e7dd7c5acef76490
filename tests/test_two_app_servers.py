"""Past one server: two gunicorn app servers on one PostgreSQL database and one Redis (page
cache, view-count cache, RQ queue), with a `hearth_worker` sending mail to a real SMTP
server. A race across both servers makes exactly one booking and one confirmation; a page
published through one server is never served stale by the other.

PostgreSQL and Redis only: on SQLite one database file cannot be shared between machines.
"""

import datetime as dt
import json
import secrets
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.bookings.models import Booking
from hearth.content.models import ResourcesPage
from hearth.core.testing import database_url, gunicorn_server
from hearth.core.testing.admin_session import admin_session, publish_page_edit
from hearth.core.testing.cluster import hearth_worker, shared_install_env
from hearth.core.testing.databases import restore_page_root
from hearth.core.testing.redis import TEST_REDIS_URL
from hearth.core.testing.smtp import SmtpSink
from hearth.install.setup import set_up_install
from hearth.notifications.models import OutboxMessage
from hearth.practice.models import ServiceKind
from hearth.practice.tests.factories import (
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

ATTEMPTS = 200
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def shared_redis():
    if connection.vendor != "postgresql":
        pytest.skip("two app servers share a PostgreSQL database; this run is on SQLite")
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    client.flushdb()  # the suite's own Redis database: page cache, counts, queue
    yield TEST_REDIS_URL
    client.flushdb()


@pytest.fixture(scope="module")
def sink():
    with SmtpSink() as sink:
        yield sink


@pytest.fixture(scope="module")
def two_servers(shared_redis, sink, django_db_setup, tmp_path_factory):
    """Servers A and B and one worker, all on the test database and the same Redis; started
    once for the module (each test's data is its own: the database is emptied between)."""
    var_dir = tmp_path_factory.mktemp("two-servers")
    env = shared_install_env(
        database_url=database_url(),
        redis_url=shared_redis,
        smtp_port=sink.port,
        var_dir=var_dir,
        secret_key=settings.SECRET_KEY,
        data_keys=settings.HEARTH_DATA_KEYS,
    )
    with (
        gunicorn_server(env=env) as server_a,
        gunicorn_server(env=env) as server_b,
        hearth_worker(env, log=var_dir / "worker.log"),
    ):
        yield server_a, server_b


@pytest.fixture
def smtp(sink):
    with sink.lock:
        sink.messages.clear()
    return sink


@pytest.fixture
def open_practice():
    sam = PractitionerFactory(slug="sam", timezone="UTC", email="sam@example.org")
    for weekday in range(7):
        WeeklyWindowFactory(practitioner=sam, weekday=weekday, start_minute=0, end_minute=1440)
    ServiceFactory(
        slug="chat",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=15,
        minimum_notice_minutes=0,
        practitioners=[sam],
    )


def first_free_slot(base: str) -> str:
    tomorrow = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).date().isoformat()
    url = f"{base}/api/v1/services/chat/slots?start={tomorrow}&end={tomorrow}&tz=UTC"
    return json.loads(urllib.request.urlopen(url, timeout=30).read())["slots"][0]["start"]


def book(base: str, start: str, n: int) -> tuple[int, dict]:
    body = {
        "service": "chat",
        "start": start,
        "name": f"Client {n}",
        "email": f"client{n}@example.org",
        "location": "WA",
        "timezone": "UTC",
        "consent": True,
    }
    request = urllib.request.Request(
        f"{base}/api/v1/bookings",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_for_messages(smtp, count: int, timeout_seconds: float = 30) -> None:
    deadline = time.monotonic() + timeout_seconds
    while len(smtp.messages) < count and time.monotonic() < deadline:
        time.sleep(0.1)


def test_200_bookings_of_one_slot_across_two_servers_make_one_booking_and_one_email(
    open_practice, two_servers, smtp
):
    server_a, server_b = two_servers
    start = first_free_slot(server_a)
    targets = [server_a if n % 2 == 0 else server_b for n in range(ATTEMPTS)]
    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        results = list(pool.map(lambda n: book(targets[n], start, n), range(ATTEMPTS)))
    print(f"\n[two servers] {ATTEMPTS} attempts in {time.monotonic() - began:.1f} s")

    assert Counter(status for status, _ in results) == {201: 1, 409: ATTEMPTS - 1}
    assert {body["code"] for status, body in results if status == 409} == {"slot_taken"}
    (winner,) = [n for n, (status, _) in enumerate(results) if status == 201]
    booking = Booking.objects.get()
    assert (booking.client_email, booking.reference) == (
        f"client{winner}@example.org",
        results[winner][1]["reference"],
    )
    queued = OutboxMessage.objects.order_by("kind")
    assert [(m.kind, m.recipient) for m in queued] == [
        ("booking.confirmed", f"client{winner}@example.org"),
        ("booking.practitioner_new", "sam@example.org"),
    ]
    wait_for_messages(smtp, 2)
    time.sleep(1)  # a duplicate, were there one, would arrive now
    assert sorted(smtp.message_ids()) == sorted(m.message_id for m in queued)
    confirmations = [m for m in smtp.messages if m["To"] == f"client{winner}@example.org"]
    assert len(confirmations) == 1
    assert {m.status for m in OutboxMessage.objects.all()} == {"sent"}


@pytest.fixture
def published_demo(tmp_path):
    restore_page_root()
    login_file = tmp_path / "login.txt"
    set_up_install(demo_file=settings.HEARTH_DEMO_PRACTICE_FILE, login_file=login_file)
    username, password = login_file.read_text().split()
    admin = get_user_model().objects.get(username=username)
    # The servers run the real settings, which do not read the tests' fast hashes.
    hasher = PBKDF2PasswordHasher()
    admin.password = hasher.encode(password, hasher.salt(), iterations=1000)
    admin.save(update_fields=["password"])
    device = TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True)
    return username, password, device


def get(base: str, path: str) -> tuple[str, str]:
    with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
        return response.headers["X-Page-Cache"], response.read().decode()


def test_a_publish_through_one_server_purges_the_page_cached_on_the_other(
    published_demo, two_servers
):
    username, password, device = published_demo
    server_a, server_b = two_servers
    page = ResourcesPage.objects.get()
    path = page.url_path.removeprefix("/home")
    assert get(server_b, path)[0] == "miss"
    cache_state, before = get(server_b, path)
    assert cache_state == "hit"
    new_title = f"Help lines, checked {secrets.token_hex(4)}"
    assert new_title not in before

    session = admin_session(server_a, username=username, password=password, device=device)
    published = publish_page_edit(session, server_a, page.pk, title=new_title)
    assert (published.status_code, published.url) == (
        200,
        f"{server_a}/admin/pages/{page.get_parent().pk}/",
    )

    cache_state, after = get(server_b, path)  # at once: no waiting for a timeout
    assert cache_state == "miss"
    assert f"<h1>{new_title}</h1>" in after
    assert get(server_b, path) == ("hit", after)
