"""Reads of practice data: licenses about to lapse, a service's policy, license spans."""

import datetime as dt

from .eligibility import LicenseSpan, Policy
from .models import License, LocationPolicy, Practitioner, Service


def licenses_lapsing(*, today: dt.date, within_days: int) -> list[License]:
    """Licenses that lapse within `within_days` (or lapsed in the last 30) and are not renewed.

    A license counts as renewed when the same practitioner holds another one for
    the same jurisdiction that starts by the day after it expires and runs longer.
    """
    candidates = (
        License.objects.filter(
            expires_on__lte=today + dt.timedelta(days=within_days),
            expires_on__gte=today - dt.timedelta(days=30),
        )
        .select_related("practitioner")
        .order_by("expires_on", "practitioner__name")
    )
    return [
        lic
        for lic in candidates
        if not License.objects.filter(
            practitioner_id=lic.practitioner_id,
            jurisdiction=lic.jurisdiction,
            valid_from__lte=lic.expires_on + dt.timedelta(days=1),
            expires_on__gt=lic.expires_on,
        ).exists()
    ]


def service_policy(service: Service) -> Policy:
    if service.location_policy == LocationPolicy.LIST:
        return Policy(kind=service.kind, locations=tuple(service.listed_codes))
    return Policy(kind=service.kind, locations=str(service.location_policy))


def license_spans(practitioner: Practitioner) -> tuple[LicenseSpan, ...]:
    """Uses the prefetched licenses when there are any."""
    return tuple(
        LicenseSpan(lic.jurisdiction, lic.valid_from, lic.expires_on)
        for lic in practitioner.licenses.all()
    )
