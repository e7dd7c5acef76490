"""Admin forms for bookings: cancel with a note, the private note, booking for a client and
blocking time."""

from django import forms

from hearth.core.jurisdictions import CHOICES as JURISDICTION_CHOICES
from hearth.core.text import clean_line
from hearth.core.zones import COMMON_ZONES
from hearth.practice.models import Service


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Note to the client (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Sent in the cancellation email, only if the client said email is safe. "
            "The audit log keeps only whether a note was given."
        ),
    )


class PracticeNoteForm(forms.Form):
    note = forms.CharField(
        label="Practice note",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Short scheduling notes for the practice; not a clinical record. Never sent.",
    )


class ChooseTimeForm(forms.Form):
    """Step one of booking for a client (GET): the service, the date, where the client will
    be and their zone; the page then lists the times the practice may book."""

    service = forms.ModelChoiceField(queryset=None, empty_label=None)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    location = forms.ChoiceField(
        label="Where the client will be",
        choices=[("", "Choose a state…"), *JURISDICTION_CHOICES],
        help_text="Required for counseling: a license must cover the client's state.",
    )
    timezone = forms.ChoiceField(label="The client's time zone", choices=COMMON_ZONES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.order_by("name")


class ClientForm(forms.Form):
    """Step two (POST): the chosen time and who the client is, as they told the practice."""

    start = forms.DateTimeField(widget=forms.HiddenInput)
    name = forms.CharField(label="Client's name", max_length=200)
    email = forms.EmailField(label="Client's email")
    phone = forms.CharField(label="Phone (optional)", max_length=40, required=False)
    email_ok = forms.BooleanField(label="OK to email", required=False, initial=True)
    text_ok = forms.BooleanField(label="OK to text", required=False)
    voicemail_ok = forms.BooleanField(label="OK to leave a voicemail", required=False)
    consent = forms.BooleanField(
        label="The client asked for this booking and agreed to the privacy notice"
    )

    def clean_name(self) -> str:
        name = clean_line(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Please give the client's name.")
        return name


class BlockTimeForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    whole_day = forms.BooleanField(label="The whole day", required=False)
    start = forms.TimeField(
        label="From", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label="To", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self):
        data = super().clean()
        if data.get("whole_day"):
            return data
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            raise forms.ValidationError("Give a start and an end, or choose the whole day.")
        if end <= start:
            raise forms.ValidationError("The end must be after the start.")
        return data
