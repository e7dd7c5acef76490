"""The Intake menu: questions and documents (edited, in order), and clients' intakes.

Saving a document goes through actions.publish_document, so a changed title or text is a
new version; the edit page says so before the practitioner saves."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.timezone import localtime
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views
from .actions import publish_document
from .models import IntakeDocument, IntakeQuestion
from .records import latest_version_summary


class QuestionViewSet(ModelViewSet):
    model = IntakeQuestion
    name = "intake_questions"
    url_prefix = "intake/questions"
    icon = "help"
    menu_label = "Questions"
    list_display = ["label", "kind", BooleanColumn("required"), BooleanColumn("active")]
    list_filter = ["kind", "required", "active"]
    copy_view_enabled = False
    panels = [
        HelpPanel(
            "Every counseling client is asked the active questions, in this order (drag them "
            "in the list to reorder). A new required question is asked of returning clients "
            "too. Untick “active” to stop asking one; earlier answers are kept."
        ),
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("choices"),
        FieldPanel("required"),
        FieldPanel("active"),
    ]


class VersionNotice(HelpPanel):
    """What saving will do: the current version and who signed it, or the first publication."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            summary = latest_version_summary(self.instance)
            if summary is None:
                self.content = format_html(
                    "<p><strong>Saving publishes version 1.</strong> Counseling clients will "
                    "be asked to read it and sign it with their typed name.</p>"
                )
                return
            self.content = format_html(
                "<p><strong>Version {number} is current</strong> (published {published}; "
                "signed by {signed} client{plural}).</p><p><strong>Saving a change to the "
                "title or text publishes version {next}</strong>, and every client, including "
                "those who signed an earlier version, will be asked to read it and sign again. "
                "Earlier versions and signatures are kept. Changing only “active” publishes "
                "nothing.</p>",
                number=summary.number,
                published=localtime(summary.published_at).strftime("%B %-d, %Y"),
                signed=summary.signed,
                plural="" if summary.signed == 1 else "s",
                next=summary.number + 1,
            )


class DocumentCreateView(CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        publish_document(document=instance, actor=self.request.user.get_username())
        return instance


class DocumentEditView(EditView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        self.published = publish_document(
            document=instance, actor=self.request.user.get_username()
        )
        self.has_content_changes = self.form.has_changed()
        return instance

    def get_success_message(self):
        if getattr(self, "published", None) is not None:
            return (
                f"“{self.object}” saved as version {self.published.number}. Clients will be "
                "asked to sign it."
            )
        return f"“{self.object}” saved. The text is unchanged, so no new version."


def current_version_text(document: IntakeDocument) -> str:
    summary = latest_version_summary(document)
    if summary is None:
        return "None yet"
    signed = f"{summary.signed} signature" + ("" if summary.signed == 1 else "s")
    return f"Version {summary.number} of {localtime(summary.published_at):%b %-d, %Y} · {signed}"


class DocumentViewSet(ModelViewSet):
    model = IntakeDocument
    name = "intake_documents"
    url_prefix = "intake/documents"
    icon = "doc-full"
    menu_label = "Documents"
    list_display = [
        "title",
        Column("current_version", label="Current version", accessor=current_version_text),
        BooleanColumn("active"),
    ]
    copy_view_enabled = False
    add_view_class = DocumentCreateView
    edit_view_class = DocumentEditView
    panels = [
        VersionNotice(),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("active"),
    ]

    def get_common_view_kwargs(self, **kwargs):
        # Versions keep each document's published text: deactivate instead of deleting.
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name != "delete"]


class IntakeMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


class ClientIntakesViewSet(ViewSet):
    name = "intake_clients"
    url_prefix = "intake/clients"
    icon = "clipboard-list"
    menu_label = "Client intakes"
    menu_item_class = IntakeMenuItem

    def get_urlpatterns(self):
        return [
            path("", admin_views.packets, name="index"),
            path("<int:pk>/", admin_views.packet, name="packet"),
            path("versions/<int:pk>/", admin_views.version, name="version"),
        ]

    @property
    def menu_url(self):
        return reverse("intake_clients:index")


class IntakeGroup(ModelViewSetGroup):
    menu_label = "Intake"
    menu_icon = "clipboard-list"
    items = (ClientIntakesViewSet, QuestionViewSet, DocumentViewSet)
