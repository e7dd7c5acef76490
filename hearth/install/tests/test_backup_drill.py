"""The backup drill: a real gunicorn server takes bookings, workshop registrations and
comments from threads while `manage.py backup` runs beside it; the snapshot restored into a
fresh database holds every write answered before the backup began, each one whole. On the
suite's database (SQLite file or PostgreSQL)."""

import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from hearth.bookings.models import Booking
from hearth.content.models import BlogIndexPage, BlogPage, HomePage
from hearth.core.encryption import decrypt
from hearth.core.testing import env_for_test_database, gunicorn_server
from hearth.engagement.models import Comment, EngagementSettings
from hearth.install.production import set_up_production
from hearth.intake.models import IntakePacket
from hearth.notifications.models import OutboxMessage, PlannedMessage
from hearth.practice.models import Practice, ServiceKind
from hearth.practice.tests.factories import (
    LicenseFactory,
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)
from hearth.privacy.models import AuditEntry
from hearth.workshops.models import Registration, Workshop
from hearth.workshops.tests.factories import WorkshopFactory

from . import drill_traffic as traffic
from .restored import FreshDatabase, fresh_database

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[3]
TIMES: dict[str, float] = {}
CHAT, SESSION, WORKSHOP = "drill-chat", "drill-session", "drill-workshop"


@pytest.fixture
def drill_site(settings, tmp_path):
    """The demo (for a post that takes comments, and media), plus a free consultation and a
    counseling session open all day, every day, and a workshop with room for everyone."""
    settings.MEDIA_ROOT = tmp_path / "media"
    upload = settings.MEDIA_ROOT / "documents" / "welcome-letter.txt"
    upload.parent.mkdir(parents=True)
    upload.write_text("An uploaded file the restore must bring back.\n")
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.objects.filter(depth=1).exists():
        page_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=page_type))
    post = blog_post_taking_comments()
    today = dt.datetime.now(dt.UTC).date()
    for slug, kind in ((CHAT, ServiceKind.CONSULTATION), (SESSION, ServiceKind.CLINICAL)):
        person = PractitionerFactory(slug=slug, timezone="UTC", email=f"{slug}@example.org")
        for weekday in range(7):
            WeeklyWindowFactory(
                practitioner=person, weekday=weekday, start_minute=0, end_minute=1440
            )
        LicenseFactory(
            practitioner=person,
            valid_from=today - dt.timedelta(days=365),
            expires_on=today + dt.timedelta(days=365),
        )
        ServiceFactory(slug=slug, kind=kind, minimum_notice_minutes=0, practitioners=[person])
    first = dt.datetime.now(dt.UTC) + dt.timedelta(days=40)
    WorkshopFactory(
        slug=WORKSHOP,
        practitioner=PractitionerFactory(email="host@example.org"),
        capacity=100_000,
        registration_deadline=first - dt.timedelta(days=2),
        sessions=[(first, first + dt.timedelta(hours=6))],
    )
    return post


def blog_post_taking_comments() -> BlogPage:
    """The home page as the production set-up makes it, a blog under it and one post."""
    set_up_production(username="admin", email="admin@example.org")
    home = HomePage.objects.get()
    blog = home.add_child(instance=BlogIndexPage(title="Blog", slug="blog"))
    today = dt.datetime.now(dt.UTC).date()
    post = BlogPage(title="A post", slug="a-post", originally_published=today)
    post.comments_enabled = True
    blog.add_child(instance=post)
    EngagementSettings.objects.update_or_create(defaults={"comments_enabled": True})
    Practice.objects.update_or_create(defaults={"email": "practice@example.org"})
    return post


def starts(count: int) -> list[str]:
    """Quarter hours from three days ahead: every reminder is still due."""
    day = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=3)
    first = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
    return [(first + dt.timedelta(minutes=15 * k)).isoformat() for k in range(count)]


def wait_for_answers(visitors: dict, *, at_least: int, timeout_seconds: float = 30) -> None:
    deadline = time.monotonic() + timeout_seconds
    while any(len(visitor.answered) < at_least for visitor in visitors.values()):
        assert time.monotonic() < deadline, {k: v.refused[:1] for k, v in visitors.items()}
        time.sleep(0.1)


