"""Create the database cache tables (a no-op when the caches live in Redis)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("content", "0002_site_pages")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
