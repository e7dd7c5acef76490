"""Small shared helpers used by every Hearth app."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "hearth.core"
    label = "core"
    verbose_name = "Hearth core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .file_modes import keep_sqlite_files_private

        connection_created.connect(keep_sqlite_files_private, dispatch_uid="hearth-sqlite-mode")
