"""Delete expired visitor hashes and salts from the database cache (Redis expires its own)."""

from django.core.cache import caches
from django.core.management.base import BaseCommand

from hearth.engagement.actions import CACHE_ALIAS
from hearth.engagement.visitors import purge_expired


class Command(BaseCommand):
    help = "Delete expired view-count hashes (also done by the first visit of each day)."

    def handle(self, *args, **options):
        removed = purge_expired(caches[CACHE_ALIAS])
        if options["verbosity"]:
            self.stdout.write(f"Removed {removed} expired entries.")
