"""The soak's traffic: clients of each kind in their own threads, every request recorded with
its times and answer.

Requests go through `Proxy`, a stand-in for the reverse proxy in front of the app servers:
round robin, and a server that refuses the connection is skipped for the next one (as
nginx's `proxy_next_upstream error` does); an answer lost after the request was sent is an
error. Bookings carry an Idempotency-Key and are sent again with it after an error, as the
booking form does when a person presses the button again, so every attempt ends known:
made (201), made earlier and replayed (200), or refused (409 `slot_taken`).
"""

import datetime as dt
import http.client
import itertools
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from benchmarks.soak.site import COMMENTED_POST, PAGES, SERVICE

OK = {
    "page": {200},
    "slots": {200},
    "booking": {200, 201, 409},
    "cancel": {200},
    "comment": {200},
    "beacon": {200},
}
RETRY_SECONDS = 0.5
GIVE_UP_AFTER_END_SECONDS = 120


@dataclass
class Outcome:
    kind: str
    server: int  # index of the app server that took the request; -1: none did
    began: float  # time.monotonic()
    ended: float
    status: int  # 0: no answer
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status in OK[self.kind]


@dataclass
class Answer:
    server: int
    status: int
    body: bytes
    cookies: list[str] = field(default_factory=list)

    def json(self) -> dict:
        try:
            return json.loads(self.body)
        except ValueError:
            return {}


class Proxy:
    def __init__(self, bases: list[str]) -> None:
        self.addresses = [(urlsplit(b).hostname, urlsplit(b).port) for b in bases]
        self._turn = itertools.count()

    def send(self, method: str, path: str, body: bytes | None, headers: dict) -> Answer:
        first = next(self._turn)
        for offset in range(len(self.addresses)):
            server = (first + offset) % len(self.addresses)
            connection = http.client.HTTPConnection(*self.addresses[server], timeout=60)
            try:
                connection.connect()
            except OSError:
                connection.close()
                continue  # refused: the next server
            try:
                connection.request(method, path, body, headers | {"Connection": "close"})
                response = connection.getresponse()
                data = response.read()
                return Answer(
                    server, response.status, data, response.headers.get_all("Set-Cookie") or []
                )
            except (OSError, http.client.HTTPException) as error:
                return Answer(server, 0, repr(error).encode())
            finally:
                connection.close()
        return Answer(-1, 0, b"no app server accepted the connection")


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.outcomes: list[Outcome] = []
        self.bookings: dict[str, str] = {}  # idempotency key -> made / replayed / taken / ...
        self.cancelled: set[str] = set()  # references whose cancellation was answered
        self.events: list[tuple[str, float, float]] = []  # (what, began, ended)
        self.started = time.monotonic()

    def add(self, outcome: Outcome) -> None:
        with self.lock:
            self.outcomes.append(outcome)

    def event(self, what: str, began: float, ended: float) -> None:
        with self.lock:
            self.events.append((what, began, ended))


