"""A booking: one client's appointment with one practitioner for one service."""

from django.db import models
from django.db.models import Q

from hearth.core.contact import ClientContact
from hearth.core.encryption import EncryptedTextField
from hearth.core.jurisdictions import name_of
from hearth.practice.models import Practitioner, Service, ServiceKind


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"
    CANCELLED = "cancelled", "Cancelled"


ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW)


class BookingQuerySet(models.QuerySet):
    def active(self) -> "BookingQuerySet":
        return self.exclude(status=BookingStatus.CANCELLED)


class Booking(ClientContact):
    """Times are aware UTC; the buffers are those of the service when it was booked."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="bookings")
    practitioner = models.ForeignKey(
        Practitioner, on_delete=models.PROTECT, related_name="bookings"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    buffer_before_minutes = models.PositiveIntegerField(default=0)
    buffer_after_minutes = models.PositiveIntegerField(default=0)
    status = models.CharField(
        max_length=12, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED
    )
    reference = models.CharField(max_length=16, unique=True)
    client_phone = EncryptedTextField(max_length=40, blank=True)
    message = EncryptedTextField(blank=True)
    sequence = models.PositiveIntegerField(
        default=0, help_text="Calendar SEQUENCE: rises with each change the client is sent."
    )
    video_url = models.URLField(max_length=500, blank=True)
    practice_note = EncryptedTextField(
        max_length=1000,
        blank=True,
        help_text="The practice's own short scheduling note; never shown to the client.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [
            models.Index(fields=["practitioner", "start"], name="booking_practitioner_start")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def is_active(self) -> bool:
        return self.status != BookingStatus.CANCELLED

    @property
    def is_counseling(self) -> bool:
        """Counseling sessions come with an intake and a location check-in."""
        return self.service.kind == ServiceKind.CLINICAL


class SessionCheckIn(models.Model):
    """Where the client is for one counseling session, confirmed on the manage page before it
    starts: the state, the address and an emergency contact, all encrypted at rest."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="check_in")
    state = EncryptedTextField(max_length=2, help_text="Where the client says they are (a code).")
    address = EncryptedTextField(max_length=300)
    emergency_name = EncryptedTextField(max_length=100)
    emergency_phone = EncryptedTextField(max_length=40)
    outside_licenses = models.BooleanField(
        default=False,
        help_text="The practitioner held no valid license for the state on the session's date.",
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        verbose_name = "session check-in"

    def __str__(self) -> str:
        return f"Check-in for booking {self.booking_id} at {self.confirmed_at:%Y-%m-%d %H:%M} UTC"

    @property
    def state_name(self) -> str:
        return name_of(self.state)
