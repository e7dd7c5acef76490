"""Support resources (snippets) and the page that lists them, filterable without JavaScript."""

import re

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.snippets.models import register_snippet

from hearth.core.jurisdictions import CHOICES, US_CODES

from .base import SitePage

NATIONAL = "US"
SLUG = re.compile(r"[-a-zA-Z0-9_]+")
COVERAGE_CHOICES = [(NATIONAL, "National"), *CHOICES]


@register_snippet
class ResourceTopic(models.Model):
    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class Resource(models.Model):
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=80, blank=True)
    text_line = models.CharField(
        max_length=120, blank=True, help_text='e.g. "Text START to 88788".'
    )
    url = models.URLField(blank=True, verbose_name="web address")
    topics = models.ManyToManyField(ResourceTopic, blank=True, related_name="resources")
    coverage = models.CharField(max_length=2, choices=COVERAGE_CHOICES, default=NATIONAL)
    for_men = models.BooleanField(default=False, verbose_name="especially for men")
    sort_order = models.PositiveSmallIntegerField(default=100)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("text_line"),
        FieldPanel("url"),
        FieldPanel("topics"),
        FieldPanel("coverage"),
        FieldPanel("for_men"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ResourcesPage(SitePage):
    intro = RichTextField(blank=True)

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["content.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "support resources page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic = request.GET.get("topic", "")
        # Checked before it reaches a query: PostgreSQL refuses NUL characters with an error.
        if not SLUG.fullmatch(topic):
            topic = ""
        state = request.GET.get("state", "").upper()
        resources = Resource.objects.prefetch_related("topics")
        # Unknown values are ignored rather than refused: a bad filter shows everything.
        if ResourceTopic.objects.filter(slug=topic).exists():
            resources = resources.filter(topics__slug=topic)
        else:
            topic = ""
        if state in US_CODES:
            resources = resources.filter(coverage__in=[NATIONAL, state])
        else:
            state = ""
        context.update(
            resources=resources.distinct(),
            topics=ResourceTopic.objects.all(),
            states=CHOICES,
            chosen_topic=topic,
            chosen_state=state,
        )
        return context
