"""manage.py setup_install: load the demo and create an admin login on a new database;
with --production, no demo: the practice from --practice-file if given, and a one-time link."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.calendars.tasks import backend_can_schedule, start_refresh_schedule
from hearth.install.practice_file import PracticeFile, PracticeFileError, parse_practice_file
from hearth.install.production import set_up_production
from hearth.install.setup import set_up_install


class Command(BaseCommand):
    help = "On a new database: load the demo practice, add a home page, create an admin login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--practice-file",
            default=None,
            help="The practice file (TOML). Without --production: the demo's by default. "
            "With --production: the practice, practitioners and services to create (none "
            "if not given).",
        )
        parser.add_argument(
            "--production",
            action="store_true",
            help="A real install: no demo content, and no password on disk; prints a "
            "one-time link to choose the admin's password instead.",
        )
        parser.add_argument("--username", default="admin", help="With --production.")
        parser.add_argument("--email", default="", help="With --production: the admin's email.")

    def handle(self, *args, practice_file: str | None, **options):
        if options["production"]:
            # Read before anything is written: a bad file changes nothing.
            practice = _read_practice_file(practice_file) if practice_file else None
            call_command("createcachetable", verbosity=0)
            self._set_up_production(options["username"], options["email"], practice_file, practice)
            return
        # Idempotent; covers an install that moved its caches from Redis to the database.
        call_command("createcachetable", verbosity=0)
        practice_file = practice_file or str(settings.HEARTH_DEMO_PRACTICE_FILE)
        login_file = Path(settings.VAR_DIR) / "admin-login.txt"
        result = set_up_install(demo_file=Path(practice_file), login_file=login_file)
        if result.created and result.report:
            self.stdout.write(f"Loaded the demo practice from {practice_file}:")
            for line in result.report.lines():
                self.stdout.write(f"  {line}")
        else:
            self.stdout.write("The database already holds your practice; nothing was changed.")
        self._start_calendar_refresh()
        site = settings.HEARTH_SITE_URL
        password = result.password or "(not known here: reset it with `make admin-password`)"
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Site:     {site}/\n  Admin:    {site}/admin/\n"
                f"  Username: {result.username}\n  Password: {password}\n"
            )
        )
        self.stdout.write(
            "  Second factor: right after the password the admin asks you to add an\n"
            "  authenticator app (scan its QR code). Without a browser at hand:\n"
            f"  `manage.py admin_totp {result.username}` prints the app's otpauth:// address\n"
            "  and one-use recovery codes.\n"
        )

    def _set_up_production(
        self, username: str, email: str, path: str | None, practice: PracticeFile | None
    ) -> None:
        try:
            result = set_up_production(username=username, email=email, practice=practice)
        except PracticeFileError as error:
            raise _not_loaded(path, error) from error
        if not result.created:
            self.stdout.write(
                "The database already holds your practice; nothing was changed. To set a "
                "password: `manage.py changepassword USERNAME`."
                + (f" To load {path}: `manage.py load_practice {path}`." if path else "")
            )
            return
        if result.report is not None:
            self.stdout.write(f"Loaded the practice from {path}:")
            for line in result.report.lines():
                self.stdout.write(f"  {line}")
        self._start_calendar_refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Admin account {result.username!r} created, without a password.\n"
                f"  Open this link once to choose it (it stops working after that, or in "
                f"{settings.PASSWORD_RESET_TIMEOUT // 3600} hours):\n\n  {result.setup_link}\n"
            )
        )
        self.stdout.write(
            "  Then sign in and add an authenticator app, as the admin asks.\n"
            + (
                ""
                if path
                else "  Next: enter the practice's details under Settings, or\n"
                "  `manage.py load_practice FILE.toml`.\n"
            )
        )

    def _start_calendar_refresh(self) -> None:
        if not backend_can_schedule():
            self.stdout.write(
                "Busy calendars are refreshed by the worker (`manage.py hearth_worker`, which "
                "`make run` starts), or by `manage.py refresh_calendars` from cron."
            )
        elif start_refresh_schedule(now=timezone.now()):
            self.stdout.write("Busy calendars: the background refresh is planned.")


def _read_practice_file(path: str) -> PracticeFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {path}: {error}. Nothing was set up.") from error
    try:
        return parse_practice_file(text)
    except PracticeFileError as error:
        raise _not_loaded(path, error) from error


def _not_loaded(path: str | None, error: PracticeFileError) -> CommandError:
    lines = "\n".join(f"  - {message}" for message in error.messages)
    return CommandError(f"{path} was not loaded; nothing was set up. Please fix:\n{lines}")
