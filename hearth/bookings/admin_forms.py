"""Admin forms for bookings: cancel with a note to the client, the practice's private note."""

from django import forms


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
