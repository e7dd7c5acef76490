"""manage.py load_practice FILE.toml: create or update the practice from a practice file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hearth.install.practice_file import PracticeFileError, load_practice, parse_practice_file


class Command(BaseCommand):
    help = "Create or update the practice, practitioners and services from a TOML practice file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The practice file (TOML).")

    def handle(self, *args, path: str, **options):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            report = load_practice(document=parse_practice_file(text))
        except PracticeFileError as error:
            lines = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(
                f"{path} was not loaded; nothing was changed. Please fix:\n{lines}"
            ) from error
        for line in report.lines():
            self.stdout.write(f"  {line}")
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}."))
