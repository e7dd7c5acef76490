"""System check: view counts need a cache shared by every worker (database table or Redis)."""

from django.conf import settings
from django.core.checks import Error, register

SHARED_BACKENDS = {
    "django.core.cache.backends.db.DatabaseCache",
    "django.core.cache.backends.redis.RedisCache",
}


@register()
def engagement_cache_is_shared(app_configs=None, **kwargs) -> list[Error]:
    backend = settings.CACHES.get("engagement", {}).get("BACKEND", "")
    if backend in SHARED_BACKENDS:
        return []
    return [
        Error(
            f'CACHES["engagement"] is {backend or "missing"}; view counts need a cache that all '
            "workers share.",
            hint="Use config.settings.base.engagement_cache(REDIS_URL): a database table, or "
            "Redis when REDIS_URL is set.",
            id="hearth.engagement.E001",
        )
    ]
