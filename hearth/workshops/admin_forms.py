"""The workshop form in the admin: its checks and its save go through `update_workshop`."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from .editing import Session, check_workshop_update, update_workshop


class WorkshopForm(WagtailAdminModelForm):
    def _sessions(self) -> list[Session] | None:
        """The sessions as entered, or None while their own forms have errors."""
        formset = self.formsets["sessions"]
        if not formset.is_valid():
            return None
        return sorted(
            (form.cleaned_data["start"], form.cleaned_data["end"])
            for form in formset.forms
            if form.cleaned_data.get("start") and not form.cleaned_data.get("DELETE")
        )

    def clean(self):
        cleaned = super().clean()
        try:
            check_workshop_update(
                stored=self.instance if self.instance.pk else None,
                capacity=cleaned.get("capacity"),
                status=cleaned.get("status"),
                registration_deadline=cleaned.get("registration_deadline"),
                sessions=self._sessions(),  # None: their own errors are shown with them
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned

    def save(self, commit: bool = True):
        actor = self.for_user.get_username() if self.for_user else "admin"
        return update_workshop(
            workshop=self.instance,
            sessions=self._sessions() or [],
            actor=actor,
            now=timezone.now(),
        )
