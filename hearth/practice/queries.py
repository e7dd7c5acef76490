"""Reads of practice data: licenses about to lapse, a service's policy, license spans."""

import datetime as dt

from .eligibility import LicenseSpan
from .models import License, Practitioner


def licenses_lapsing(*, today: dt.date, within_days: int) -> list[License]:
    """Licenses that lapse within `within_days` (or lapsed in the last 30) and are not renewed.

    A license counts as renewed when the same practitioner holds another one for
    the same jurisdiction that starts by the day after it expires and runs longer.
    Two queries, however many licenses.
    """
    candidates = list(
        License.objects.filter(
            expires_on__lte=today + dt.timedelta(days=within_days),
            expires_on__gte=today - dt.timedelta(days=30),
        )
        .select_related("practitioner")
        .order_by("expires_on", "practitioner__name")
    )
    held: dict[tuple[int, str], list[License]] = {}
    for lic in License.objects.filter(
        practitioner_id__in={lic.practitioner_id for lic in candidates}
    ):
        held.setdefault((lic.practitioner_id, lic.jurisdiction), []).append(lic)
    return [
        lic for lic in candidates if not _renewed(lic, held[lic.practitioner_id, lic.jurisdiction])
    ]


def _renewed(lic: License, same_jurisdiction: list[License]) -> bool:
    day_after = lic.expires_on + dt.timedelta(days=1)
    return any(
        other.valid_from <= day_after and other.expires_on > lic.expires_on
        for other in same_jurisdiction
    )


def license_spans(practitioner: Practitioner) -> tuple[LicenseSpan, ...]:
    """Uses the prefetched licenses when there are any."""
    return tuple(
        LicenseSpan(lic.jurisdiction, lic.valid_from, lic.expires_on)
        for lic in practitioner.licenses.all()
    )
