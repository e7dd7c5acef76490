"""The services index and one page per one-to-one service, tied to a practice Service."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from hearth.content import queries

from .base import SitePage


class ServicesIndexPage(SitePage):
    intro = RichTextField(blank=True)
    workshops_intro = RichTextField(
        blank=True, help_text="A few words about group workshops, which have their own pages."
    )

    content_panels = [*SitePage.content_panels, FieldPanel("intro"), FieldPanel("workshops_intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ServicePage"]
    max_count = 1

    class Meta:
        verbose_name = "services index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = (
            ServicePage.objects.live().child_of(self).select_related("service").order_by("path")
        )
        return context


class ServicePage(SitePage):
    # SET_NULL: removing a service from the practice must not delete the page's words.
    service = models.ForeignKey(
        "practice.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="pages"
    )
    who_for = RichTextField(blank=True, verbose_name="who it is for")
    body = RichTextField(blank=True)

    content_panels = [
        *SitePage.content_panels,
        FieldPanel("service"),
        FieldPanel("who_for"),
        FieldPanel("body"),
    ]
    search_fields = [
        *SitePage.search_fields,
        index.SearchField("who_for"),
        index.SearchField("body"),
    ]
    parent_page_types = ["content.ServicesIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "service page"

    @property
    def book_url(self) -> str:
        return f"/book/{self.service.slug}/" if self.service else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.service_id is None:
            return context
        service = queries.services_with_practitioners().get(pk=self.service_id)
        context["where_offered"] = queries.where_service_offered(service)
        context["fee"] = queries.fee_text(service)
        return context
