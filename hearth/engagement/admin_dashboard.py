"""Dashboard panels of engagement: comments waiting, and the views of the posts."""

from wagtail.admin.ui.components import Component

from . import queries
from .charts import views_chart


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
