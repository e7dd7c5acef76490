"""Admin wiring of workshops: the workshop form and panels, and the workshops viewset."""

from django import forms
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList

from .admin_viewsets import WorkshopViewSet
from .models import WorkshopStatus


class WorkshopForm(WagtailAdminModelForm):
    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if capacity is not None and capacity < self.instance.seats_taken:
            raise forms.ValidationError(
                f"The capacity cannot be below the {self.instance.seats_taken} seats already "
                "taken; cancel registrations first."
            )
        return capacity

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status == WorkshopStatus.CANCELLED and self.instance.status != status:
            raise forms.ValidationError(
                'Use "Cancel workshop" in the list, so that everyone registered is told.'
            )
        return status

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets["sessions"]
        if not formset.is_valid():
            return cleaned  # its own errors are shown with the sessions
        starts = [
            form.cleaned_data["start"]
            for form in formset.forms
            if form.cleaned_data.get("start") and not form.cleaned_data.get("DELETE")
        ]
        if not starts:
            raise forms.ValidationError("A workshop needs at least one session.")
        deadline = cleaned.get("registration_deadline")
        if deadline and deadline > min(starts):
            self.add_error(
                "registration_deadline", "Registration must close by the first session."
            )
        return cleaned


PANELS = ObjectList(
    [
        FieldPanel("title"), FieldPanel("slug"), FieldPanel("description"),
        FieldPanel("practitioner"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("location_policy"), FieldPanel("location_codes")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("video_url")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("price_cents"), FieldPanel("currency")]),
        FieldRowPanel([FieldPanel("registration_deadline"), FieldPanel("offer_hold_hours")]),
        InlinePanel("sessions", heading="Sessions", label="Session", min_num=1),
    ],
    base_form_class=WorkshopForm,
)  # fmt: skip


NAMESPACE = "workshop_admin"


@hooks.register("register_admin_viewset")
def register_workshops():
    return WorkshopViewSet(NAMESPACE, edit_handler=PANELS)
