"""The production set-up (`manage.py setup_install --production`): a new database gets a
home page, an empty privacy notice (Hearth adds the retention policy in force) and one admin
account without a password. Nothing of the demo, and no password on disk or in the
terminal: the operator gets a one-time link to choose the password (and then the second
factor) in the browser."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.users.models import UserProfile

from hearth.content.models import SiteSafety, StandardPage
from hearth.practice.models import Practice

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


def set_up_production(*, username: str, email: str) -> ProductionSetup:
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.exists():
            return ProductionSetup(False, username, None)
        home = _put_home_page_at_root(with_demo=False)
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
    return ProductionSetup(True, username, setup_link_for(admin))


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
