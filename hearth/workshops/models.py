"""A workshop (its own entity, not a service), its sessions and the registrations for it."""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from hearth.core.contact import ClientContact
from hearth.practice.location_policy import OfferedInLocations
from hearth.practice.models import Practitioner


class WorkshopKind(models.TextChoices):
    COACHING = "coaching", "Coaching"
    CLINICAL = "clinical", "Group counseling (licensed)"


class WorkshopFormat(models.TextChoices):
    ONLINE = "online", "Online, by video"
    IN_PERSON = "in_person", "In person"


class WorkshopStatus(models.TextChoices):
    DRAFT = "draft", "Draft (not shown)"
    OPEN = "open", "Open for registration"
    FULL = "full", "Full (waitlist only)"
    CLOSED = "closed", "Registration closed"
    CANCELLED = "cancelled", "Cancelled"


# Stored statuses under which people may still register (to a seat or the waitlist).
TAKING_REGISTRATIONS = (WorkshopStatus.OPEN, WorkshopStatus.FULL)


class WorkshopQuerySet(models.QuerySet):
    def public(self) -> "WorkshopQuerySet":
        return self.exclude(status=WorkshopStatus.DRAFT)


class Workshop(ClusterableModel, OfferedInLocations):
    """`seats_taken` counts confirmed seats and seats held by an offer; the database
    refuses a value above `capacity` (check constraint), whatever the concurrency."""

    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="workshops"
    )
    kind = models.CharField(
        max_length=20,
        choices=WorkshopKind.choices,
        default=WorkshopKind.COACHING,
        help_text="Counseling groups need a license for where each client is, on every date.",
    )
    format = models.CharField(
        max_length=10, choices=WorkshopFormat.choices, default=WorkshopFormat.ONLINE
    )
    address = models.TextField(blank=True, help_text="Where it takes place, when in person.")
    video_url = models.URLField(
        blank=True, help_text="The video room, from your video provider; sent to attendees."
    )
    capacity = models.PositiveIntegerField(help_text="How many people can take part.")
    seats_taken = models.PositiveIntegerField(default=0, editable=False)
    price_cents = models.PositiveIntegerField(default=0, help_text="In cents; 0 means free.")
    currency = models.CharField(max_length=3, default="USD")
    registration_deadline = models.DateTimeField(help_text="Registration closes at this time.")
    offer_hold_hours = models.PositiveIntegerField(
        default=0,
        help_text="When a seat frees up, hold it this many hours for the first person on the "
        "waitlist to accept. 0: they get the seat at once.",
    )
    status = models.CharField(
        max_length=10, choices=WorkshopStatus.choices, default=WorkshopStatus.DRAFT
    )
    # Every registration takes the next number under the workshop's row lock: arrival order.
    registrations_made = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta(OfferedInLocations.Meta):
        ordering = ["registration_deadline", "slug"]
        constraints = [
            *OfferedInLocations.Meta.constraints,
            models.CheckConstraint(condition=Q(capacity__gt=0), name="workshop_capacity"),
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")),
                name="workshop_seats_within_capacity",
                violation_error_message="The capacity cannot be below the seats already taken; "
                "cancel registrations first.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=WorkshopStatus.values), name="workshop_status_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=WorkshopKind.values), name="workshop_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(format__in=WorkshopFormat.values), name="workshop_format_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)


class WorkshopSession(models.Model):
    """One meeting of a workshop; aware UTC, shown in the practitioner's or client's zone."""

    workshop = ParentalKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="workshop_session_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M} UTC"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    OFFERED = "offered", "Seat offered (waiting for an answer)"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


HOLDING_A_SEAT = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class Registration(ClientContact):
    workshop = models.ForeignKey(Workshop, on_delete=models.PROTECT, related_name="registrations")
    number = models.PositiveIntegerField(help_text="Arrival order within the workshop.")
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    reference = models.CharField(max_length=16, unique=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["workshop", "number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="registration_number"),
            # One seat (or waitlist place) per person: an email address holds at most one
            # registration of a workshop that is not cancelled.
            models.UniqueConstraint(
                Lower("client_email"),
                "workshop",
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="registration_one_per_email",
                violation_error_message="This email address is already registered.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RegistrationStatus.values), name="registration_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=RegistrationStatus.OFFERED) | Q(offer_expires_at__isnull=True),
                name="registration_offer_has_expiry_only_when_offered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_status_display()})"
