"""The Comments menu item, with how many comments wait, shown to moderators only."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent

from . import queries
from .admin_views import permission_policy


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "change")

    def render_component(self, request):
        waiting = queries.pending_comments().count()
        label = f"Comments ({waiting} waiting)" if waiting else self.label
        return LinkMenuItemComponent(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )
