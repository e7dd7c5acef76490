"""The production set-up (`manage.py setup_install --production`): a new database gets a
home page, an empty privacy notice (Hearth adds the retention policy in force), the practice
from a practice file if one is given, the Wagtail site at HEARTH_SITE_URL's host and port, and
one admin account without a password. All of it in one transaction: a practice file that
cannot be stored leaves the database as it was. Nothing of the demo, and no password on disk
or in the terminal: the operator gets a one-time link to choose the password (and then the
second factor) in the browser."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Site
from wagtail.users.models import UserProfile

from hearth.content.models import SiteSafety, StandardPage
from hearth.practice.models import Practice, Practitioner

from .practice_file import LoadReport, PracticeFile, load_practice
from .setup import _put_home_page_at_root

PRIVACY_TEXT = (
    "<p>What you type into the booking form is used only to arrange your session. This "
    "site sets no tracking cookies and loads nothing from other sites.</p>"
)


@dataclass(frozen=True)
class ProductionSetup:
    created: bool  # False: the database already held an install; nothing was changed
    username: str
    setup_link: str | None  # one use: it stops working once the password is set
    report: LoadReport | None = None  # what the practice file created, when one was given


def set_up_production(
    *, username: str, email: str, practice: PracticeFile | None = None
) -> ProductionSetup:
    """Raises PracticeFileError, with nothing written, when `practice` cannot be stored."""
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.exists():
            return ProductionSetup(False, username, None)
        report = load_practice(document=practice) if practice is not None else None
        home = _put_home_page_at_root(with_demo=False)
        _site_at(settings.HEARTH_SITE_URL)
        privacy = StandardPage(title="Privacy notice", slug="privacy", body=PRIVACY_TEXT)
        home.add_child(instance=privacy)
        privacy.save_revision().publish()
        safety = SiteSafety.load()
        safety.privacy_page = privacy
        safety.save()
        admin = user_model.objects.create_superuser(username, email=email, password=None)
        profile = UserProfile.get_for_user(admin)
        profile.current_time_zone = Practice.load().timezone
        profile.save(update_fields=["current_time_zone"])
        _link_practitioner(admin)
    return ProductionSetup(True, username, setup_link_for(admin), report)


def _link_practitioner(admin) -> None:
    """The practitioner with the admin's email address (from the practice file) is the admin:
    their agenda and calendar feed are then the admin's own."""
    if not admin.email:
        return
    practitioner = (
        Practitioner.objects.filter(email__iexact=admin.email, user__isnull=True)
        .order_by("slug")
        .first()
    )
    if practitioner is not None:
        practitioner.user = admin
        practitioner.save(update_fields=["user"])


def _site_at(site_url: str) -> None:
    """The default Wagtail site answers at the public address (Wagtail's own absolute links,
    e.g. in the admin's "view live", start with it)."""
    address = urlsplit(site_url)
    default_port = 443 if address.scheme == "https" else 80
    Site.objects.filter(is_default_site=True).update(
        hostname=address.hostname or "localhost", port=address.port or default_port
    )


def setup_link_for(user) -> str:
    """A link to choose a password, valid once and for PASSWORD_RESET_TIMEOUT (Django's
    password-reset token: it changes when the password does)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    return f"{settings.HEARTH_SITE_URL}{path}"