def manage(*arguments: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, str(ROOT / "manage.py"), *arguments]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def run_traffic(post: BlogPage, env: dict[str, str], tmp_path: Path):
    """Visitors write while a backup is taken; returns (visitors, backup began, snapshot)."""
    visitors = {kind: traffic.Visitor(kind) for kind in (CHAT, SESSION, "workshop", "comment")}
    stop = threading.Event()
    with gunicorn_server(env=env, workers=2, threads=4) as base:
        api = base + "/api/v1"
        work = [
            (traffic.book, (api, CHAT, starts(2000), visitors[CHAT], stop)),
            (traffic.book, (api, SESSION, starts(2000), visitors[SESSION], stop)),
            (traffic.register, (api, WORKSHOP, visitors["workshop"], stop)),
            (traffic.comment, (base, post.url, post.pk, visitors["comment"], stop)),
        ]
        threads = [threading.Thread(target=target, args=args) for target, args in work]
        for thread in threads:
            thread.start()
        wait_for_answers(visitors, at_least=3)
        began = time.monotonic()
        backup = manage("backup", env=env)
        TIMES["backup"] = time.monotonic() - began
        time.sleep(1.0)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert backup.returncode == 0, backup.stderr
    return visitors, began, Path(backup.stdout.split()[3])


