"""`manage.py client_export EMAIL`: everything held about an email address, as JSON or CSV."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.rights.exports import as_csv, as_json
from hearth.rights.queries import client_export


class Command(BaseCommand):
    help = "Print (or write) everything the practice holds about EMAIL, as JSON or CSV."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--output", help="Write to this file instead of printing.")

    def handle(self, *args, email: str, format: str, output: str | None, **options) -> None:
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        data = client_export(email=email, now=timezone.now())
        text = as_json(data) if format == "json" else as_csv(data)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            self.stderr.write(f"Wrote the export of {email} to {output}.")
        else:
            self.stdout.write(text, ending="")
