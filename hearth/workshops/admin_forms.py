"""Admin forms of workshops: a message to all attendees."""

from django import forms


class MessageForm(forms.Form):
    subject = forms.CharField(
        max_length=150,
        help_text="Keep it plain: it may be seen on a shared screen. "
        "The workshop's title is not added.",
    )
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    include_waitlist = forms.BooleanField(required=False, label="Also send to the waitlist")

    def clean(self):
        cleaned = super().clean()
        for key in ("subject", "body"):
            if "\x00" in cleaned.get(key, ""):
                self.add_error(key, "Please remove the unusual characters.")
        return cleaned