def test_a_backup_taken_under_traffic_restores_every_committed_write_whole(
    drill_site, settings, tmp_path
):
    env = env_for_test_database() | {
        "HEARTH_BACKUP_DIR": str(tmp_path / "backups"),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    started = time.monotonic()
    visitors, began, snapshot = run_traffic(drill_site, env, tmp_path)
    TIMES["traffic"] = time.monotonic() - started
    assert {kind: visitor.refused for kind, visitor in visitors.items()} == {
        kind: [] for kind in visitors
    }
    with fresh_database(tmp_path, "drill") as target:
        restored_media = tmp_path / "restored-media"
        answer = manage(
            "restore",
            str(snapshot),
            env=env | {"DATABASE_URL": target.url, "MEDIA_ROOT": str(restored_media)},
        )
        TIMES["restore"] = time.monotonic() - TIMES["traffic"] - started
        assert answer.returncode == 0, answer.stderr
        assert "The data keys in use read the restored encrypted values" in answer.stdout
        counts = {
            "bookings": check_bookings(target, visitors, began),
            "registrations": check_registrations(target, visitors["workshop"], began),
            "comments": check_comments(target, visitors["comment"], began),
        }
    assert (
        files_under(restored_media)
        == files_under(settings.MEDIA_ROOT)
        == [("documents/welcome-letter.txt", 46)]
    )
    answered = {kind: len(visitor.answered) for kind, visitor in visitors.items()}
    rounded = {step: round(seconds, 1) for step, seconds in TIMES.items()}
    print(
        f"\n[backup drill] {connection.vendor}: answered {answered}, restored {counts}, seconds {rounded}"
    )


def files_under(folder: Path) -> list[tuple[str, int]]:
    return sorted(
        (path.relative_to(folder).as_posix(), path.stat().st_size)
        for path in folder.rglob("*")
        if path.is_file()
    )


def partners(target: FreshDatabase, model, type_column: str, id_column: str, what: str, label):
    """{object id: sorted kinds} of the rows of `model` about objects of type `label`."""
    found: dict[int, list[str]] = {}
    table = model._meta.db_table
    sql = f"SELECT {id_column}, {what} FROM {table} WHERE {type_column} = '{label}'"  # noqa: S608
    for object_id, kind in target.rows(sql):
        found.setdefault(int(object_id), []).append(kind)
    return {key: sorted(kinds) for key, kinds in found.items()}


def answered_before(visitor: traffic.Visitor, began: float) -> set[str]:
    return {answer.key for answer in visitor.answered if answer.at < began}


def check_bookings(target: FreshDatabase, visitors: dict, began: float) -> int:
    table = Booking._meta.db_table
    services = dict(target.rows("SELECT id, slug FROM practice_service"))
    rows = target.rows(
        f"SELECT id, reference, service_id, client_email, message, client_phone FROM {table}"  # noqa: S608
    )
    by_reference = {row[1]: row for row in rows}
    for kind in (CHAT, SESSION):
        assert len(answered_before(visitors[kind], began)) >= 3
        assert answered_before(visitors[kind], began) <= set(by_reference)
    sent = {a.key: a for kind in (CHAT, SESSION) for a in visitors[kind].answered}
    assert set(by_reference) <= set(sent)
    label = "bookings.booking"
    outbox = partners(target, OutboxMessage, "related_type", "related_id", "kind", label)
    audit = partners(target, AuditEntry, "object_type", "object_id", "action", label)
    planned = partners(target, PlannedMessage, "related_type", "related_id", "kind", label)
    packet_table = IntakePacket._meta.db_table
    packets = {email for (email,) in target.rows(f"SELECT client_email FROM {packet_table}")}  # noqa: S608
    counseling = {row[0] for row in rows if services[row[2]] == SESSION}
    assert outbox == {row[0]: ["booking.confirmed", "booking.practitioner_new"] for row in rows}
    assert audit == {row[0]: ["booking.created"] for row in rows}
    assert planned == {
        row[0]: [
            *(["booking.intake_reminder"] if row[0] in counseling else []),
            "booking.reminder",
        ]
        for row in rows
    }
    assert {row[3] for row in rows if row[0] in counseling} == packets
    for _, reference, _, _, message, phone in rows:
        assert decrypt(message) == sent[reference].words
        assert decrypt(phone).startswith("+1 509 555 ")
    return len(rows)


def check_registrations(target: FreshDatabase, visitor: traffic.Visitor, began: float) -> int:
    table = Registration._meta.db_table
    every = target.rows(f"SELECT id, reference, status, workshop_id FROM {table}")  # noqa: S608
    ((workshop_id, made, seats),) = target.rows(
        f"SELECT id, registrations_made, seats_taken FROM {Workshop._meta.db_table} "  # noqa: S608
        f"WHERE slug = '{WORKSHOP}'"
    )
    rows = [row for row in every if row[3] == workshop_id]
    references = {row[1] for row in rows}
    assert len(answered_before(visitor, began)) >= 3
    assert answered_before(visitor, began) <= references <= {a.key for a in visitor.answered}
    assert (made, seats) == (len(rows), len(rows))
    assert {row[2] for row in rows} == {"confirmed"}
    label = "workshops.registration"
    outbox = partners(target, OutboxMessage, "related_type", "related_id", "kind", label)
    audit = partners(target, AuditEntry, "object_type", "object_id", "action", label)
    assert set(outbox) | set(audit) <= {row[0] for row in every}
    assert {row[0]: audit[row[0]] for row in rows} == {
        row[0]: ["registration.created"] for row in rows
    }
    assert {row[0]: outbox.get(row[0]) for row in rows} == {
        row[0]: EXPECTED_REGISTRATION_MESSAGES for row in rows
    }
    return len(rows)


EXPECTED_REGISTRATION_MESSAGES = ["workshop.confirmed", "workshop.practitioner_confirmed"]


def check_comments(target: FreshDatabase, visitor: traffic.Visitor, began: float) -> int:
    rows = target.rows(f"SELECT id, body FROM {Comment._meta.db_table}")  # noqa: S608
    drill_rows = [row for row in rows if row[1].endswith("from the drill.")]
    bodies = {row[1] for row in drill_rows}
    assert len(answered_before(visitor, began)) >= 3
    assert answered_before(visitor, began) <= bodies <= {a.key for a in visitor.answered}
    label = "engagement.comment"
    outbox = partners(target, OutboxMessage, "related_type", "related_id", "kind", label)
    assert set(outbox) <= {row[0] for row in rows}
    assert {row[0]: outbox.get(row[0]) for row in drill_rows} == {
        row[0]: ["engagement.comment"] for row in drill_rows
    }
    return len(drill_rows)
