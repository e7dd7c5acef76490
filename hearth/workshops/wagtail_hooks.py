"""Admin: workshops with their sessions, the roster per workshop, CSV export, a message to
all attendees, and cancelling a workshop (everyone is told)."""

import csv

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .actions import cancel_workshop, fill_free_seats, message_attendees
from .admin_forms import WorkshopForm
from .models import RegistrationStatus, Workshop, WorkshopStatus
from .queries import waitlist_position

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


class WorkshopIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for label, url_name, priority in (("Roster", "roster", 1), ("Download roster (CSV)",
                                          "roster_csv", 2), ("Message attendees", "message", 3),
                                          ("Cancel workshop", "cancel", 40)):  # fmt: skip
            if url_name == "cancel" and instance.status == WorkshopStatus.CANCELLED:
                continue
            url = reverse(f"{NAMESPACE}:{url_name}", args=[instance.pk])
            buttons.append(MenuItem(label, url=url, priority=priority))
        return buttons


class WorkshopEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        fill_free_seats(workshop=instance, now=timezone.now())  # a raised capacity moves the line
        return instance


class WorkshopDeleteView(DeleteView):
    def form_valid(self, form):
        # Registrations are records of people: a workshop with any is cancelled, not deleted.
        if self.object.registrations.exists():
            messages.error(self.request, "People have registered for this workshop, so it "
                           "cannot be deleted. Cancel it instead: everyone is told, and the "
                           "roster stays for your records.")  # fmt: skip
            return redirect(self.index_url_name)
        return super().form_valid(form)


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150, help_text="Keep it plain: it may be seen on a "
                              "shared screen. The workshop's title is not added.")  # fmt: skip
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=5000)
    include_waitlist = forms.BooleanField(required=False, label="Also send to the waitlist")

    def clean(self):
        cleaned = super().clean()
        for key in ("subject", "body"):
            if "\x00" in cleaned.get(key, ""):
                self.add_error(key, "Please remove the unusual characters.")
        return cleaned


class WorkshopViewSet(ModelViewSet):
    model = Workshop
    icon = "group"
    menu_label = "Workshops"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = WorkshopIndexView
    edit_view_class = WorkshopEditView
    delete_view_class = WorkshopDeleteView
    edit_handler = PANELS
    list_display = ["title", "status", "capacity", "seats_taken", "registration_deadline"]
    list_filter = ["status", "practitioner"]
    search_fields = ["title", "slug"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("roster/<int:pk>/", self.roster_view, name="roster"),
            path("roster/<int:pk>/csv/", self.roster_csv_view, name="roster_csv"),
            path("message/<int:pk>/", self.message_view, name="message"),
            path("cancel/<int:pk>/", self.cancel_view, name="cancel"),
        ]

    def _workshop(self, request, pk, permission="view"):
        if not request.user.has_perm(f"workshops.{permission}_workshop"):
            raise PermissionDenied
        return get_object_or_404(Workshop.objects.select_related("practitioner"), pk=pk)

    def roster_view(self, request, pk):
        workshop = self._workshop(request, pk)
        registrations = list(workshop.registrations.order_by("number"))
        groups = [
            ("Confirmed", [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]),
            ("Seat offered, waiting for an answer",
             [r for r in registrations if r.status == RegistrationStatus.OFFERED]),
            ("Waitlist, in order",
             [r for r in registrations if r.status == RegistrationStatus.WAITLISTED]),
            ("Cancelled", [r for r in registrations if r.status == RegistrationStatus.CANCELLED]),
        ]  # fmt: skip
        return TemplateResponse(request, "workshops/admin/roster.html", {
            "workshop": workshop, "groups": groups, "view": self,
            "csv_url": reverse(self.get_url_name("roster_csv"), args=[pk]),
            "message_url": reverse(self.get_url_name("message"), args=[pk]),
            "header_title": f"Roster: {workshop.title}",
        })  # fmt: skip

    def roster_csv_view(self, request, pk):
        workshop = self._workshop(request, pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{workshop.slug}-roster.csv"'
        writer = csv.writer(response)
        writer.writerow(["number", "status", "waitlist position", "reference", "name", "email",
                         "location", "time zone", "email ok", "text ok", "voicemail ok",
                         "registered at (UTC)"])  # fmt: skip
        for r in workshop.registrations.order_by("number"):
            writer.writerow([r.number, r.status, waitlist_position(r) or "", r.reference,
                             _cell(r.client_name), r.client_email, r.location, r.client_timezone,
                             _yes(r.contact_email_ok), _yes(r.contact_text_ok),
                             _yes(r.contact_voicemail_ok),
                             r.created_at.strftime("%Y-%m-%d %H:%M")])  # fmt: skip
        return response

    def message_view(self, request, pk):
        workshop = self._workshop(request, pk, "change")
        form = MessageForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            count = message_attendees(
                workshop=workshop, subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"], actor=request.user.get_username(),
                include_waitlist=form.cleaned_data["include_waitlist"], now=timezone.now(),
            )  # fmt: skip
            messages.success(request, f"Your message is on its way to {count} people.")
            return redirect(self.get_url_name("roster"), pk)
        return TemplateResponse(request, "workshops/admin/form.html", {
            "workshop": workshop, "form": form, "view": self, "action": "Send",
            "header_title": f"Message attendees: {workshop.title}",
            "intro": "Everyone holding a seat gets this by email (unless they said email is "
            "not safe), with their own link to see or cancel. Emails carry the minimum.",
        })  # fmt: skip

    def cancel_view(self, request, pk):
        workshop = self._workshop(request, pk, "change")
        if request.method == "POST":
            count = cancel_workshop(workshop=workshop, now=timezone.now(),
                                    actor=request.user.get_username())  # fmt: skip
            messages.success(request, f"{workshop.title} is cancelled; {count} people are told.")
            return redirect(self.get_url_name("index"))
        return TemplateResponse(request, "workshops/admin/form.html", {
            "workshop": workshop, "form": None, "view": self, "action": "Cancel this workshop",
            "header_title": f"Cancel {workshop.title}",
            "intro": "Every registration is cancelled and everyone registered or waiting is "
            "told by email. This cannot be undone.",
        })  # fmt: skip


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _cell(value: str) -> str:
    # A spreadsheet would run a cell starting with = + - @ as a formula.
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value


@hooks.register("register_admin_viewset")
def register_workshops():
    return WorkshopViewSet(NAMESPACE)
