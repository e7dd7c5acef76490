"""Views per day as a server-rendered SVG bar chart: no script, no outside library."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join

WIDTH, HEIGHT, BAR_GAP, TOP = 720, 160, 1, 12


@dataclass(frozen=True)
class Chart:
    svg: str
    total: int
    busiest: object  # DayViews | None
    days: int
    first_day: object  # datetime.date | None
    last_day: object


def views_chart(days: list) -> Chart:
    """An accessible SVG: one bar per day, a title per bar, a summary for screen readers."""
    total = sum(day.views for day in days)
    busiest = max(days, key=lambda day: day.views) if total else None
    peak = max(busiest.views if busiest else 0, 1)
    slot = WIDTH / max(len(days), 1)
    bars = []
    for index, day in enumerate(days):
        height = round((HEIGHT - TOP) * day.views / peak, 1)
        bars.append(
            (
                round(index * slot, 2),
                round(HEIGHT - height, 2),
                round(max(slot - BAR_GAP, 1), 2),
                height,
                f"{day.day:%b %-d}: {day.views} view{'s' if day.views != 1 else ''}",
            )
        )
    label = f"Views per day over the last {len(days)} days: {total} in all" + (
        f", most on {busiest.day:%B %-d} ({busiest.views})." if busiest else "."
    )
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#2e6b5e"><title>{}</title></rect>',
        bars,
    )
    svg = format_html(
        '<svg class="views-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg">'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#888" stroke-width="1"></line>{}</svg>',
        label,
        WIDTH,
        HEIGHT,
        HEIGHT,
        WIDTH,
        HEIGHT,
        rects,
    )
    return Chart(
        svg=svg,
        total=total,
        busiest=busiest,
        days=len(days),
        first_day=days[0].day if days else None,
        last_day=days[-1].day if days else None,
    )
