"""A local HTTP server for calendar files, and a small practice in Los Angeles time."""

import contextlib
import datetime as dt
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hearth.practice.models import BusyCalendar, ServiceKind
from hearth.practice.tests.factories import (
    PractitionerFactory,
    ServiceFactory,
    WeeklyWindowFactory,
)

# Monday 2027-03-01 12:00 UTC (04:00 in Los Angeles).
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


class CalendarServer:
    """Serves `files[path]` with an ETag (answering 304 to a matching If-None-Match); a path
    can be made slow (`delays`), answer an error status (`statuses`) or leave out its size
    (`unsized`, the body then ends when the connection closes). `requests` logs what
    was asked: (path, If-None-Match)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.statuses: dict[str, int] = {}
        self.delays: dict[str, float] = {}
        self.unsized: set[str] = set()  # paths answered without a Content-Length
        self.redirects: dict[str, str] = {}  # path -> the address it redirects to (302)
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                match = self.headers.get("If-None-Match", "")
                server.requests.append((self.path, match))
                if self.path in server.redirects:
                    self.send_response(302)
                    self.send_header("Location", server.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                time.sleep(server.delays.get(self.path, 0))
                body = server.files.get(self.path)
                status = server.statuses.get(self.path, 200 if body is not None else 404)
                etag = f'"{hash(body) & 0xFFFFFFFF:x}"'
                if status == 200 and match == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", "text/calendar; charset=utf-8")
                if status == 200:
                    self.send_header("ETag", etag)
                payload = body if status == 200 and body is not None else b"no"
                if self.path not in server.unsized:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
def ics_server():
    server = CalendarServer()
    thread = threading.Thread(target=server.httpd.serve_forever, daemon=True)
    thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def sam(db):
    practitioner = PractitionerFactory(
        slug="sam", name="Sam Rivera", timezone="America/Los_Angeles"
    )
    # Wednesdays 09:00-12:00 Los Angeles time.
    WeeklyWindowFactory(practitioner=practitioner, weekday=2, start_minute=540, end_minute=720)
    return practitioner


@pytest.fixture
def consultation(sam):
    return ServiceFactory(
        slug="free-consultation",
        name="Free 15-minute consultation",
        kind=ServiceKind.CONSULTATION,
        duration_minutes=30,
        interval_minutes=30,
        minimum_notice_minutes=60,
        horizon_days=60,
        practitioners=[sam],
    )


@pytest.fixture
def add_calendar(sam, ics_server):
    def add(path: str, body: bytes | None = None, **options) -> BusyCalendar:
        if body is not None:
            ics_server.files[path] = body
        return BusyCalendar.objects.create(practitioner=sam, url=ics_server.url(path), **options)

    return add
