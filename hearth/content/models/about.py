"""The about page: practitioners and where each service is available, from the practice data."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from hearth.content import queries

from .base import SitePage


class AboutPage(SitePage):
    intro = RichTextField(blank=True)
    message_of_support = models.TextField(
        blank=True,
        help_text="A few words to someone reading about you, shown at the end of this page under "
        "the heading “A Message of Support” and signed with your name. Leave a blank line "
        "between paragraphs. (Your posts use the message in your practitioner profile.)",
    )

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("message_of_support"),
    ]
    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "about page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["practitioners"] = [
            (practitioner, queries.license_sentence(practitioner))
            for practitioner in queries.practitioners_for_about_page()
        ]
        context["signature"] = " and ".join(
            str(practitioner) for practitioner, _ in context["practitioners"]
        )
        context["availability"] = [
            queries.where_service_offered(service)
            for service in queries.services_with_practitioners()
        ]
        return context
