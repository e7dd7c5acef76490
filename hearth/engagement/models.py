"""Daily view totals per post, comments, and the site-wide engagement settings."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

NAME_MAX_LENGTH = 60
BODY_MAX_LENGTH = 3000


class DailyViews(models.Model):
    """Unique visitors of one post on one day (the practice's local date)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="daily_views_unique_page_day")
        ]
        indexes = [models.Index(fields=["day"], name="daily_views_day")]
        verbose_name_plural = "daily views"

    def __str__(self) -> str:
        return f"page {self.page_id} on {self.day}: {self.views}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def pending(self):
        return self.filter(status=CommentStatus.PENDING)


class Comment(models.Model):
    """A reader's comment on a post, or the practitioner's reply to one.

    `body` is the cleaned plain text (shown escaped); `body_html` is the same text
    as paragraphs and links, sanitised with nh3 before it is stored.
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    email = models.EmailField(blank=True, help_text="Never shown on the site.")
    body = models.TextField(max_length=BODY_MAX_LENGTH)
    body_html = models.TextField()
    link_count = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    by_author = models.BooleanField(default=False, help_text="Written by the practice.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField()
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["page", "status"], name="comment_page_status"),
            models.Index(fields=["status", "created_at"], name="comment_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.name} on page {self.page_id} ({self.status})"


@register_setting(icon="comment")
class EngagementSettings(BaseGenericSetting):
    comments_enabled = models.BooleanField(
        default=False,
        verbose_name="Allow comments on the site",
        help_text="Off: no post takes comments, whatever its own switch says.",
    )
    close_after_days = models.PositiveIntegerField(
        default=30,
        verbose_name="Close comments after (days)",
        help_text="Counted from the post's date. 0 keeps comments open.",
    )
    auto_approve_returning = models.BooleanField(
        default=True,
        verbose_name="Publish returning commenters at once",
        help_text="A comment with the same name and email as an approved one skips the queue.",
    )
    max_links_for_auto_approval = models.PositiveSmallIntegerField(
        default=1,
        verbose_name="Links allowed before a returning commenter waits",
        help_text="A comment with more links than this always waits for you.",
    )
    show_view_counts = models.BooleanField(
        default=True,
        verbose_name="Show view counts on posts",
        help_text="Views are still counted for your own charts when hidden.",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("comments_enabled"),
                FieldPanel("close_after_days"),
                FieldPanel("auto_approve_returning"),
                FieldPanel("max_links_for_auto_approval"),
            ],
            heading="Comments",
        ),
        FieldPanel("show_view_counts"),
    ]

    class Meta:
        verbose_name = "readers and comments"
