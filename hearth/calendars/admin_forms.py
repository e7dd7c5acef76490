"""Admin forms for calendars: how the practitioner's feed names clients."""

from django import forms

FULL_NAMES_WARNING = (
    "Whoever hosts the calendar you subscribe with (Google, Apple, Microsoft) and anyone you "
    "share that calendar with will read your clients' full names next to the times they see "
    "you. With this off, events show initials and the booking's reference, and the full "
    "name is one click away in Hearth."
)


class FeedNamesForm(forms.Form):
    """Full names in the feed: turning them on needs the warning acknowledged."""

    full_names = forms.BooleanField(required=False, label="Title events with clients' full names")
    understood = forms.BooleanField(
        required=False,
        label="I have read the warning and want full names in my calendar",
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("full_names") and not data.get("understood"):
            raise forms.ValidationError(
                "To show full names, tick that you have read the warning; nothing was changed."
            )
        return data
