"""Admin wiring: the comment queue in the menu, dashboard panels for comments and views."""

from django.urls import include, path, reverse
from wagtail import hooks

from . import admin_views
from .admin_dashboard import NewCommentsPanel, SiteViewsPanel
from .admin_menu import CommentsMenuItem

admin_urls = [
    path("", admin_views.queue, name="queue"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("<int:comment_id>/", admin_views.detail, name="detail"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include((admin_urls, "engagement_admin")))]


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Comments", reverse("engagement_admin:queue"), icon_name="comment", order=250
    )


@hooks.register("construct_homepage_panels")
def add_engagement_panels(request, panels):
    if admin_views.permission_policy.user_has_permission(request.user, "change"):
        panels.append(NewCommentsPanel())
    panels.append(SiteViewsPanel())
