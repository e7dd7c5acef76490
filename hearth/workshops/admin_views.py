"""Admin views of workshops: the list's extra buttons, edit and delete rules, the roster
(page and CSV), a message to all attendees, and cancelling a workshop."""

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from hearth.core.csv_cells import formula_safe_row

from .actions import cancel_workshop, message_attendees
from .admin_forms import MessageForm
from .models import RegistrationStatus, Workshop, WorkshopStatus
from .queries import roster

LIST_BUTTONS = (
    ("Roster", "roster", 1),
    ("Download roster (CSV)", "roster_csv", 2),
    ("Message attendees", "message", 3),
    ("Cancel workshop", "cancel", 40),
)
CSV_HEADER = [
    "number",
    "status",
    "waitlist position",
    "reference",
    "name",
    "email",
    "location",
    "time zone",
    "email ok",
    "text ok",
    "voicemail ok",
    "registered at",
]


class WorkshopIndexView(IndexView):
    url_namespace: str | None = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for label, url_name, priority in LIST_BUTTONS:
            if url_name == "cancel" and instance.status == WorkshopStatus.CANCELLED:
                continue
            url = reverse(f"{self.url_namespace}:{url_name}", args=[instance.pk])
            buttons.append(MenuItem(label, url=url, priority=priority))
        return buttons


class WorkshopDeleteView(DeleteView):
    def form_valid(self, form):
        # Registrations are records of people: a workshop with any is cancelled, not deleted.
        if self.object.registrations.exists():
            messages.error(
                self.request,
                "People have registered for this workshop, so it cannot be deleted. Cancel it "
                "instead: everyone is told, and the roster stays for your records.",
            )
            return redirect(self.index_url_name)
        return super().form_valid(form)


class WorkshopPageView(PermissionCheckedMixin, View):
    """A page about one workshop; the viewset passes its permission policy and URL names."""

    permission_required = "view"
    index_url_name: str | None = None
    url_namespace: str | None = None

    def workshop(self, pk: int) -> Workshop:
        return get_object_or_404(Workshop.objects.select_related("practitioner"), pk=pk)

    def url(self, name: str, pk: int) -> str:
        return reverse(f"{self.url_namespace}:{name}", args=[pk])

    def form_page(self, workshop: Workshop, *, title: str, action: str, intro: str, form=None):
        return TemplateResponse(
            self.request,
            "workshops/admin/form.html",
            {
                "workshop": workshop,
                "form": form,
                "action": action,
                "intro": intro,
                "header_title": f"{title}{workshop.title}",
            },
        )


class RosterView(WorkshopPageView):
    def get(self, request, pk):
        workshop = self.workshop(pk)
        registrations = [registration for registration, _ in roster(workshop)]

        def having(status: str) -> list:
            return [r for r in registrations if r.status == status]

        groups = [
            ("Confirmed", having(RegistrationStatus.CONFIRMED)),
            ("Seat offered, waiting for an answer", having(RegistrationStatus.OFFERED)),
            ("Waitlist, in order", having(RegistrationStatus.WAITLISTED)),
            ("Cancelled", having(RegistrationStatus.CANCELLED)),
        ]
        return TemplateResponse(
            request,
            "workshops/admin/roster.html",
            {
                "workshop": workshop,
                "groups": groups,
                "csv_url": self.url("roster_csv", pk),
                "message_url": self.url("message", pk),
                "header_title": f"Roster: {workshop.title}",
            },
        )


class RosterCsvView(WorkshopPageView):
    def get(self, request, pk):
        workshop = self.workshop(pk)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{workshop.slug}-roster.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for r, position in roster(workshop):
            writer.writerow(
                formula_safe_row(
                    [
                        r.number,
                        r.status,
                        position or "",
                        r.reference,
                        r.client_name,
                        r.client_email,
                        r.location,
                        r.client_timezone,
                        _yes(r.contact_email_ok),
                        _yes(r.contact_text_ok),
                        _yes(r.contact_voicemail_ok),
                        timezone.localtime(r.created_at).strftime("%Y-%m-%d %H:%M %Z"),
                    ]
                )
            )
        return response


class MessageAttendeesView(WorkshopPageView):
    permission_required = "change"

    def get(self, request, pk):
        return self.page(self.workshop(pk), MessageForm())

    def post(self, request, pk):
        workshop = self.workshop(pk)
        form = MessageForm(request.POST)
        if not form.is_valid():
            return self.page(workshop, form)
        count = message_attendees(
            workshop=workshop,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            actor=request.user.get_username(),
            include_waitlist=form.cleaned_data["include_waitlist"],
            now=timezone.now(),
        )
        messages.success(request, f"Your message is on its way to {count} people.")
        return redirect(self.url("roster", pk))

    def page(self, workshop: Workshop, form: MessageForm):
        return self.form_page(
            workshop,
            title="Message attendees: ",
            action="Send",
            form=form,
            intro="Everyone holding a seat gets this by email (unless they said email is not "
            "safe), with their own link to see or cancel. Emails carry the minimum.",
        )


class CancelWorkshopView(WorkshopPageView):
    permission_required = "change"

    def get(self, request, pk):
        return self.form_page(
            self.workshop(pk),
            title="Cancel ",
            action="Cancel this workshop",
            intro="Every registration is cancelled and everyone registered or waiting is told "
            "by email. This cannot be undone.",
        )

    def post(self, request, pk):
        workshop = self.workshop(pk)
        count = cancel_workshop(
            workshop=workshop, now=timezone.now(), actor=request.user.get_username()
        )
        messages.success(request, f"{workshop.title} is cancelled; {count} people are told.")
        return redirect(self.index_url_name)


def _yes(value: bool) -> str:
    return "yes" if value else "no"
