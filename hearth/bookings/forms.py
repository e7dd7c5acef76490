"""Forms of the public booking flow (server-rendered; JavaScript only makes it quicker)."""

from django import forms

from hearth.core.forms import ClientContactForm
from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.core.zones import known_time_zones


class WhereForm(forms.Form):
    location = forms.ChoiceField(
        label="Where will you be during the session?",
        choices=[("", "Choose a state…"), *JURISDICTION_CHOICES],
        help_text="Counselors may only see clients located in states where they hold a "
        "license, so we ask where you will physically be during the call.",
    )
    tz = forms.CharField(label="Show times in", required=False)

    def clean_tz(self) -> str:
        zone = self.cleaned_data.get("tz") or ""
        return zone if zone in known_time_zones() else ""


class DetailsForm(ClientContactForm):
    """The contact fields, plus a phone number and a short message."""

    phone = forms.CharField(
        label="Phone (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    message = forms.CharField(
        label="Anything you would like us to know? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Please keep it short; there is no need to share details now.",
    )


class CheckInForm(forms.Form):
    """Where the client is for one counseling session (labelled fields, plain-word errors)."""

    state = forms.ChoiceField(
        label="Which state are you in for this session?",
        choices=[("", "Choose a state…"), *JURISDICTION_CHOICES],
        error_messages={"required": "Please choose the state you are in."},
    )
    address = forms.CharField(
        label="The address where you are for the session",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
        help_text="So that help can be sent to you in an emergency.",
        error_messages={"required": "Please enter the address where you will be."},
    )
    emergency_name = forms.CharField(
        label="Emergency contact's name",
        max_length=100,
        error_messages={"required": "Please enter the name of someone we can call."},
    )
    emergency_phone = forms.CharField(
        label="Emergency contact's phone",
        max_length=40,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        error_messages={"required": "Please enter a phone number for your emergency contact."},
    )
