"""The proof of work: challenges from /api/v1/challenge, answers good once and until they
expire, the forms that need one and the API that may carry one."""

import base64
import datetime as dt
import json

import pytest
import time_machine
from altcha import solve_challenge_v1

from hearth.core.models import RateCounter
from hearth.core.proof_of_work import proof_accepted

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def pinned_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def solved(client) -> str:  # also used by the forms' and API's tests
    """What the page's script sends: base64 of the JSON answer to a fresh challenge."""
    challenge = client.get("/api/v1/challenge").json()
    number = solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    ).number
    answer = {key: challenge[key] for key in ("algorithm", "challenge", "salt", "signature")}
    return base64.b64encode(json.dumps(answer | {"number": number}).encode()).decode()


def test_a_challenge_is_signed_sha256_within_the_set_size(client):
    response = client.get("/api/v1/challenge")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    challenge = response.json()
    assert sorted(challenge) == ["algorithm", "challenge", "maxNumber", "salt", "signature"]
    assert (challenge["algorithm"], challenge["maxNumber"]) == ("SHA-256", 50_000)
    expires = int(challenge["salt"].split("expires=")[1].rstrip("&"))
    assert expires == int((NOW + dt.timedelta(minutes=30)).timestamp())


def test_an_answer_counts_once_and_keeps_nothing_readable(client):
    answer = solved(client)
    assert proof_accepted(answer, now=NOW) is True
    assert proof_accepted(answer, now=NOW) is False
    (key,) = RateCounter.objects.values_list("key", flat=True)
    assert key.startswith("proof:") and len(key) == len("proof:") + 32


def test_forged_expired_or_malformed_answers_are_refused(client, pinned_now):
    answer = json.loads(base64.b64decode(solved(client)))
    forged = base64.b64encode(json.dumps(answer | {"number": answer["number"] + 1}).encode())
    assert proof_accepted(forged.decode(), now=NOW) is False
    resigned = answer | {"signature": "0" * 64}
    assert (
        proof_accepted(base64.b64encode(json.dumps(resigned).encode()).decode(), now=NOW) is False
    )
    for junk in ("", "not base64!", base64.b64encode(b"[1]").decode(), "A" * 5000):
        assert proof_accepted(junk, now=NOW) is False
    late = solved(client)
    pinned_now.shift(dt.timedelta(minutes=31))
    assert proof_accepted(late, now=NOW) is False
    assert RateCounter.objects.count() == 0


def test_an_answer_is_good_again_only_with_the_same_form_key(client):
    answer = solved(client)
    assert proof_accepted(answer, now=NOW, replay_key="form-1") is True
    assert proof_accepted(answer, now=NOW, replay_key="form-1") is True  # a double click
    assert proof_accepted(answer, now=NOW, replay_key="form-2") is False
    assert proof_accepted(answer, now=NOW) is False
