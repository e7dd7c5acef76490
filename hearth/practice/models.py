"""The practice, its practitioners, their licenses and hours, and the services they offer."""

import contextlib
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.core.jurisdictions import US_CODES

from .location_policy import LocationPolicy as LocationPolicy  # also imported from here
from .location_policy import OfferedInLocations
from .validators import (
    validate_calendar_url,
    validate_jurisdiction,
    validate_time_zone,
    validate_video_link_template,
    validate_window_line,
)
from .windows import (
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    Span,
    WindowError,
    format_line,
    parse_line,
)


@register_setting(icon="home")
class Practice(BaseGenericSetting):
    """The practice as clients see it; one per install."""

    name = models.CharField(max_length=200, default="My practice")
    timezone = models.CharField(
        max_length=64,
        default="America/Los_Angeles",
        validators=[validate_time_zone],
        help_text="The practice's home time zone, e.g. America/Los_Angeles.",
    )
    email = models.EmailField(blank=True, help_text="Shown to clients as the way to reach you.")
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True, help_text="Postal address, if you show one.")
    video_link_template = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_video_link_template],
        help_text=(
            "The address of a video room at a provider you have a business associate "
            "agreement with, with {room} where the room name goes, e.g. "
            "https://meet.example.org/{room}. There is no default: until you set one, "
            "bookings carry no video link."
        ),
    )

    anonymise_bookings_after_days = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name="Anonymise past bookings after (days)",
        help_text=(
            "Leave empty to keep past bookings as they are. With a number, the worker "
            "removes the client's name, email address, phone and message from bookings "
            "that ended that many days ago (the times stay). The privacy notice says so."
        ),
    )

    class Meta:
        verbose_name = "practice"

    def __str__(self) -> str:
        return self.name


class Practitioner(ClusterableModel):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practitioner",
        help_text="The login this practitioner uses for the admin.",
    )
    slug = models.SlugField(unique=True, help_text="Short name used in links, e.g. sam-rivera.")
    name = models.CharField(max_length=200)
    credentials = models.CharField(
        max_length=200, blank=True, help_text='As you sign your name, e.g. "LMFT, MHP".'
    )
    email = models.EmailField(blank=True)
    timezone = models.CharField(
        max_length=64,
        default="America/Los_Angeles",
        validators=[validate_time_zone],
        help_text="Your hours are read in this time zone, e.g. America/Los_Angeles.",
    )
    bio = models.TextField(blank=True)
    message_of_support = models.TextField(
        blank=True, help_text="A few personal words shown after each of your posts."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    def weekly_hours(self) -> dict[int, list[Span]]:
        """Weekday (0 = Monday) -> sorted windows."""
        hours: dict[int, list[Span]] = {day: [] for day in range(7)}
        for window in self.weekly_windows.all():
            hours[window.weekday].append(window.span)
        return {day: sorted(spans) for day, spans in hours.items()}


class License(models.Model):
    practitioner = ParentalKey(Practitioner, on_delete=models.CASCADE, related_name="licenses")
    jurisdiction = models.CharField(
        max_length=2, choices=JURISDICTION_CHOICES, validators=[validate_jurisdiction]
    )
    kind = models.CharField(max_length=40, help_text="LMFT, LMHC, LPC, ...")
    number = models.CharField(max_length=60, blank=True)
    valid_from = models.DateField()
    expires_on = models.DateField(help_text="The last day the license is valid.")

    class Meta:
        ordering = ["jurisdiction", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gte=models.F("valid_from")),
                name="license_expires_after_valid_from",
                violation_error_message="A license must expire on or after the day it starts.",
            ),
            models.CheckConstraint(
                condition=Q(jurisdiction__in=sorted(US_CODES)),
                name="license_jurisdiction_is_us",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number} ({self.jurisdiction})".replace("  ", " ")

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.expires_on


