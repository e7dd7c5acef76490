"""The public site's Wagtail pages."""

from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "hearth.content"
    label = "content"
    verbose_name = "Site content"

    def ready(self) -> None:
        # Cache purging is wiring, not business logic: whatever changes what a public page
        # shows empties the page cache (see hearth/content/page_cache.py).
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from hearth.content import models
        from hearth.content.page_cache import purge_page_cache
        from hearth.practice import models as practice

        uid = "hearth-page-cache"
        page_published.connect(purge_page_cache, dispatch_uid=f"{uid}-published")
        page_unpublished.connect(purge_page_cache, dispatch_uid=f"{uid}-unpublished")
        post_page_move.connect(purge_page_cache, dispatch_uid=f"{uid}-moved")
        post_delete.connect(purge_page_cache, sender=Page, dispatch_uid=f"{uid}-deleted")
        shown_on_pages = [
            models.Resource,
            models.ResourceTopic,
            models.BlogCategory,
            models.SiteSafety,
            practice.Practice,
            practice.Practitioner,
            practice.License,
            practice.Service,
        ]
        for model in shown_on_pages:
            label = model._meta.label_lower
            post_save.connect(purge_page_cache, sender=model, dispatch_uid=f"{uid}-{label}-save")
            post_delete.connect(purge_page_cache, sender=model, dispatch_uid=f"{uid}-{label}-del")
