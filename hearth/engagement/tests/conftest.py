"""A demo install, and the engagement cache on the database table or on the tests' Redis."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command

from config.settings.base import engagement_cache
from hearth.content.models import BlogPage
from hearth.core.testing.redis import TEST_REDIS_URL
from hearth.install.setup import set_up_install

REDIS_TEST_URL = TEST_REDIS_URL
COMMENTS_ON = "shame-and-the-courage-to-be-seen"
COMMENTS_OFF = "when-the-one-being-hurt-is-a-man"


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_TEST_URL, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def use_engagement_cache(settings, kind: str) -> None:
    """Point the "engagement" alias at the database table or at Redis, emptied."""
    if kind == "redis":
        if not redis_available():
            pytest.skip(f"no Redis at {REDIS_TEST_URL}")
        settings.CACHES = {
            **django_settings.CACHES,
            "engagement": engagement_cache(REDIS_TEST_URL),
        }
        caches["engagement"].clear()
    else:
        settings.CACHES = {**django_settings.CACHES, "engagement": engagement_cache("")}
        call_command("createcachetable", verbosity=0)
        caches["engagement"].clear()


@pytest.fixture(params=["database", "redis"])
def cache_kind(request, settings, db):
    use_engagement_cache(settings, request.param)
    return request.param


@pytest.fixture
def demo_site(db, tmp_path):
    return set_up_install(
        demo_file=Path(django_settings.HEARTH_DEMO_PRACTICE_FILE),
        login_file=tmp_path / "login.txt",
    )


@pytest.fixture
def post(demo_site):
    return BlogPage.objects.get(slug=COMMENTS_ON)


@pytest.fixture
def closed_post(demo_site):
    return BlogPage.objects.get(slug=COMMENTS_OFF)
