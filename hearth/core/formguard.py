"""Anti-abuse parts shared by public forms: a field people never see (the honeypot), a
signed time the form was shown, checked on send (too quick means a robot), and the answer
to a proof-of-work challenge that the page's script finds unseen (core/proof_of_work.py).

A browser without JavaScript sends no answer. The booking flow must still work for that
person, so a few forms per network and hour get through on the other guards alone
(HEARTH_UNPROVEN_FORMS_PER_HOUR); a wrong answer is always refused."""

import datetime as dt

from django import forms
from django.conf import settings
from django.core import signing

from .proof_of_work import FAILED, proof_accepted
from .ratelimit import hashed_key, hit_within_limit

MAX_AGE_SECONDS = 86400
UNPROVEN_REFUSED = (
    "Your browser did not run this page's automatic check, and several forms without it "
    "came from your network in the last hour. Please try again later, turn on JavaScript "
    "for this site, or contact the practice by phone or email."
)


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


class GuardedForm(forms.Form):
    """A public form with the honeypot, the fill-time check and the proof of work.

    Subclasses set `form_salt`; pages put `new_shown_stamp()` in the hidden `shown` field
    and render `includes/proof_of_work.html` inside the form. HEARTH_PROOF_OF_WORK off (the
    test settings) skips the proof.
    """

    form_salt = ""
    # A person who lets the browser fill the form in and sends it two seconds later must
    # get through (issue 14); robots that send at once are stopped, and the honeypot
    # catches the rest.
    minimum_fill_seconds = 1

    website = forms.CharField(required=False, label="Leave this empty")
    shown = forms.CharField(widget=forms.HiddenInput)
    proof = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, address: str | None = None, **kwargs) -> None:
        """`address`: the sender's network (`ratelimit.limited_address`), for the few forms
        a browser without JavaScript may send without an answer."""
        super().__init__(*args, **kwargs)
        self.address = address

    @classmethod
    def new_shown_stamp(cls) -> str:
        return shown_stamp(salt=cls.form_salt)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Please leave this field empty.")
        return ""

    def clean_shown(self) -> str:
        check_fill_time(
            self.cleaned_data["shown"],
            salt=self.form_salt,
            minimum_seconds=self.minimum_fill_seconds,
        )
        return self.cleaned_data["shown"]

    def clean_proof(self) -> str:
        proof = self.cleaned_data.get("proof", "")
        if not settings.HEARTH_PROOF_OF_WORK:
            return proof
        now = dt.datetime.now(dt.UTC)
        if proof:
            if not proof_accepted(proof, now=now, replay_key=str(self.data.get("key", ""))):
                raise forms.ValidationError(FAILED)
            return proof
        allowed = settings.HEARTH_UNPROVEN_FORMS_PER_HOUR  # 0: every form needs an answer
        if (
            self.address is None
            or allowed <= 0
            or not hit_within_limit(
                key=hashed_key("unproven", self.address),
                limit=allowed,
                window=dt.timedelta(hours=1),
                now=now,
            )
        ):
            raise forms.ValidationError(UNPROVEN_REFUSED)
        return proof
