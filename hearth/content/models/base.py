"""The abstract page every public page type shares: the sensitive flag for quick exit."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class SitePage(Page):
    """A public page; `sensitive` pages carry the quick-exit control."""

    sensitive = models.BooleanField(
        default=False,
        help_text="Show the quick-exit control (for pages about abuse or other hard topics).",
    )

    promote_panels = [*Page.promote_panels, FieldPanel("sensitive")]

    class Meta:
        abstract = True

    @property
    def is_sensitive(self) -> bool:
        return self.sensitive
