"""The installed settings give view counts a shared cache; anything else fails `check`."""

import pytest
from django.conf import settings

from config.settings.base import engagement_cache
from hearth.engagement.checks import engagement_cache_is_shared


def test_settings_as_installed_pass():
    assert settings.CACHES["engagement"]["BACKEND"] in {
        "django.core.cache.backends.db.DatabaseCache",
        "django.core.cache.backends.redis.RedisCache",
    }
    assert engagement_cache_is_shared() == []


def test_database_by_default_and_redis_with_url():
    assert engagement_cache("") == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "hearth_engagement_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000_000},
    }
    assert engagement_cache("redis://h:6379/2")["BACKEND"] == (
        "django.core.cache.backends.redis.RedisCache"
    )


@pytest.mark.parametrize(
    "caches",
    [
        {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        {"engagement": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    ],
)
def test_memory_or_missing_cache_is_an_error(settings, caches):
    settings.CACHES = caches
    assert [error.id for error in engagement_cache_is_shared()] == ["hearth.engagement.E001"]
