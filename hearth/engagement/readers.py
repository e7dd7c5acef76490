"""The readers mixin: what engagement needs of a page that counts views and takes comments."""

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from wagtail.admin.panels import FieldPanel

from .panels import ViewsChartPanel

if TYPE_CHECKING:
    from hearth.practice.models import Practitioner


class ReadersMixin(models.Model):
    """Mixed into a Wagtail `Page` type ahead of its page base: `class Post(ReadersMixin, Page)`.

    Engagement reads pages only through this mixin (its fields and the two methods a page
    type supplies), so it never imports the page types themselves.
    """

    comments_enabled = models.BooleanField(
        default=False,
        verbose_name="Take comments on this post",
        help_text="Comments also need to be allowed for the whole site (Settings → Readers and "
        "comments).",
    )
    views_starting_figure = models.PositiveIntegerField(
        default=0,
        verbose_name="Views before this site",
        help_text="Carried over from an old site; added to the views counted here.",
    )

    readers_panels = [
        FieldPanel("comments_enabled"),
        FieldPanel("views_starting_figure"),
        ViewsChartPanel(heading="Views per day, last 90 days"),
    ]

    class Meta:
        abstract = True

    def readers_published_on(self) -> dt.date:
        """The date the page first appeared; comments close a set number of days after it."""
        raise NotImplementedError

    def readers_author(self) -> "Practitioner | None":
        """Who is told of new comments; None tells the practice."""
        return None

    def page_cache_allowed(self, request) -> bool:
        """A page showing the comment form (with its CSRF token) is never kept whole."""
        from .queries import takes_comments_now

        return not takes_comments_now(self)
