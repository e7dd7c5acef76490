"""The client's contact fields that bookings and registrations share (an abstract model)."""

from django.db import models


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
