"""The fields every client request form shares: who the client is, how the practice may
contact them (safe contact), consent to the privacy notice, and the request key.

Pages render them with `includes/contact_fields.html` (name, email) and
`includes/contact_consent.html` (safe contact, honeypot, consent).
"""

import uuid

from django import forms

from .formguard import GuardedForm
from .text import clean_line


class ClientContactForm(GuardedForm):
    # The salt booking and registration forms have always shared: a new one would expire
    # every form open at the moment of an upgrade.
    form_salt = "booking-form"

    name = forms.CharField(
        label="Your name",
        max_length=200,
        help_text="A first name is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    email = forms.EmailField(
        label="Email",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="For the confirmation and your link to change or cancel.",
    )
    email_ok = forms.BooleanField(label="It is OK to email me", required=False, initial=True)
    text_ok = forms.BooleanField(label="It is OK to text me", required=False)
    voicemail_ok = forms.BooleanField(label="It is OK to leave a voicemail", required=False)
    consent = forms.BooleanField(label="I have read and agree to the privacy notice")
    # The request key: a second send of the same form is the same request.
    key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def clean_name(self) -> str:
        name = clean_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Please give a name (a first name is fine).")
        return name

    @classmethod
    def new_initial(cls) -> dict:
        """Initial values of a form just shown: the signed time, a fresh request key, and
        email allowed."""
        return {"shown": cls.new_shown_stamp(), "key": uuid.uuid4().hex, "email_ok": True}
