"""The practice's clients: everyone who booked or registered, one per email address
(case-insensitive), with their sessions, counts and latest contact details (reads only)."""

import datetime as dt
from dataclasses import dataclass
from itertools import chain

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Lower

from hearth.core.contact import ERASED_EMAIL_DOMAIN
from hearth.workshops.models import Registration

from .models import ACTIVE_STATUSES, Booking, BookingStatus


@dataclass
class ClientRow:
    email: str  # lower-cased: the client's identity
    name: str = ""
    next_session: dt.datetime | None = None
    last_session: dt.datetime | None = None
    sessions: int = 0  # bookings not cancelled, past and future
    cancellations: int = 0
    no_shows: int = 0
    registrations: int = 0
    link: tuple[str, int] = ("", 0)  # ("booking" | "registration", pk) of the latest record
    latest_at: dt.datetime | None = None  # when the latest record was made


def _matching(rows: QuerySet, search: str) -> QuerySet:
    """Records of people not erased whose name or email contains `search`, keyed by email."""
    rows = rows.exclude(client_email__endswith=f"@{ERASED_EMAIL_DOMAIN}")
    if search:
        rows = rows.filter(Q(client_name__icontains=search) | Q(client_email__icontains=search))
    return rows.annotate(key=Lower("client_email"))


def client_rows(*, now: dt.datetime, search: str = "") -> list[ClientRow]:
    """One row per client whose name or email contains `search`, soonest next session first,
    then the most recent last session (three queries whatever the number of clients)."""
    rows: dict[str, ClientRow] = {}
    active = Q(status__in=ACTIVE_STATUSES)
    booking_counts = (
        _matching(Booking.objects.all(), search)
        .values("key")
        .annotate(
            next_session=Min("start", filter=Q(status=BookingStatus.CONFIRMED, start__gte=now)),
            last_session=Max("start", filter=active & Q(start__lt=now)),
            sessions=Count("pk", filter=active),
            cancellations=Count("pk", filter=Q(status=BookingStatus.CANCELLED)),
            no_shows=Count("pk", filter=Q(status=BookingStatus.NO_SHOW)),
            latest=Max("pk"),
        )
    )
    for counts in booking_counts:
        row = rows.setdefault(counts["key"], ClientRow(counts["key"]))
        for name in ("next_session", "last_session", "sessions", "cancellations", "no_shows"):
            setattr(row, name, counts[name])
    registration_counts = (
        _matching(Registration.objects.all(), search)
        .values("key")
        .annotate(registrations=Count("pk"))
    )
    for counts in registration_counts:
        rows.setdefault(counts["key"], ClientRow(counts["key"])).registrations = counts[
            "registrations"
        ]
    latest = chain(
        (("booking", *r) for r in _latest_of(Booking.objects.all(), search)),
        (("registration", *r) for r in _latest_of(Registration.objects.all(), search)),
    )
    for kind, pk, key, name, created_at in latest:
        row = rows[key]
        if row.latest_at is None or created_at > row.latest_at:
            row.name, row.link, row.latest_at = name, (kind, pk), created_at
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    return sorted(
        rows.values(),
        key=lambda row: (
            row.next_session or far,
            -(row.last_session.timestamp() if row.last_session else 0),
            row.email,
        ),
    )


def _latest_of(rows: QuerySet, search: str):
    """(pk, key, name, created_at) of each client's most recent record of this kind."""
    newest = _matching(rows, search).values("key").annotate(newest=Max("pk")).values("newest")
    return (
        rows.model.objects.filter(pk__in=newest)
        .annotate(key=Lower("client_email"))
        .values_list("pk", "key", "client_name", "created_at")
    )


@dataclass(frozen=True)
class ClientRecord:
    email: str
    contact: Booking | Registration  # the latest record: its name, phone and choices
    bookings: list[Booking]
    registrations: list[Registration]


def client_record(*, kind: str, pk: int) -> ClientRecord | None:
    """Everything the practice holds for the client of one booking or registration."""
    model = {"booking": Booking, "registration": Registration}.get(kind)
    email = (
        model.objects.filter(pk=pk).values_list("client_email", flat=True).first()
        if model
        else None
    )
    if email is None:
        return None
    bookings = list(
        Booking.objects.filter(client_email__iexact=email)
        .select_related("service", "practitioner")
        .order_by("-start")
    )
    registrations = list(
        Registration.objects.filter(client_email__iexact=email)
        .select_related("workshop")
        .order_by("-created_at")
    )
    contact = max(chain(bookings, registrations), key=lambda record: record.created_at)
    return ClientRecord(email.lower(), contact, bookings, registrations)
