"""manage.py lapse_workshop_offers: pass expired seat offers to the next on the waitlist."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from hearth.workshops.actions import lapse_expired_offers


class Command(BaseCommand):
    help = "Lapse seat offers whose hold time has passed; their seats go to the next in line."

    def handle(self, *args, **options):
        count = lapse_expired_offers(now=timezone.now())
        self.stdout.write(f"{count} offer(s) lapsed.")
