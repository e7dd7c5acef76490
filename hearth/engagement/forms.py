"""The public comment form: plain text, a name, an optional email, and anti-abuse fields."""

from django import forms

from hearth.core.formguard import GuardedForm

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from .text import UnreadableText, clean_text

FORM_SALT = "comment-form"
UNREADABLE = (
    "This contains characters we cannot take (such as binary data). Please type plain text."
)


def readable_text(value: str, *, multiline: bool, missing: str) -> str:
    """The text cleaned for storing; ValidationError when it is unreadable or empty."""
    try:
        text = clean_text(value, multiline=multiline)
    except UnreadableText:
        raise forms.ValidationError(UNREADABLE) from None
    if not text:
        raise forms.ValidationError(missing)
    return text


class CommentForm(GuardedForm):
    form_salt = FORM_SALT

    name = forms.CharField(
        label="Your name",
        max_length=NAME_MAX_LENGTH,
        help_text="A first name or a pseudonym is fine. It is shown with your comment.",
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        max_length=254,
        help_text="Never shown. Only used if we need to reach you about your comment.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Your comment",
        max_length=BODY_MAX_LENGTH,
        strip=False,
        help_text="Plain text; web addresses become links. Please do not share health details "
        "or anything that could identify you or someone else.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean_name(self) -> str:
        return readable_text(
            self.cleaned_data["name"],
            multiline=False,
            missing="Please give a name (a first name or pseudonym is fine).",
        )

    def clean_body(self) -> str:
        return readable_text(
            self.cleaned_data["body"],
            multiline=True,
            missing="Please write a comment before sending.",
        )

    def clean_email(self) -> str:
        return self.cleaned_data.get("email", "").lower()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", max_length=BODY_MAX_LENGTH, strip=False, widget=forms.Textarea
    )

    def clean_body(self) -> str:
        return readable_text(
            self.cleaned_data["body"],
            multiline=True,
            missing="Please write a reply before sending.",
        )
