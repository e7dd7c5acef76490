"""`manage.py deploy_check`: before going live, check the settings, keys, database, static
files, mail server, worker and address, one line each (✓ / ✗ / ⚠); exit 1 on any ✗."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.utils import timezone

from hearth.install.deploy_checks import run_all


class Command(BaseCommand):
    help = "Check that this install is ready to go live (run it with the production settings)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-worker-yet",
            action="store_true",
            help="First set-up: a worker that has not run yet is a warning, not a failure.",
        )
        parser.add_argument(
            "--send-test-to",
            metavar="ADDRESS",
            help="Also send one test message to this address (nothing is sent otherwise).",
        )

    def handle(self, *args, no_worker_yet: bool, send_test_to: str | None, **options) -> None:
        if send_test_to:
            try:
                validate_email(send_test_to)
            except ValidationError:
                raise CommandError(f"{send_test_to!r} is not an email address.") from None
        results = run_all(now=timezone.now(), first_setup=no_worker_yet, send_test_to=send_test_to)
        for result in results:
            mark = "✓" if result.check.ok else ("⚠" if result.warning else "✗")
            self.stdout.write(f"{mark} {result.check.detail}")
        failed = [r for r in results if not r.check.ok and not r.warning]
        if failed:
            self.stderr.write(
                f"{len(failed)} of {len(results)} checks failed: fix them before going live."
            )
            sys.exit(1)
        self.stdout.write(f"All {len(results)} checks passed.")
