"""The home page: welcome, featured services, latest posts, the way to book."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

from hearth.content import queries

from .base import SitePage


class HomePage(SitePage):
    """The front door: a welcome and the way to book."""

    intro = RichTextField(blank=True, help_text="A few words of welcome.")

    content_panels = [*SitePage.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.AboutPage",
        "content.ServicesIndexPage",
        "content.BlogIndexPage",
        "content.ResourcesPage",
        "content.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        from .blog import BlogPage
        from .services import ServicePage

        context = super().get_context(request, *args, **kwargs)
        context["consultation_url"] = queries.consultation_booking_url()
        context["featured_services"] = (
            ServicePage.objects.live().descendant_of(self).select_related("service")[:3]
        )
        context["latest_posts"] = (
            BlogPage.objects.live()
            .descendant_of(self)
            .select_related("author")
            .order_by("-originally_published", "-first_published_at")[:3]
        )
        return context
