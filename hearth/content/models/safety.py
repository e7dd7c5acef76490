"""Site-wide safety and policy settings the practitioner edits in the admin."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

CRISIS_LINE = "In danger or crisis? Call 911, or call or text 988."


@register_setting(icon="warning")
class SiteSafety(BaseGenericSetting):
    crisis_line = models.CharField(
        max_length=200, default=CRISIS_LINE, help_text="Shown at the foot of every public page."
    )
    quick_exit_url = models.URLField(
        default="https://www.weather.gov/",
        help_text="The neutral site the quick-exit control replaces the page with.",
    )
    sensitive_tag = models.CharField(
        max_length=100,
        default="abuse",
        blank=True,
        help_text="Posts with this tag get the quick-exit control.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    health_data_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("crisis_line"),
        FieldPanel("quick_exit_url"),
        FieldPanel("sensitive_tag"),
        FieldPanel("privacy_page"),
        FieldPanel("health_data_page"),
    ]

    class Meta:
        verbose_name = "safety and policies"
