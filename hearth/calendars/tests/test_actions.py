"""Refreshing busy calendars from a local HTTP server: exact busy blocks, kept copies, limits."""

import datetime as dt

import pytest
from django.test import override_settings

from hearth.calendars.actions import plain_error, refresh_all_calendars, refresh_calendar
from hearth.calendars.models import BusyBlock, CalendarCopy, FetchStatus
from hearth.calendars.queries import busy_blocks

from . import files
from .conftest import NOW

pytestmark = pytest.mark.django_db(transaction=False)


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def blocks(calendar) -> list[tuple[str, str]]:
    return [
        (
            b.start.astimezone(dt.UTC).strftime("%m-%d %H:%M"),
            b.end.astimezone(dt.UTC).strftime("%m-%d %H:%M"),
        )
        for b in BusyBlock.objects.filter(calendar=calendar).order_by("start")
    ]


@pytest.mark.parametrize(
    ("body", "options", "expected"),
    [
        # Mondays 09:00 LA = 17:00 UTC; March 8 excluded.
        (
            files.WEEKLY_WITH_EXDATE,
            {},
            [
                ("03-01 17:00", "03-01 18:00"),
                ("03-15 16:00", "03-15 17:00"),
                ("03-22 16:00", "03-22 17:00"),
            ],
        ),
        # March 10 moved from 10:00 to 13:00 LA (PST: 18:00 -> 21:00 UTC).
        (
            files.MOVED_OCCURRENCE,
            {},
            [
                ("03-03 18:00", "03-03 19:00"),
                ("03-10 21:00", "03-10 22:00"),
                ("03-17 17:00", "03-17 18:00"),
            ],
        ),
        (files.ALL_DAY, {}, [("03-03 20:00", "03-03 20:30")]),
        # Included on request: the practitioner's whole local day (PST, UTC-8).
        (files.ALL_DAY, {"include_all_day": True}, [("03-03 08:00", "03-04 08:00")]),
        (files.BERLIN, {}, [("03-03 08:00", "03-03 09:00")]),
        # 09:30 LA: PST (UTC-8) on March 10, PDT (UTC-7) from March 17.
        (files.ACROSS_DST, {}, [("03-10 17:30", "03-10 18:00"), ("03-17 16:30", "03-17 17:00")]),
        (files.FREE_AND_CANCELLED, {}, []),
        (
            files.FREE_AND_CANCELLED,
            {"include_transparent": True},
            [("03-03 17:00", "03-03 18:00")],
        ),
    ],
    ids=[
        "rrule-exdate",
        "recurrence-id",
        "all-day-ignored",
        "all-day-included",
        "tzid-berlin",
        "weekly-across-dst",
        "free-and-cancelled",
        "free-included",
    ],
)
def test_refresh_stores_exact_busy_blocks(add_calendar, body, options, expected):
    calendar = add_calendar("/personal.ics", body, **options)
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert outcome.ok and outcome.block_count == len(expected)
    assert blocks(calendar) == expected
    copy = CalendarCopy.objects.get(calendar=calendar)
    assert (copy.status, copy.last_success_at, copy.last_error, bytes(copy.body)) == (
        FetchStatus.OK,
        NOW,
        "",
        body,
    )


