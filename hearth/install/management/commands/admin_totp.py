"""manage.py admin_totp USERNAME: add an authenticator (TOTP) to an admin account."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hearth.install.second_factor import add_authenticator


class Command(BaseCommand):
    help = (
        "Add an authenticator (TOTP) to an account and print its otpauth:// address for an "
        "authenticator app, with a new set of one-use recovery codes."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="The device's name.")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no account named {username!r}; nothing was changed.")
        added = add_authenticator(user=user, name=name, actor="manage.py admin_totp")
        # The address alone on the first line, for scripts.
        self.stdout.write(added.otpauth_uri)
        self.stdout.write(
            "\nAdd the address above to an authenticator app (most accept it pasted; "
            "`qrencode -t ansiutf8 'ADDRESS'` shows it as a QR code). These recovery codes "
            "each work once instead of a code from the app; keep them somewhere safe:"
        )
        for code in added.recovery_codes:
            self.stdout.write(f"  {code}")
