"""Anti-abuse parts shared by public forms: a signed time the form was shown, checked on send."""

import datetime as dt

from django import forms
from django.core import signing

MAX_AGE_SECONDS = 86400


def shown_stamp(*, salt: str) -> str:
    """A signed stamp of now, for a hidden field."""
    return signing.dumps(str(dt.datetime.now(dt.UTC).timestamp()), salt=salt)


def check_fill_time(value: str, *, salt: str, minimum_seconds: float) -> None:
    """Raise ValidationError when the stamp is forged, over a day old, or too recent."""
    try:
        shown = float(signing.loads(value, salt=salt, max_age=MAX_AGE_SECONDS))
    except (signing.BadSignature, ValueError, TypeError):
        raise forms.ValidationError("This form has expired; please reload the page.") from None
    if dt.datetime.now(dt.UTC).timestamp() - shown < minimum_seconds:
        raise forms.ValidationError(
            "That was very quick. Please check the form and send it again."
        )