class WeeklyWindow(models.Model):
    """One window of working hours on a weekday, wall-clock in the practitioner's zone."""

    practitioner = ParentalKey(
        Practitioner, on_delete=models.CASCADE, related_name="weekly_windows"
    )
    weekday = models.PositiveSmallIntegerField(choices=list(enumerate(WEEKDAY_NAMES)))
    start_minute = models.PositiveSmallIntegerField()
    end_minute = models.PositiveSmallIntegerField(help_text="1440 means 24:00.")

    class Meta:
        ordering = ["weekday", "start_minute"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekly_window_weekday"),
            models.CheckConstraint(
                condition=Q(start_minute__lt=models.F("end_minute"))
                & Q(end_minute__lte=MINUTES_PER_DAY),
                name="weekly_window_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["practitioner", "weekday", "start_minute"],
                name="weekly_window_unique_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{WEEKDAY_NAMES[self.weekday]} {self.span}"

    @property
    def span(self) -> Span:
        return Span(self.start_minute, self.end_minute)


class DateOverride(models.Model):
    """A date with its own hours, replacing the weekly ones; no windows means a day off."""

    practitioner = ParentalKey(Practitioner, on_delete=models.CASCADE, related_name="overrides")
    date = models.DateField()
    windows = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_window_line],
        help_text="Hours on that date, e.g. 10:00-12:00, 13:00-15:00. Leave empty for a day off.",
    )

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["practitioner", "date"],
                name="date_override_one_per_date",
                violation_error_message="This date already has its own hours.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date.isoformat()}: {self.windows or 'day off'}"

    def clean(self) -> None:
        # Store the canonical form so the practice file and the admin agree. A
        # malformed value is left as typed: its field validator reports it.
        with contextlib.suppress(WindowError):
            self.windows = format_line(parse_line(self.windows))

    @property
    def spans(self) -> list[Span]:
        return parse_line(self.windows)


class BusyCalendar(models.Model):
    """An external calendar (ICS address) whose events block this practitioner's time."""

    practitioner = ParentalKey(
        Practitioner, on_delete=models.CASCADE, related_name="busy_calendars"
    )
    url = models.CharField(
        max_length=1000,
        validators=[validate_calendar_url],
        help_text="The calendar's private ICS address (https://… or webcal://…).",
    )
    include_all_day = models.BooleanField(
        default=False, help_text="Treat all-day events (holidays, trips) as busy."
    )
    include_transparent = models.BooleanField(
        default=False, help_text='Treat events marked "free" (show as available) as busy.'
    )

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.url


class ServiceKind(models.TextChoices):
    CONSULTATION = "consultation", "Free consultation"
    CLINICAL = "clinical", "Counseling (licensed)"
    COACHING = "coaching", "Coaching"


class Service(ClusterableModel, OfferedInLocations):
    """A one-to-one appointment type, with the rules for when and where it can be booked."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    practitioners = ParentalManyToManyField(Practitioner, related_name="services", blank=True)
    duration_minutes = models.PositiveIntegerField()
    interval_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Offer a start every N minutes. Empty: the duration."
    )
    buffer_before_minutes = models.PositiveIntegerField(default=0)
    buffer_after_minutes = models.PositiveIntegerField(default=0)
    minimum_notice_minutes = models.PositiveIntegerField(
        default=720, help_text="How long before a session it can still be booked."
    )
    horizon_days = models.PositiveIntegerField(
        default=60, help_text="How many days ahead clients can book."
    )
    daily_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="At most this many per day. Empty: no limit."
    )
    cancel_cutoff_hours = models.PositiveIntegerField(
        default=24, help_text="Clients can cancel or move a booking until this many hours before."
    )
    reminder_hours = models.PositiveIntegerField(
        default=24, help_text="Email a reminder this many hours before. 0: no reminder."
    )
    price_cents = models.PositiveIntegerField(default=0, help_text="In cents; 0 means free.")
    currency = models.CharField(max_length=3, default="USD")

    class Meta(OfferedInLocations.Meta):
        ordering = ["name"]
        constraints = [
            *OfferedInLocations.Meta.constraints,
            models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="service_duration"),
            models.CheckConstraint(
                condition=Q(interval_minutes__isnull=True) | Q(interval_minutes__gt=0),
                name="service_interval",
            ),
            models.CheckConstraint(condition=Q(horizon_days__gt=0), name="service_horizon"),
            models.CheckConstraint(
                condition=Q(daily_limit__isnull=True) | Q(daily_limit__gt=0),
                name="service_daily_limit",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="service_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.currency = self.currency.upper()
        super().clean()

    @property
    def effective_interval_minutes(self) -> int:
        return self.interval_minutes or self.duration_minutes
