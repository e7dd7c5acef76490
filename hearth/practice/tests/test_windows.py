import pytest

from hearth.practice.windows import (
    Span,
    WindowError,
    format_line,
    parse_day,
    parse_line,
    parse_window,
)


def test_parse_window_reads_minutes():
    assert parse_window("09:00-12:30") == Span(540, 750)


def test_parse_window_allows_24_00_as_end():
    assert parse_window("20:00-24:00") == Span(1200, 1440)
    assert str(Span(1200, 1440)) == "20:00-24:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("9-12", "is not a time window"),
        ("12:00-09:00", "ends before it starts"),
        ("09:00-09:00", "ends before it starts"),
        ("24:00-24:00", "starts at a time that does not exist"),
        ("09:60-10:00", "starts at a time that does not exist"),
        ("09:00-24:30", "ends at a time that does not exist"),
        ("09:00-25:00", "ends at a time that does not exist"),
    ],
)
def test_parse_window_refuses_with_a_message(text, message):
    with pytest.raises(WindowError, match=message):
        parse_window(text)


def test_parse_day_refuses_overlapping_windows():
    with pytest.raises(WindowError, match="09:00-12:00 and 11:00-13:00 overlap"):
        parse_day(["11:00-13:00", "09:00-12:00"])


def test_parse_day_accepts_touching_windows_sorted():
    assert parse_day(["12:00-13:00", "09:00-12:00"]) == [Span(540, 720), Span(720, 780)]


def test_parse_line_reads_a_day_and_formats_it_back():
    spans = parse_line(" 13:00 - 17:00,09:00-12:00 ")
    assert spans == [Span(540, 720), Span(780, 1020)]
    assert format_line(spans) == "09:00-12:00, 13:00-17:00"
    assert parse_line("") == []
