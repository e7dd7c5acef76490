"""The day's hashes expire at the end of the practice's day and are purged from the table."""

import datetime as dt

import time_machine
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection

from hearth.engagement.models import DailyViews

from .test_beacon import beacon


def rows() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM hearth_engagement_cache ORDER BY cache_key")
        return [key for (key,) in cursor.fetchall()]


def test_first_hit_of_a_new_day_purges_yesterdays_hashes(post, client, settings):
    from .conftest import use_engagement_cache

    use_engagement_cache(settings, "database")
    with time_machine.travel(dt.datetime(2027, 3, 1, 20, 0, tzinfo=dt.UTC), tick=False):
        beacon(client, post)
        beacon(client, post, address="203.0.113.50")
        assert [key.split(":")[2] for key in rows()] == ["salt", "seen", "seen"]
    with time_machine.travel(dt.datetime(2027, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        beacon(client, post)
        assert all(":2027-03-02" in key for key in rows())
        assert len(rows()) == 2  # today's salt and one visitor
    assert DailyViews.objects.count() == 2


def test_purge_command_removes_only_expired_rows(post, client, settings):
    from .conftest import use_engagement_cache

    use_engagement_cache(settings, "database")
    with time_machine.travel(dt.datetime(2027, 3, 1, 20, 0, tzinfo=dt.UTC), tick=False):
        beacon(client, post)
        caches["engagement"].set("later", 1, timeout=86400 * 3)
    with time_machine.travel(dt.datetime(2027, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        call_command("purge_view_hashes", verbosity=0)
        assert [key.split(":")[-1] for key in rows()] == ["later"]
