"""The views chart: one bar per day, scaled to the busiest, described for screen readers."""

import datetime as dt

from hearth.engagement.charts import views_chart
from hearth.engagement.queries import DayViews


def test_chart_bars_and_summary():
    first = dt.date(2027, 3, 1)
    days = [DayViews(first + dt.timedelta(days=n), views) for n, views in enumerate([0, 4, 2])]
    chart = views_chart(days)
    assert (chart.total, chart.busiest, chart.days) == (6, days[1], 3)
    assert (chart.first_day, chart.last_day) == (first, dt.date(2027, 3, 3))
    assert 'aria-label="Views per day over the last 3 days: 6 in all, most on March 2 (4)."' in (
        chart.svg
    )
    assert chart.svg.count("<rect ") == 3
    assert '<rect x="240.0" y="12.0" width="239.0" height="148.0"' in chart.svg
    assert "<title>Mar 3: 2 views</title>" in chart.svg
    assert "<title>Mar 1: 0 views</title>" in chart.svg


def test_empty_chart():
    days = [DayViews(dt.date(2027, 3, 1), 0)]
    chart = views_chart(days)
    assert chart.total == 0 and chart.busiest is None
    assert "0 in all." in chart.svg