class Traffic:
    """`run(seconds)` starts the clients and returns when they have all finished."""

    CLIENTS = {"reader": 4, "slot_finder": 2, "booker": 3, "commenter": 1, "beacon": 2}

    def __init__(
        self, bases: list[str], recorder: Recorder, *, post_ids: list[int], commented_id: int
    ) -> None:
        self.proxy, self.recorder = Proxy(bases), recorder
        self.post_ids, self.commented_id = post_ids, commented_id
        self.end = 0.0

    def run(self, seconds: float) -> None:
        self.recorder.started = time.monotonic()
        self.end = self.recorder.started + seconds
        threads = [
            threading.Thread(target=getattr(self, kind), args=(random.Random(f"{kind}{n}"),))
            for kind, count in self.CLIENTS.items()
            for n in range(count)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def running(self) -> bool:
        return time.monotonic() < self.end

    def call(self, kind: str, method: str, path: str, **options) -> Answer:
        headers = dict(options.get("headers", {}))
        body = options.get("body")
        if isinstance(body, dict):
            body, headers["Content-Type"] = json.dumps(body).encode(), "application/json"
        elif isinstance(body, str):
            body = body.encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        began = time.monotonic()
        answer = self.proxy.send(method, path, body, headers)
        detail = "" if answer.status in OK[kind] else answer.body[:300].decode(errors="replace")
        self.recorder.add(
            Outcome(kind, answer.server, began, time.monotonic(), answer.status, detail)
        )
        return answer

    # --- the clients -------------------------------------------------------------------

    def reader(self, rng: random.Random) -> None:
        while self.running():
            self.call("page", "GET", rng.choice(PAGES))
            time.sleep(0.02)

    def slot_finder(self, rng: random.Random) -> None:
        while self.running():
            self.find_slots(rng)
            time.sleep(0.05)

    def find_slots(self, rng: random.Random) -> list[dict]:
        first = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=rng.randint(1, 50))
        query = {"start": first.isoformat(), "end": (first + dt.timedelta(days=6)).isoformat()}
        query |= {"tz": "UTC", "location": "WA"}
        answer = self.call("slots", "GET", f"/api/v1/services/{SERVICE}/slots?{urlencode(query)}")
        return answer.json().get("slots", []) if answer.status == 200 else []

    def booker(self, rng: random.Random) -> None:
        while self.running():
            slots = self.find_slots(rng)
            if not slots:
                time.sleep(RETRY_SECONDS)
                continue
            made = self.book(rng.choice(slots)["start"], rng)
            if made and rng.random() < 0.5:
                self.cancel(made)
            time.sleep(0.05)

    def book(self, start: str, rng: random.Random) -> dict | None:
        key = uuid.uuid4().hex
        person = rng.randrange(10**9)
        body = {
            "service": SERVICE,
            "start": start,
            "name": f"Soak Client {person}",
            "email": f"soak{person}@example.org",
            "location": "WA",
            "timezone": "UTC",
            "consent": True,
        }
        while True:
            answer = self.call(
                "booking", "POST", "/api/v1/bookings", body=body, headers={"Idempotency-Key": key}
            )
            made = {201: "made", 200: "replayed"}.get(answer.status)
            if made or answer.status == 409:
                self.recorder.bookings[key] = made or answer.json().get("code", "409")
                return answer.json() if made else None
            if (
                400 <= answer.status < 500
                or time.monotonic() > self.end + GIVE_UP_AFTER_END_SECONDS
            ):
                self.recorder.bookings[key] = f"unanswered {answer.status}"
                return None
            time.sleep(RETRY_SECONDS)  # no answer or a 5xx: the same request again

    def cancel(self, booking: dict) -> None:
        path = f"/api/v1/bookings/{booking['token']}/cancel"
        while True:
            answer = self.call("cancel", "POST", path)
            if answer.status == 200:
                self.recorder.cancelled.add(booking["reference"])
                return
            if (
                400 <= answer.status < 500
                or time.monotonic() > self.end + GIVE_UP_AFTER_END_SECONDS
            ):
                return
            time.sleep(RETRY_SECONDS)  # cancelling twice is harmless: the same answer

    def commenter(self, rng: random.Random) -> None:
        from hearth.core.testing.forms import form_fields

        while self.running():
            page = self.call("page", "GET", COMMENTED_POST)
            if page.status != 200:
                time.sleep(RETRY_SECONDS)
                continue
            cookies = "; ".join(cookie.split(";", 1)[0] for cookie in page.cookies)
            fields = form_fields(page.body.decode(), "form.comment-form")
            fields |= {"name": f"Reader {rng.randrange(1000)}", "email": "", "body": "Thank you."}
            time.sleep(1.1)  # a person takes a moment to write (the form refuses bots' speed)
            self.call(
                "comment",
                "POST",
                f"/engagement/comments/{self.commented_id}/",
                body=urlencode(fields, doseq=True),
                headers={"Cookie": cookies},
            )

    def beacon(self, rng: random.Random) -> None:
        while self.running():
            agent = f"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.{rng.randrange(10**6)}"
            page_id = rng.choice(self.post_ids)
            self.call(
                "beacon", "POST", f"/engagement/views/{page_id}/", headers={"User-Agent": agent}
            )
            time.sleep(0.05)
