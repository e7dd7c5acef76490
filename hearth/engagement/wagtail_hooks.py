"""Admin wiring: the comment queue in the menu, dashboard panels for comments and views."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import admin_views, queries
from .charts import views_chart

admin_urls = [
    path("", admin_views.queue, name="queue"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("<int:comment_id>/", admin_views.detail, name="detail"),
]


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("comments/", include((admin_urls, "engagement_admin")))]


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("engagement.change_comment")

    def render_component(self, request):
        waiting = queries.pending_comments().count()
        label = f"Comments ({waiting} waiting)" if waiting else self.label
        return LinkMenuItemComponent(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname,
            attrs=self.attrs,
        )  # fmt: skip


@hooks.register("register_admin_menu_item")
def register_comments_menu_item():
    return CommentsMenuItem(
        "Comments", reverse("engagement_admin:queue"), icon_name="comment", order=250
    )


class NewCommentsPanel(Component):
    order = 40
    template_name = "engagement/admin/new_comments_panel.html"

    def get_context_data(self, parent_context=None):
        pending = queries.pending_comments().select_related("page")
        return {"count": pending.count(), "latest": pending[:5]}


class SiteViewsPanel(Component):
    order = 60
    template_name = "engagement/admin/site_views_panel.html"

    def get_context_data(self, parent_context=None):
        return {"chart": views_chart(queries.views_per_day(last_day=queries.local_today()))}


@hooks.register("construct_homepage_panels")
def add_engagement_panels(request, panels):
    if request.user.has_perm("engagement.change_comment"):
        panels.append(NewCommentsPanel())
    panels.append(SiteViewsPanel())
