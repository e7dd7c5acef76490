"""The client's contact fields that bookings and registrations share: as a request gives
them (ContactDetails) and as a row stores them (the abstract model ClientContact)."""

import datetime as dt
from dataclasses import dataclass

from django.db import models

from .text import clean_line

# Erased clients' records keep an address at this domain (.invalid never resolves).
ERASED_EMAIL_DOMAIN = "erased.invalid"


@dataclass(frozen=True)
class ContactDetails:
    """Who asks, as checked by a form or the API."""

    name: str
    email: str
    location: str  # US jurisdiction code
    timezone: str  # IANA zone name, already checked
    email_ok: bool = True
    text_ok: bool = False
    voicemail_ok: bool = False

    def __post_init__(self):
        # Every way in (form, API, admin) builds one of these: the name is cleaned once here.
        object.__setattr__(self, "name", clean_line(self.name))

    def as_contact_fields(self, *, consent_at: dt.datetime) -> dict:
        """The ClientContact fields of a new row, the privacy notice agreed at `consent_at`."""
        return {
            "client_name": self.name,
            "client_email": self.email,
            "location": self.location,
            "client_timezone": self.timezone,
            "contact_email_ok": self.email_ok,
            "contact_text_ok": self.text_ok,
            "contact_voicemail_ok": self.voicemail_ok,
            "consent_at": consent_at,
        }


class ClientContact(models.Model):
    """Who asked, where they will be, their time zone, how the practice may contact them
    (the client's own safe-contact choices) and when they agreed to the privacy notice."""

    client_name = models.CharField(max_length=200)
    client_email = models.EmailField()
    location = models.CharField(max_length=2, help_text="Where the client said they would be.")
    client_timezone = models.CharField(max_length=64)
    contact_email_ok = models.BooleanField(default=True)
    contact_text_ok = models.BooleanField(default=False)
    contact_voicemail_ok = models.BooleanField(default=False)
    consent_at = models.DateTimeField()

    class Meta:
        abstract = True
