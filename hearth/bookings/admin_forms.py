"""Admin forms for bookings: the practice's cancel form."""

from django import forms


class CancelForm(forms.Form):
    note = forms.CharField(
        label="Note for the record (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only whether a note was given is kept in the audit log.",
    )