def test_busy_blocks_are_engine_busy_time_without_buffers(sam, add_calendar):
    calendar = add_calendar("/personal.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    busy = busy_blocks([sam.pk, sam.pk + 1000], utc("2027-03-03 00:00"), utc("2027-03-04 00:00"))
    assert busy[sam.pk + 1000] == []
    [block] = busy[sam.pk]
    assert (block.start, block.end) == (utc("2027-03-03 17:00"), utc("2027-03-03 17:30"))
    assert (block.buffer_before, block.buffer_after, block.counts_toward_limit) == (
        dt.timedelta(0),
        dt.timedelta(0),
        False,
    )
    assert busy_blocks([sam.pk], utc("2027-03-03 17:30"), utc("2027-03-04 00:00"))[sam.pk] == []


def test_a_broken_file_keeps_the_last_good_copy(add_calendar, ics_server):
    calendar = add_calendar("/personal.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    ics_server.files["/personal.ics"] = files.BROKEN
    later = NOW + dt.timedelta(minutes=15)
    outcome = refresh_calendar(calendar=calendar, now=later)
    assert not outcome.ok and outcome.block_count == 1
    assert blocks(calendar) == [("03-03 17:00", "03-03 17:30")]
    copy = CalendarCopy.objects.get(calendar=calendar)
    assert (copy.status, copy.last_attempt_at, copy.last_success_at, copy.failures_in_a_row) == (
        FetchStatus.FAILED,
        later,
        NOW,
        1,
    )
    assert copy.last_error.startswith("The calendar file could not be read")
    assert bytes(copy.body) == files.SIMPLE


def test_a_web_page_instead_of_a_calendar_is_refused_in_plain_words(add_calendar):
    calendar = add_calendar("/login", files.HTML_PAGE)
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert not outcome.ok and BusyBlock.objects.count() == 0
    assert "did not return a calendar file" in outcome.error


def test_a_missing_calendar_records_the_servers_answer(add_calendar):
    calendar = add_calendar("/gone.ics")
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert outcome.error == (
        "The calendar's server answered 404 Not Found; check that the address is still valid."
    )
    assert CalendarCopy.objects.get(calendar=calendar).status == FetchStatus.FAILED


@override_settings(HEARTH_CALENDAR_FETCH_TIMEOUT_SECONDS=0.5)
def test_a_slow_calendar_times_out_and_keeps_the_last_good_copy(add_calendar, ics_server):
    calendar = add_calendar("/slow.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    ics_server.delays["/slow.ics"] = 2
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert outcome.error == "The calendar took longer than 0.5 seconds to answer."
    assert blocks(calendar) == [("03-03 17:00", "03-03 17:30")]


@override_settings(HEARTH_CALENDAR_MAX_BYTES=1000)
def test_an_oversized_calendar_is_refused_and_keeps_the_last_good_copy(add_calendar, ics_server):
    calendar = add_calendar("/big.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    ics_server.files["/big.ics"] = files.calendar(
        *(files.event(f"e{i}", f"DTSTART:20270304T{i % 10:02d}0000Z") for i in range(40))
    )
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert (
        outcome.error
        == "The calendar file is larger than 0.001 MB, the limit (HEARTH_CALENDAR_MAX_BYTES)."
    )
    assert blocks(calendar) == [("03-03 17:00", "03-03 17:30")]


@override_settings(HEARTH_CALENDAR_MAX_BYTES=1000)
def test_an_oversized_calendar_of_unknown_size_is_cut_off_while_reading(add_calendar, ics_server):
    ics_server.unsized.add("/big.ics")
    ics_server.files["/big.ics"] = files.SIMPLE + b" " * 50_000
    outcome = refresh_calendar(calendar=add_calendar("/big.ics"), now=NOW)
    assert (
        outcome.error
        == "The calendar file is larger than 0.001 MB, the limit (HEARTH_CALENDAR_MAX_BYTES)."
    )
    assert BusyBlock.objects.count() == 0


def test_a_calendar_of_unknown_size_within_the_limit_is_read(add_calendar, ics_server):
    ics_server.unsized.add("/a.ics")
    calendar = add_calendar("/a.ics", files.SIMPLE)
    assert refresh_calendar(calendar=calendar, now=NOW).ok
    assert blocks(calendar) == [("03-03 17:00", "03-03 17:30")]


def test_an_unchanged_calendar_is_not_downloaded_again(add_calendar, ics_server):
    calendar = add_calendar("/personal.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    outcome = refresh_calendar(calendar=calendar, now=NOW + dt.timedelta(minutes=15))
    [(_, first_tag), (_, second_tag)] = ics_server.requests
    assert first_tag == "" and second_tag.startswith('"')  # the second GET was conditional
    assert outcome.ok and blocks(calendar) == [("03-03 17:00", "03-03 17:30")]
    copy = CalendarCopy.objects.get(calendar=calendar)
    assert (copy.status, copy.last_success_at) == (FetchStatus.OK, NOW + dt.timedelta(minutes=15))


def test_blocks_of_a_changed_address_stop_counting_at_once(sam, add_calendar, ics_server):
    calendar = add_calendar("/old.ics", files.SIMPLE)
    refresh_calendar(calendar=calendar, now=NOW)
    calendar.url = ics_server.url("/new.ics")
    calendar.save()
    assert busy_blocks([sam.pk], NOW, NOW + dt.timedelta(days=7)) == {sam.pk: []}


def test_refresh_all_reads_every_calendar_and_reports_each(add_calendar):
    good = add_calendar("/good.ics", files.SIMPLE)
    bad = add_calendar("/missing.ics")
    outcomes = {o.calendar_id: o.ok for o in refresh_all_calendars(now=NOW)}
    assert outcomes == {good.pk: True, bad.pk: False}


def test_a_new_file_replaces_the_blocks_of_its_calendar_only(add_calendar, ics_server):
    mine = add_calendar("/mine.ics", files.SIMPLE)
    other = add_calendar("/other.ics", files.BERLIN)
    refresh_all_calendars(now=NOW)
    ics_server.files["/mine.ics"] = files.ALL_DAY
    refresh_calendar(calendar=mine, now=NOW)
    assert blocks(mine) == [("03-03 20:00", "03-03 20:30")]
    assert blocks(other) == [("03-03 08:00", "03-03 09:00")]


def test_a_broken_file_is_not_quoted_in_the_error(add_calendar):
    body = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Private matter\r\nDTSTART:xx\r\n"
    outcome = refresh_calendar(calendar=add_calendar("/broken.ics", body), now=NOW)
    assert outcome.error == (
        "The calendar file could not be read: it is not valid iCalendar. Check the "
        "address, or try again after the calendar has been saved."
    )


def test_stored_errors_carry_no_nul_characters_and_are_cut_short():
    assert plain_error(ValueError("a\x00b")) == "ab"
    long = plain_error(ValueError("x" * 600))
    assert len(long) == 500 and long.endswith("…")


def test_a_calendar_on_a_local_address_is_refused_unless_its_host_is_named(
    settings, add_calendar, ics_server
):
    settings.HEARTH_CALENDAR_INTERNAL_HOSTS = []
    calendar = add_calendar("/a.ics", files.SIMPLE)
    outcome = refresh_calendar(calendar=calendar, now=NOW)
    assert (outcome.ok, outcome.block_count) == (False, 0)
    assert outcome.error.startswith("The calendar's address leads to a private or local")
    assert ics_server.requests == []
    assert BusyBlock.objects.count() == 0
    settings.HEARTH_CALENDAR_INTERNAL_HOSTS = ["127.0.0.1"]
    assert refresh_calendar(calendar=calendar, now=NOW).ok is True


def test_internal_calendar_hosts_are_off_by_default():
    from config.settings import base

    assert base.HEARTH_CALENDAR_INTERNAL_HOSTS == []
