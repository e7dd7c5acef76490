"""Admin wiring for accounts: the locked sign-ins page in the Settings menu."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import LockoutsView


@hooks.register("register_admin_urls")
def lockout_urls():
    return [path("lockouts/", LockoutsView.as_view(), name="hearth_lockouts")]


class LockoutsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def lockouts_menu_item():
    return LockoutsMenuItem(
        "Locked sign-ins", reverse("hearth_lockouts"), icon_name="lock", order=610
    )
