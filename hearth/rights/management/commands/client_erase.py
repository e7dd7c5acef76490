"""`manage.py client_erase EMAIL`: erase everything held about an email address."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hearth.rights.actions import erase_client
from hearth.rights.queries import held_records


class Command(BaseCommand):
    help = (
        "Erase what the practice holds about EMAIL: bookings and registrations stay as "
        "anonymous busy time; messages, request keys, rate counters and comment contact "
        "details go. Asks first unless --yes is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, email: str, yes: bool, **options) -> None:
        if "@" not in email:
            raise CommandError(f"{email!r} is not an email address.")
        records = held_records(email=email)
        summary = (
            f"{len(records.bookings)} booking(s), {len(records.registrations)} workshop "
            f"registration(s) and {len(records.comments)} comment(s)"
        )
        if not yes:
            answer = input(f"Erase {email}: {summary}? This cannot be undone. Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was erased.")
        erasure = erase_client(email=email, actor="command", now=timezone.now())
        details = ", ".join(
            f"{count} {name.replace('_', ' ')}" for name, count in erasure.as_detail().items()
        )
        self.stdout.write(f"Erased {email}: {details}.")
