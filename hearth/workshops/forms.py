"""The public registration form: the client contact fields (with the honeypot, fill-time
check and request key), plus where the client will be and their time zone."""

from django import forms

from hearth.core.forms import ClientContactForm
from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.core.zones import known_time_zones


class RegistrationForm(ClientContactForm):
    location = forms.ChoiceField(
        label="Where will you be during the sessions?",
        choices=[("", "Choose a state…"), *JURISDICTION_CHOICES],
        help_text="Some workshops can only be offered to people in certain states, so we ask "
        "where you will physically be.",
    )
    tz = forms.CharField(label="Your time zone")

    def clean_tz(self) -> str:
        zone = self.cleaned_data.get("tz") or ""
        if zone not in known_time_zones():
            raise forms.ValidationError("Please choose a time zone.")
        return zone
