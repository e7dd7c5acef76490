"""The idempotent set-up step `make run` performs after migrating.

On a new database (no user accounts yet) it loads the demo practice file,
adds a demo workshop dated from today and the demo intake (demo/intake.toml),
puts a home page at the site root and creates an admin login. On any later
run it changes nothing, so whatever the practitioner edited survives.
"""

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from hearth.content.demo import build_demo_site
from hearth.content.models import HomePage
from hearth.practice.models import Practice, Practitioner

from .demo_intake import build_demo_intake
from .demo_workshop import build_demo_workshop
from .practice_file import LoadReport, load_practice, parse_practice_file

ADMIN_USERNAME = "admin"


@dataclass(frozen=True)
class SetupResult:
    created: bool  # False: the database already held an install; nothing was changed
    username: str
    password: str | None  # known only when created now or remembered in the login file
    report: LoadReport | None


def set_up_install(*, demo_file: Path, login_file: Path) -> SetupResult:
    """Make a new database usable; leave an existing one exactly as it is."""
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.exists():
            return SetupResult(False, ADMIN_USERNAME, _remembered_password(login_file), None)
        report = load_practice(document=parse_practice_file(demo_file.read_text("utf-8")))
        build_demo_workshop(now=timezone.now())
        build_demo_intake(intake_file=demo_file.with_name("intake.toml"))
        _put_home_page_at_root()
        password = secrets.token_urlsafe(12)
        admin = user_model.objects.create_superuser(
            ADMIN_USERNAME, email=Practice.load().email or "", password=password
        )
        profile = UserProfile.get_for_user(admin)
        profile.current_time_zone = Practice.load().timezone
        profile.save(update_fields=["current_time_zone"])
        first = Practitioner.objects.filter(user__isnull=True).order_by("slug").first()
        if first is not None:
            first.user = admin
            first.save(update_fields=["user"])
    login_file.parent.mkdir(parents=True, exist_ok=True)
    login_file.write_text(f"{ADMIN_USERNAME}\n{password}\n", encoding="utf-8")
    login_file.chmod(0o600)
    return SetupResult(True, ADMIN_USERNAME, password, report)


def _remembered_password(login_file: Path) -> str | None:
    try:
        lines = login_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return lines[1] if len(lines) > 1 else None


def _put_home_page_at_root(*, with_demo: bool = True) -> HomePage:
    """Replace Wagtail's placeholder welcome page with our home page (new installs only),
    with the demo's pages under it unless `with_demo` is False (production set-up)."""
    if HomePage.objects.exists():
        return HomePage.objects.get()
    root = Page.get_first_root_node()
    practice = Practice.load()
    placeholder = Page.objects.filter(depth=2, slug="home").first()
    if placeholder is not None:
        placeholder.slug = "wagtail-welcome"
        placeholder.save_revision().publish()
    home = root.add_child(
        instance=HomePage(
            title=f"Welcome to {practice.name}",
            slug="home",
            intro="<p>Taking the first step is the hardest part. You are welcome here.</p>",
        )
    )
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=practice.name,
        )
    else:
        site.root_page = home
        site.site_name = practice.name
        site.save()
    if placeholder is not None:
        placeholder.delete()
    if with_demo:
        build_demo_site(home)
    return home
