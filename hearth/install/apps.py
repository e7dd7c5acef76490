"""Install: the practice file, the demo set-up and the commands that run Hearth's processes."""

from django.apps import AppConfig


class InstallConfig(AppConfig):
    name = "hearth.install"
    label = "install"
    verbose_name = "Install"
