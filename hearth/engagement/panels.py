"""The "Readers" panel of a post's edit page: its views per day and its comments."""

from wagtail.admin.panels import Panel


class ViewsChartPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "engagement/admin/post_panel.html"

        def get_context_data(self, parent_context=None):
            from . import queries
            from .charts import views_chart
            from .models import CommentStatus

            context = super().get_context_data(parent_context)
            page = self.instance
            if page is None or page.pk is None:
                context["chart"] = None
                return context
            context["chart"] = views_chart(
                queries.views_per_day(last_day=queries.local_today(), page_id=page.pk)
            )
            context["figure"] = queries.view_figure(page)
            context["pending"] = queries.comments_with_status(
                CommentStatus.PENDING, page_id=page.pk
            ).count()
            context["page_id"] = page.pk
            return context
