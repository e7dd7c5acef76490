"""Forms of the public booking flow (server-rendered; JavaScript only makes it quicker)."""

from django import forms

from hearth.core import formguard
from hearth.core.formguard import check_fill_time
from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.practice.validators import known_time_zones

MINIMUM_FILL_SECONDS = 3
FORM_SALT = "booking-form"
COMMON_ZONES = [
    ("America/New_York", "Eastern time"), ("America/Chicago", "Central time"),
    ("America/Denver", "Mountain time"), ("America/Phoenix", "Arizona time"),
    ("America/Los_Angeles", "Pacific time"), ("America/Anchorage", "Alaska time"),
    ("Pacific/Honolulu", "Hawaii time"), ("America/Puerto_Rico", "Atlantic time"),
    ("Pacific/Guam", "Guam time"), ("UTC", "UTC"),
]  # fmt: skip


def zone_choices(current: str) -> list[tuple[str, str]]:
    choices = list(COMMON_ZONES)
    if current and current not in dict(choices):
        choices.insert(0, (current, current.replace("_", " ")))
    return choices


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


class DetailsForm(forms.Form):
    name = forms.CharField(
        label="Your name", max_length=200, help_text="A first name is fine.",
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )  # fmt: skip
    email = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="For the confirmation and your link to change or cancel.",
    )  # fmt: skip
    phone = forms.CharField(
        label="Phone (optional)", max_length=40, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )  # fmt: skip
    email_ok = forms.BooleanField(label="It is OK to email me", required=False, initial=True)
    text_ok = forms.BooleanField(label="It is OK to text me", required=False)
    voicemail_ok = forms.BooleanField(label="It is OK to leave a voicemail", required=False)
    message = forms.CharField(
        label="Anything you would like us to know? (optional)", required=False,
        max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Please keep it short; there is no need to share details now.",
    )  # fmt: skip
    consent = forms.BooleanField(label="I have read and agree to the privacy notice")
    # Anti-abuse: a field people never see, and a signed time the form was shown.
    website = forms.CharField(required=False, label="Leave this empty")
    shown = forms.CharField(widget=forms.HiddenInput)
    key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Please leave this field empty.")
        return ""

    def clean_shown(self) -> str:
        check_fill_time(
            self.cleaned_data["shown"], salt=FORM_SALT, minimum_seconds=MINIMUM_FILL_SECONDS
        )
        return self.cleaned_data["shown"]


def shown_stamp() -> str:
    return formguard.shown_stamp(salt=FORM_SALT)
