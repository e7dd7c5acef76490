"""The abstract page every public page type shares: quick exit and the page-cache switch."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from hearth.content.page_cache import mark_cacheable, mark_never_cached
from hearth.core.site_url import site_url


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

    def get_url_parts(self, request=None):
        """Wagtail's URL parts with HEARTH_SITE_URL as the root: canonical links, OpenGraph,
        the sitemap and the feed name the address the site really runs at, not the Site row's
        hostname."""
        parts = super().get_url_parts(request)
        if parts is None:
            return None
        site_id, _root_url, page_path = parts
        return site_id, site_url(), page_path

    def page_cache_allowed(self, request) -> bool:
        """Whether this page may be kept whole in the page cache.

        A page type that shows a form (or anything personal) returns False; e.g. a post
        with comments open. Responses that set a cookie (a CSRF token) are never stored
        either way.
        """
        return True

    def apply_cache_policy(self, request, response):
        if self.page_cache_allowed(request):
            return mark_cacheable(response)
        return mark_never_cached(response)

    def serve(self, request, *args, **kwargs):
        return self.apply_cache_policy(request, super().serve(request, *args, **kwargs))
