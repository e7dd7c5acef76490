"""manage.py dump_practice [FILE]: write the practice file for what is stored now."""

from pathlib import Path

from django.core.management.base import BaseCommand

from hearth.install.practice_file import dump_practice


class Command(BaseCommand):
    help = "Write the practice, practitioners and services as a TOML practice file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="Write here instead of standard output.")

    def handle(self, *args, path: str | None = None, **options):
        text = dump_practice()
        if path:
            Path(path).write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {path}.")
        else:
            self.stdout.write(text, ending="")
