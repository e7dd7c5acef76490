"""Admin viewset bases shared by the apps: a model list the admin reads but never edits."""

from django.urls import URLPattern
from wagtail.admin.viewsets.model import ModelViewSet


class ReadOnlyViewSet(ModelViewSet):
    """A filterable list and an inspect page, with no add, edit, copy or delete.

    Rows are written by the app's actions (with their audit entries), never by a
    model form: a subclass routes its own action views in `action_urlpatterns()`
    and keeps Wagtail's views named in `kept_views`.
    """

    inspect_view_enabled = True
    copy_view_enabled = False
    kept_views = frozenset({"index", "index_results", "inspect"})

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "usage_url_name"):
            view_kwargs[name] = None
        return view_kwargs

    def get_urlpatterns(self) -> list[URLPattern]:
        kept = [
            pattern for pattern in super().get_urlpatterns() if pattern.name in self.kept_views
        ]
        return [*kept, *self.action_urlpatterns()]

    def action_urlpatterns(self) -> list[URLPattern]:
        return []
