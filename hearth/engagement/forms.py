"""The public comment form: plain text, a name, an optional email, and anti-abuse fields."""

from django import forms

from hearth.core.formguard import check_fill_time

from .models import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from .text import UnreadableText, clean_text

FORM_SALT = "comment-form"
MINIMUM_FILL_SECONDS = 3
UNREADABLE = (
    "This contains characters we cannot take (such as binary data). Please type plain text."
)


class CommentForm(forms.Form):
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
    # Anti-abuse: a field people never see, and a signed time the form was shown.
    website = forms.CharField(required=False, label="Leave this empty")
    shown = forms.CharField(widget=forms.HiddenInput)

    def clean_name(self) -> str:
        try:
            name = clean_text(self.cleaned_data["name"], multiline=False)
        except UnreadableText:
            raise forms.ValidationError(UNREADABLE) from None
        if not name:
            raise forms.ValidationError("Please give a name (a first name or pseudonym is fine).")
        return name

    def clean_body(self) -> str:
        try:
            body = clean_text(self.cleaned_data["body"], multiline=True)
        except UnreadableText:
            raise forms.ValidationError(UNREADABLE) from None
        if not body:
            raise forms.ValidationError("Please write a comment before sending.")
        return body

    def clean_email(self) -> str:
        return self.cleaned_data.get("email", "").lower()

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Please leave this field empty.")
        return ""

    def clean_shown(self) -> str:
        check_fill_time(
            self.cleaned_data["shown"], salt=FORM_SALT, minimum_seconds=MINIMUM_FILL_SECONDS
        )
        return self.cleaned_data["shown"]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", max_length=BODY_MAX_LENGTH, strip=False, widget=forms.Textarea
    )

    def clean_body(self) -> str:
        try:
            body = clean_text(self.cleaned_data["body"], multiline=True)
        except UnreadableText:
            raise forms.ValidationError(UNREADABLE) from None
        if not body:
            raise forms.ValidationError("Please write a reply before sending.")
        return body
