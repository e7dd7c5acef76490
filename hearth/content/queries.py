"""Reads for the public pages: practice facts turned into sentences, never typed twice."""

from django.db.models import Prefetch
from django.urls import reverse

from hearth.core.jurisdictions import name_of
from hearth.practice.eligibility import codes_for, where_offered
from hearth.practice.models import License, Practitioner, Service, ServiceKind
from hearth.practice.queries import license_spans


def _join_with_and(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def license_sentence(practitioner: Practitioner) -> str:
    """'Licensed in Washington (LMFT #LF 61054321) and Idaho (LMFT #LMFT-20817).'"""
    licenses = sorted(practitioner.licenses.all(), key=lambda lic: name_of(lic.jurisdiction))
    if not licenses:
        return ""
    parts = [
        f"{name_of(lic.jurisdiction)} ({lic.kind} #{lic.number})"
        if lic.number
        else f"{name_of(lic.jurisdiction)} ({lic.kind})"
        for lic in licenses
    ]
    return f"Licensed in {_join_with_and(parts)}."


def where_service_offered(service: Service) -> str:
    """Where a service can be taken, from its policy and its practitioners' licenses."""
    policy = service.policy
    codes: set[str] = set()
    for practitioner in service.practitioners.all():
        codes |= codes_for(policy=policy, licenses=license_spans(practitioner), on=None)
    return where_offered(service_name=service.name, codes=frozenset(codes), kind=service.kind)


def services_with_practitioners():
    return Service.objects.order_by("price_cents", "name").prefetch_related(
        Prefetch("practitioners", queryset=Practitioner.objects.prefetch_related("licenses"))
    )


def practitioners_for_about_page():
    return Practitioner.objects.select_related("photo").prefetch_related(
        Prefetch("licenses", queryset=License.objects.order_by("jurisdiction"))
    )


def fee_text(service: Service) -> str:
    if service.price_cents == 0:
        return "Free"
    dollars, cents = divmod(service.price_cents, 100)
    amount = f"{dollars}" if cents == 0 else f"{dollars}.{cents:02d}"
    return f"${amount}" if service.currency == "USD" else f"{amount} {service.currency}"


def consultation_booking_url() -> str:
    """Where "Book a free 15-minute consultation" leads: the consultation's booking page,
    or the list of services to book when the practice offers no consultation."""
    consultation = (
        Service.objects.filter(kind=ServiceKind.CONSULTATION)
        .order_by("price_cents", "slug")
        .first()
    )
    if consultation is None:
        return reverse("bookings:services")
    return reverse("bookings:choose_time", args=[consultation.slug])
