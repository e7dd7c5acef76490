"""Admin wiring of the practice: the Practice menu group, a license warning on the dashboard."""

from django.utils import timezone
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_dashboard import LicenseWarningPanel
from .admin_viewsets import PracticeGroup

register_snippet(PracticeGroup)


@hooks.register("construct_homepage_panels")
def add_license_warning(request, panels):
    panels.append(LicenseWarningPanel(today=timezone.localdate()))
