"""Who may take a service from where (DESIGN "Eligibility"): one rule, used by slots and booking.

Pure functions over plain values, so the rule is testable without a database;
a service's or workshop's `policy` and `license_spans` turn model rows into those values.
"""

import datetime as dt
from dataclasses import dataclass

from hearth.core.jurisdictions import JURISDICTIONS, US_CODES, join_names

CLINICAL = "clinical"


@dataclass(frozen=True, slots=True)
class LicenseSpan:
    jurisdiction: str
    valid_from: dt.date
    expires_on: dt.date  # inclusive

    def covers(self, code: str, day: dt.date) -> bool:
        return self.jurisdiction == code and self.valid_from <= day <= self.expires_on


@dataclass(frozen=True, slots=True)
class Policy:
    kind: str  # consultation | clinical | coaching
    locations: str | tuple[str, ...]  # "US", "licensed" or codes


def is_eligible(
    *, policy: Policy, licenses: tuple[LicenseSpan, ...], location: str, on: dt.date
) -> bool:
    """May a client located in `location` take the service from this practitioner on `on`?

    `on` is the session's start date in the practitioner's zone. Clinical work
    needs a license for the location valid that day (a list policy narrows it
    further); other kinds follow the policy alone.
    """
    if location not in US_CODES:
        return False
    if policy.kind == CLINICAL:
        listed = policy.locations if isinstance(policy.locations, tuple) else None
        in_list = listed is None or location in listed
        return in_list and any(span.covers(location, on) for span in licenses)
    return location in codes_for(policy=policy, licenses=licenses, on=None)


def codes_for(
    *, policy: Policy, licenses: tuple[LicenseSpan, ...], on: dt.date | None
) -> frozenset[str]:
    """The jurisdictions where the service can be taken (on a date, for clinical work)."""
    if policy.kind == CLINICAL:
        licensed = {
            span.jurisdiction
            for span in licenses
            if on is None or span.valid_from <= on <= span.expires_on
        }
        if isinstance(policy.locations, tuple):
            licensed &= set(policy.locations)
        return frozenset(licensed)
    if policy.locations == "US":
        return US_CODES
    if policy.locations == "licensed":
        return frozenset(span.jurisdiction for span in licenses)
    return frozenset(policy.locations)


def where_offered(*, service_name: str, codes: frozenset[str], kind: str) -> str:
    """A sentence naming where the service is offered, for refusals and notices."""
    if codes == US_CODES:
        return f"{service_name} is offered to clients anywhere in the US."
    if not codes:
        return f"{service_name} is not open for booking from any location right now."
    names = join_names(sorted(codes, key=lambda code: JURISDICTIONS[code].removeprefix("the ")))
    if kind == CLINICAL:
        return (
            f"{service_name} is available only while you are physically in {names} "
            "during the session."
        )
    return f"{service_name} is offered to clients located in {names}."
