"""A self-hosted proof of work (ALTCHA, SHA-256) for public forms: the page's own script
fetches a signed challenge from us and finds its number while the person types; the form
sends the answer. No third party, no cookie, nothing about the person.

Challenges and answers are made and checked by the `altcha` package (its v1 scheme, which a
few lines of our own script solve with the browser's Web Crypto). An answer is good once
(kept as a hashed rate-limit key) and until its challenge expires.
"""

import base64
import binascii
import datetime as dt
import json

from altcha import create_challenge_v1, verify_solution_v1
from django.conf import settings
from django.utils.crypto import salted_hmac

from .errors import Invalid
from .models import RateCounter
from .ratelimit import hashed_key, hit_within_limit

MAX_PAYLOAD_LENGTH = 2000
REPLAYS = 1_000_000  # a pairing counter only records that the pair was seen
PROOF_HEADER = "X-Hearth-Proof"
FAILED = (
    "Your browser's automatic check did not finish. Please wait a few seconds and send "
    "the form again."
)


class ProofFailed(Invalid):
    code = "proof_failed"


def _key() -> str:
    return salted_hmac("hearth.core.proof-of-work", "challenge-key").hexdigest()


def new_challenge(*, now: dt.datetime) -> dict:
    """A signed challenge (algorithm, challenge, maxNumber, salt, signature) that expires
    after HEARTH_PROOF_OF_WORK_MINUTES."""
    challenge = create_challenge_v1(
        algorithm="SHA-256",
        max_number=settings.HEARTH_PROOF_OF_WORK_MAX_NUMBER,
        hmac_key=_key(),
        expires=now + dt.timedelta(minutes=settings.HEARTH_PROOF_OF_WORK_MINUTES),
    )
    return challenge.to_dict()


def proof_accepted(payload: str, *, now: dt.datetime, replay_key: str = "") -> bool:
    """True for a genuine, unexpired answer seen for the first time (the answer is then
    used up); False for anything else, malformed input included.

    With `replay_key` (a form's idempotency key), the same answer is good again with that
    same key: a double click sends the form twice and must get the one booking back.
    """
    if not payload or len(payload) > MAX_PAYLOAD_LENGTH:
        return False
    verified, _ = verify_solution_v1(payload, _key(), check_expires=True)
    if not verified:
        return False
    try:
        challenge = str(json.loads(base64.b64decode(payload))["challenge"])
    except (binascii.Error, ValueError, KeyError, TypeError):
        return False
    day = dt.timedelta(days=1)
    paired = hashed_key("proof-key", f"{challenge}\x00{replay_key}")
    if hit_within_limit(key=hashed_key("proof", challenge), limit=1, window=day, now=now):
        if replay_key:  # remember which form this answer came with
            hit_within_limit(key=paired, limit=REPLAYS, window=day, now=now)
        return True
    return bool(replay_key) and RateCounter.objects.filter(key=paired).exists()


def check_proof_header(headers, *, now: dt.datetime) -> None:
    """The API's optional proof: absent, the rate limits alone apply; present, it must be
    a good answer, else ProofFailed (422 proof_failed)."""
    payload = headers.get(PROOF_HEADER)
    if payload is not None and not proof_accepted(payload, now=now):
        raise ProofFailed(
            f"The {PROOF_HEADER} header is not a good answer to a challenge from "
            "GET /api/v1/challenge (each answer counts once and expires)."
        )
