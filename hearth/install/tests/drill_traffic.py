"""The backup drill's visitors: threads that book, register and comment against a running
server until told to stop, each keeping what the server answered and when."""

import http.cookiejar
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from hearth.core.testing import form_fields


@dataclass
class Answered:
    """One write the server confirmed: its key (a reference or a comment's text), the
    encrypted words sent with it, and when the answer came back (time.monotonic)."""

    key: str
    words: str
    at: float


@dataclass
class Visitor:
    kind: str
    answered: list[Answered] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def post_json(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def book(api: str, service: str, starts: list[str], visitor: Visitor, stop: threading.Event):
    for n, start in enumerate(starts):
        if stop.is_set():
            return
        words = f"{visitor.kind} words {n}"
        body = {
            "service": service,
            "start": start,
            "name": f"Client {n}",
            "email": f"{visitor.kind}{n}@example.org",
            "phone": f"+1 509 555 {n:04d}",
            "location": "WA",
            "timezone": "UTC",
            "message": words,
            "consent": True,
        }
        status, answer = post_json(f"{api}/bookings", body)
        _keep(visitor, status, answer, answer.get("reference", ""), words)


def register(api: str, workshop: str, visitor: Visitor, stop: threading.Event):
    n = 0
    while not stop.is_set():
        n += 1
        body = {
            "name": f"Attendee {n}",
            "email": f"attendee{n}@example.org",
            "location": "WA",
            "timezone": "UTC",
            "consent": True,
        }
        status, answer = post_json(f"{api}/workshops/{workshop}/registrations", body)
        _keep(visitor, status, answer, answer.get("reference", ""), "")


def comment(base: str, post_url: str, post_id: int, visitor: Visitor, stop: threading.Event):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    html = opener.open(base + post_url, timeout=60).read().decode()
    fields = form_fields(html, "form.comment-form")
    time.sleep(1.1)  # the form's fill-time check: people take at least a second
    n = 0
    while not stop.is_set():
        n += 1
        text = f"Comment number {n} from the drill."
        data = fields | {"name": "Alex", "email": "", "body": text}
        request = urllib.request.Request(
            f"{base}/engagement/comments/{post_id}/",
            data=urllib.parse.urlencode(data).encode(),
            headers={"Referer": base + post_url},
        )
        try:
            with opener.open(request, timeout=60) as response:
                _keep(visitor, response.status, {}, text, "")
        except urllib.error.HTTPError as error:
            visitor.refused.append((error.code, error.read().decode()[:200]))


def _keep(visitor: Visitor, status: int, answer: dict, key: str, words: str) -> None:
    if status in (200, 201):
        visitor.answered.append(Answered(key=key, words=words, at=time.monotonic()))
    else:
        visitor.refused.append((status, str(answer)[:200]))
