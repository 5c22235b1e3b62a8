"""
SVG charts drawn on the server. The screens and the PDFs call the same functions, so a chart looks the same in
the browser and on paper, and needs no JavaScript.
"""

from dataclasses import dataclass
from datetime import date as date_type
from datetime import timedelta

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from mainstreaming import l10n

# Colours chosen for contrast on white (WCAG AA for the text drawn on or beside them).
BAR_COLOUR = "#1d5a8c"
TEXT_COLOUR = "#1f2328"
GRID_COLOUR = "#d0d7de"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def horizontal_bar_chart(bars: list[Bar], *, title: str, width: int = 560, bar_height: int = 22) -> SafeString:
    """A labelled horizontal bar chart; the title and every value are also written out for screen readers."""
    label_width = 220
    value_width = 40
    gap = 8
    plot_width = width - label_width - value_width
    top = 6
    height = top + len(bars) * (bar_height + gap) + gap
    largest = max((bar.value for bar in bars), default=0) or 1

    rows = []
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        length = round(plot_width * bar.value / largest, 1)
        rows.append(
            (
                label_width - gap,
                y + bar_height * 0.7,
                TEXT_COLOUR,
                bar.label,
                label_width,
                y,
                length,
                bar_height,
                BAR_COLOUR,
                label_width + length + 6,
                y + bar_height * 0.7,
                TEXT_COLOUR,
                _number(bar.value),
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="12">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}" font-size="12">{}</text>',
        rows,
    )
    description = "; ".join(f"{bar.label}: {_number(bar.value)}" for bar in bars)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title><desc id="{id}-d">{desc}'
        '</desc><line x1="{lx}" y1="0" x2="{lx}" y2="{h}" stroke="{grid}"></line>{body}</svg>',
        w=width,
        h=height,
        id=_identifier(title),
        title=title,
        desc=description,
        lx=label_width,
        grid=GRID_COLOUR,
        body=body,
    )


def interest_influence_matrix(points, *, title: str, cell: int = 112) -> SafeString:
    """
    The stakeholder map: a 5 × 5 grid of interest (across, 1 to 5) by influence (up, 1 to 5), split into the four
    usual quadrants (a score of 3 or more counts as high), with one labelled dot per stakeholder. `points` are
    (label, interest, influence) triples; the label is an acronym or a short name. Every point is also written
    out, with its quadrant, in the chart's description for screen readers.
    """

    points = [(str(label), int(interest), int(influence)) for label, interest, influence in points]
    left, top, bottom, right = 56, 12, 52, 12
    size = 5 * cell
    width, height = left + size + right, top + size + bottom
    high = 3  # the middle score counts as high: when in doubt, engage

    def quadrant(interest, influence):
        if influence >= high:
            return _("manage closely") if interest >= high else _("keep satisfied")
        return _("keep informed") if interest >= high else _("monitor")

    def x_of(interest, share=0.5):
        return round(left + (interest - 1 + share) * cell, 1)

    def y_of(influence, share=0.5):
        return round(top + (5 - influence + share) * cell, 1)

    # Quadrant backgrounds (the high side starts at the cell of score 3), then the grid and the axes.
    split_x, split_y = left + (high - 1) * cell, top + (5 - high + 1) * cell
    right_edge, bottom_edge = left + size, top + size
    # (x from, x to, y from, y to, fill, label, label on the right?, label at the bottom?)
    areas = [
        (left, split_x, top, split_y, "#fdf3e1", _("Keep satisfied"), False, False),
        (split_x, right_edge, top, split_y, "#fbe3e1", _("Manage closely"), True, False),
        (left, split_x, split_y, bottom_edge, "#eef1f4", _("Monitor"), False, True),
        (split_x, right_edge, split_y, bottom_edge, "#e5f1ea", _("Keep informed"), True, True),
    ]
    quadrants = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" text-anchor="{}" fill="{}" font-size="12" font-weight="bold">{}</text>',
        (
            (
                *(x0, y0, x1 - x0, y1 - y0, fill),
                x1 - 6 if on_right else x0 + 6,
                y1 - 8 if at_bottom else y0 + 16,
                "end" if on_right else "start",
                TEXT_COLOUR,
                label,
            )
            for x0, x1, y0, y1, fill, label, on_right, at_bottom in areas
        ),
    )
    lines = [(left + i * cell, top, left + i * cell, top + size) for i in range(6)]
    lines += [(left, top + i * cell, left + size, top + i * cell) for i in range(6)]
    grid = format_html_join(
        "", '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>', ((*line, GRID_COLOUR) for line in lines)
    )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text>',
        [(x_of(score), top + size + 16, TEXT_COLOUR, score) for score in range(1, 6)]
        + [(left - 12, y_of(score) + 4, TEXT_COLOUR, score) for score in range(1, 6)],
    )
    axes = format_html(
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12" transform="rotate(-90 {} {})">{}</text>',
        left + size / 2,
        top + size + 40,
        TEXT_COLOUR,
        _("Interest (1 low – 5 high)"),
        18,
        top + size / 2,
        TEXT_COLOUR,
        18,
        top + size / 2,
        _("Influence (1 low – 5 high)"),
    )

    # Stakeholders in the same cell are stacked (in columns when there are many), below the quadrant labels, so
    # that no dot or label hides another.
    by_cell: dict[tuple[int, int], list[str]] = {}
    for label, interest, influence in points:
        by_cell.setdefault((interest, influence), []).append(label)
    dots = []
    for (interest, influence), labels in sorted(by_cell.items()):
        columns = 1 if len(labels) <= 5 else 2 if len(labels) <= 10 else 3
        rows = -(-len(labels) // columns)
        for index, label in enumerate(labels):
            column, row = index % columns, index // columns
            cx = x_of(interest, 0.1 + column / columns)
            cy = y_of(influence, 0.22 + 0.7 * (row + 0.5) / rows)
            dots.append(
                (
                    _("%(label)s: interest %(interest)s, influence %(influence)s")
                    % {"label": label, "interest": interest, "influence": influence},
                    cx,
                    cy,
                    BAR_COLOUR,
                    round(cx + 7, 1),
                    round(cy + 3.5, 1),
                    TEXT_COLOUR,
                    label,
                )
            )
    body = format_html_join(
        "",
        '<g class="point"><title>{}</title><circle cx="{}" cy="{}" r="5" fill="{}"></circle>'
        '<text x="{}" y="{}" fill="{}" font-size="10">{}</text></g>',
        dots,
    )
    description = "; ".join(
        _("%(label)s: interest %(interest)s, influence %(influence)s (%(quadrant)s)")
        % {"label": label, "interest": interest, "influence": influence, "quadrant": quadrant(interest, influence)}
        for label, interest, influence in sorted(points, key=lambda point: (-point[2], -point[1], point[0].lower()))
    ) or _("No stakeholder has been placed yet.")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-matrix" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title>'
        '<desc id="{id}-d">{desc}</desc>{quadrants}{grid}{ticks}{axes}{body}</svg>',
        w=width,
        h=height,
        id=_identifier(title),
        title=title,
        desc=description,
        quadrants=quadrants,
        grid=grid,
        ticks=ticks,
        axes=axes,
        body=body,
    )


def _number(value: float) -> str:
    """A value as the reader writes it ("1,250.5" / "1 250,5"), without a float's noise digits."""
    return l10n.number(round(value, 4))


def _identifier(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]


__all__ = ["Bar", "horizontal_bar_chart", "interest_influence_matrix"]


# ---------------------------------------------------------------------------
# Gantt chart (the implementation plan's timeline)
# ---------------------------------------------------------------------------

# Bar colours by activity status. The status is also written beside every bar and in the legend, so that colour is
# never the only way to tell them apart.
GANTT_STATUS_COLOURS = {
    "planned": "#6e7781",
    "ongoing": "#1d5a8c",
    "delayed": "#b35900",
    "completed": "#1a7f37",
    "cancelled": "#b0b7bf",
}
TODAY_COLOUR = "#cf222e"


@dataclass(frozen=True)
class GanttRow:
    """One bar: an activity's label, its first and last day, its status (a key and its words), and the headings
    it sits under, outermost first (such as its outcome, then its output)."""

    label: str
    start: object  # datetime.date
    end: object  # datetime.date
    status: str
    status_label: str
    groups: tuple = ()


def gantt_chart(rows: list[GanttRow], *, title: str, start, end, today=None) -> SafeString:
    """
    A Gantt chart of dated rows between `start` and `end` (dates), drawn as an HTML table: one row per bar with the
    row's full label and its status in words, a heading row whenever a row's groups change, the years across the
    head (repeated on every printed page), a grid line at every first of January, today's line when today falls in
    the range, and a legend. The bar's dates are written out for screen readers.

    A table, not an SVG: labels wrap instead of being cut, and a long plan runs over as many printed pages as it
    needs. (WeasyPrint also lays SVG text out letter by letter, far too slowly for a plan of thousands of
    activities.) The timeline page and the plan's PDF both call this function.
    """

    end = max(end, start)
    span = (end - start).days + 1
    years = list(range(start.year, end.year + 1))

    def share(day) -> float:
        """Where `day` falls across the chart, as a percentage of its width (clipped to the range)."""
        day = min(max(day, start), end + timedelta(days=1))
        return round(100 * (day - start).days / span, 3)

    def dates(row):
        return f"{l10n.date(row.start)} – {l10n.date(row.end)}"

    # One grid line per year, drawn as a background that repeats every year's width.
    grid = format_html(
        ' style="background-image: linear-gradient(to right, {} 1px, transparent 1px); background-size: {}% 100%"',
        GRID_COLOUR,
        round(100 / len(years), 4),
    )
    marker = ""
    if today is not None and start <= today <= end:
        marker = format_html(
            '<span class="gantt-today" style="left: {}%; border-color: {}" aria-hidden="true"></span>',
            share(today),
            TODAY_COLOUR,
        )

    body, current = [], ()
    for row in rows:
        groups = tuple(str(group) for group in row.groups)
        common = 0
        while common < min(len(groups), len(current)) and groups[common] == current[common]:
            common += 1
        for depth in range(common, len(groups)):
            body.append(
                format_html(
                    '<tr class="gantt-group gantt-depth-{}"><th colspan="3" scope="colgroup">{}</th></tr>',
                    depth,
                    groups[depth],
                )
            )
        current = groups
        left = share(row.start)
        length = max(round(share(row.end + timedelta(days=1)) - left, 3), 0.3)
        body.append(
            format_html(
                '<tr class="gantt-row"><th scope="row" class="gantt-label">{}</th><td class="gantt-status">{}</td>'
                '<td class="gantt-track"{}>{}<span class="gantt-bar" '
                'style="margin-left: {}%; width: {}%; background: {}" title="{}"></span>'
                '<span class="visually-hidden">{}</span></td></tr>',
                row.label,
                row.status_label,
                grid,
                marker,
                left,
                length,
                GANTT_STATUS_COLOURS.get(row.status, BAR_COLOUR),
                f"{row.label}: {dates(row)}, {row.status_label}",
                dates(row),
            )
        )
    if not rows:
        body.append(
            format_html(
                '<tr><td colspan="3" class="gantt-empty">{}</td></tr>',
                _("No activity has both a start and an end date yet."),
            )
        )

    # The years across the head: each labelled at its first of January (the first one at the start).
    ticks = format_html_join(
        "",
        '<span class="gantt-year" style="left: {}%">{}</span>',
        ((share(max(start, start.replace(year=year, month=1, day=1))), year) for year in years),
    )
    today_label = (
        format_html(
            '<span class="gantt-today-label" style="left: {}%; color: {}">{}</span>',
            share(today),
            TODAY_COLOUR,
            _("Today"),
        )
        if marker
        else ""
    )

    # The legend: every status shown, as a swatch and its words.
    shown = {}
    for row in rows:
        shown.setdefault(row.status, row.status_label)
    keys = [key for key in GANTT_STATUS_COLOURS if key in shown]
    keys += [key for key in shown if key not in GANTT_STATUS_COLOURS]
    legend = format_html_join(
        "",
        '<li><span class="gantt-swatch" style="background: {}" aria-hidden="true"></span>{}</li>',
        ((GANTT_STATUS_COLOURS.get(key, BAR_COLOUR), shown[key]) for key in keys),
    )
    return format_html(
        '<table class="chart-gantt"><caption>{title} <span class="gantt-range">({range})</span></caption>'
        '<colgroup><col class="gantt-label-column"><col class="gantt-status-column"><col></colgroup>'
        '<thead><tr><th scope="col">{activity}</th><th scope="col">{status}</th>'
        '<th scope="col" class="gantt-axis"><span class="visually-hidden">{years}</span>{ticks}{today_label}</th></tr>'
        "</thead><tbody>{body}</tbody></table>{legend}",
        title=title,
        range=_("From %(start)s to %(end)s") % {"start": l10n.date(start), "end": l10n.date(end)},
        activity=_("Activity"),
        status=_("Status"),
        years=_("Years"),
        ticks=ticks,
        today_label=today_label,
        body=SafeString("".join(body)),
        legend=format_html('<ul class="gantt-legend" aria-label="{}">{}</ul>', _("Legend"), legend) if keys else "",
    )


def _shorten(text: str, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


__all__ = [*__all__, "GANTT_STATUS_COLOURS", "GanttRow", "gantt_chart"]


# ---------------------------------------------------------------------------
# Column chart of values by period (the migration-profile data series)
# ---------------------------------------------------------------------------

# One colour per group of columns (a breakdown's values, such as female and male), in order; each group is also
# named in the legend and in every column's title, so that colour is never the only way to tell them apart.
COLUMN_COLOURS = ("#1d5a8c", "#b35900", "#1a7f37", "#8250df", "#6e7781", "#cf222e")


@dataclass(frozen=True)
class ColumnGroup:
    """One group of columns across the periods, such as "Female": its label and one value per period (None when
    there is no value for that period)."""

    label: str
    values: tuple


def column_chart(
    periods: list[str], groups: list[ColumnGroup], *, title: str, unit: str = "", width: int = 640, height: int = 280
) -> SafeString:
    """
    A column chart of values by period: one cluster of columns per period, one column per group (the total, or
    each value of one breakdown such as sex), a zero line, four grid lines with their values, the periods below
    (every few when there are many) and a legend when there is more than one group. Every value is also written
    out in the chart's description for screen readers. Pure SVG with inline attributes, for the screen and
    WeasyPrint.
    """
    import math

    periods = [str(period) for period in periods]
    groups = [ColumnGroup(str(group.label), tuple(group.values)) for group in groups]
    left, right = 64, 12
    top = 26 if unit else 12  # room for the unit above the values' axis
    legend_height = 24 if len(groups) > 1 else 0
    axis_height = 28
    plot_width = width - left - right
    plot_height = height - top - axis_height - legend_height
    values = [float(value) for group in groups for value in group.values if value is not None]
    highest, lowest = max(values + [0.0]), min(values + [0.0])
    # Grid lines at round steps (1, 2, 2.5 or 5 times a power of ten), the axis running from one to another.
    step = _round_step((highest - lowest) / 4 or 1)
    highest = math.ceil(highest / step) * step or step
    lowest = math.floor(lowest / step) * step
    span = highest - lowest

    def y_of(value):
        return round(top + plot_height * (highest - value) / span, 1)

    steps = [lowest + step * index for index in range(round(span / step) + 1)]
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
        '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="11">{}</text>',
        (
            (left, y_of(step), left + plot_width, y_of(step), GRID_COLOUR, left - 6, y_of(step) + 4, TEXT_COLOUR)
            + (_short_number(step),)
            for step in steps
        ),
    )
    zero = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1.5"></line>',
        left,
        y_of(0),
        left + plot_width,
        y_of(0),
        TEXT_COLOUR,
    )

    slot = plot_width / max(len(periods), 1)
    column = max(min(slot * 0.8 / max(len(groups), 1), 48), 1)
    label_every = max(1, -(-len(periods) * 44 // max(plot_width, 1)))
    columns, labels = [], []
    for index, period in enumerate(periods):
        cluster_left = left + slot * index + (slot - column * len(groups)) / 2
        for number, group in enumerate(groups):
            value = group.values[index] if index < len(group.values) else None
            if value is None:
                continue
            value = float(value)
            y_top, y_bottom = sorted((y_of(value), y_of(0)))
            columns.append(
                (
                    f"{period}, {group.label}: {_number(value)}" if len(groups) > 1 else f"{period}: {_number(value)}",
                    round(cluster_left + number * column, 1),
                    y_top,
                    round(max(column - 1, 1), 1),
                    round(max(y_bottom - y_top, 0.5), 1),
                    COLUMN_COLOURS[number % len(COLUMN_COLOURS)],
                )
            )
        if index % label_every == 0:
            labels.append((round(left + slot * (index + 0.5), 1), top + plot_height + 18, TEXT_COLOUR, period))
    body = format_html_join(
        "",
        '<g class="column"><title>{}</title><rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect></g>',
        columns,
    )
    axis = format_html_join("", '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text>', labels)
    unit_label = (
        format_html('<text x="4" y="14" fill="{}" font-size="11" font-style="italic">{}</text>', TEXT_COLOUR, unit)
        if unit
        else ""
    )
    legend = ""
    if len(groups) > 1:
        legend_y = height - legend_height + 6
        legend = format_html_join(
            "",
            '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
            '<text x="{}" y="{}" fill="{}" font-size="11">{}</text>',
            (
                (
                    left + number * 130,
                    legend_y,
                    COLUMN_COLOURS[number % len(COLUMN_COLOURS)],
                    left + number * 130 + 18,
                    legend_y + 10,
                    TEXT_COLOUR,
                    _shorten(group.label, 18),
                )
                for number, group in enumerate(groups)
            ),
        )
    empty = ""
    if not values:
        empty = format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12">{}</text>',
            left + plot_width / 2,
            top + plot_height / 2,
            TEXT_COLOUR,
            _("No value has been recorded yet."),
        )

    def described(group):
        shown = [
            f"{period} {_number(float(value))}" if value is not None else f"{period} {_('no value')}"
            for period, value in zip(periods, group.values, strict=False)
        ]
        return (f"{group.label}: " if len(groups) > 1 else "") + ", ".join(shown)

    description = "; ".join(described(group) for group in groups) if values else _("No value has been recorded yet.")
    if unit and values:
        description = f"{description} ({unit})"
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-columns" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title>'
        '<desc id="{id}-d">{desc}</desc>{grid}{zero}{body}{axis}{unit}{legend}{empty}</svg>',
        w=width,
        h=height,
        id=_identifier(title),
        title=title,
        desc=description,
        grid=grid,
        zero=zero,
        body=body,
        axis=axis,
        unit=unit_label,
        legend=legend,
        empty=empty,
    )


def _round_step(rough: float) -> float:
    """The round step (1, 2, 2.5 or 5 times a power of ten) nearest above `rough`."""
    import math

    power = 10 ** math.floor(math.log10(rough))
    return next(factor * power for factor in (1, 2, 2.5, 5, 10) if factor * power >= rough)


def _short_number(value: float) -> str:
    """A grid line's value, short enough for the axis: 1200000 -> 1.2M, 15300 -> 15.3k."""
    for threshold, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= threshold:
            return f"{l10n.number(float(f'{value / threshold:.3g}'))}{suffix}"
    return l10n.number(float(f"{value:.3g}"))


__all__ = [*__all__, "COLUMN_COLOURS", "ColumnGroup", "column_chart"]


# ---------------------------------------------------------------------------
# An indicator against its baseline and targets (monitoring's dashboards and reports)
# ---------------------------------------------------------------------------

INDICATOR_VALUE_COLOUR = "#1d5a8c"
INDICATOR_TARGET_COLOUR = "#b35900"
INDICATOR_BASELINE_COLOUR = "#57606a"


@dataclass(frozen=True)
class ChartPoint:
    """One dated value of a time chart: its label (a period's name, a year), its date and its value (a number)."""

    label: str
    on: object  # datetime.date
    value: object  # Decimal, int or float


def indicator_chart(
    *,
    values: list[ChartPoint],
    targets: list[ChartPoint],
    baseline: ChartPoint | None = None,
    title: str,
    unit: str = "",
    chart_id: str = "",
    width: int = 640,
    height: int = 280,
) -> SafeString:
    """
    A line chart of one indicator on a time axis: the reported values (a solid line with round markers, at each
    period's end), the yearly targets (a dashed line with diamond markers, at each year's end) and the baseline (a
    dotted horizontal line from the baseline date, with a square marker). A tick at every first of January, four
    grid lines with their values, and a legend naming each line, so that colour is never the only clue; every
    point is also written out in the description for screen readers. The caller passes plain labels, dates and
    numbers (the core knows nothing of indicators). Pure SVG with inline attributes, for the screen and WeasyPrint.
    """
    import math

    values = sorted(values, key=lambda point: point.on)
    targets = sorted(targets, key=lambda point: point.on)
    everything = [*values, *targets, *([baseline] if baseline else [])]
    left, right = 64, 16
    top = 26 if unit else 12
    axis_height, legend_height = 28, 24
    plot_width = width - left - right
    plot_height = height - top - axis_height - legend_height
    identifier = "chart-" + "".join(ch if ch.isalnum() else "-" for ch in chart_id.lower())[:40] if chart_id else ""
    identifier = identifier or _identifier(title)

    numbers = [float(point.value) for point in everything]
    highest, lowest = max(numbers + [0.0]), min(numbers + [0.0])
    step = _round_step((highest - lowest) / 4 or 1)
    highest = math.ceil(highest / step) * step or step
    lowest = math.floor(lowest / step) * step
    span = highest - lowest

    if everything:
        first = min(point.on for point in everything)
        last = max(point.on for point in everything)
    else:
        first = last = date_type.today()
    start = date_type(first.year, 1, 1)
    end = date_type(last.year, 12, 31)
    days = max((end - start).days, 1)

    def x_of(day):
        return round(left + plot_width * (day - start).days / days, 1)

    def y_of(value):
        return round(top + plot_height * (highest - float(value)) / span, 1)

    steps = [lowest + step * index for index in range(round(span / step) + 1)]
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
        '<text x="{}" y="{}" text-anchor="end" fill="{}" font-size="11">{}</text>',
        (
            (left, y_of(s), left + plot_width, y_of(s), GRID_COLOUR, left - 6, y_of(s) + 4, TEXT_COLOUR)
            + (_short_number(s),)
            for s in steps
        ),
    )
    years = range(start.year, end.year + 1)
    ticks = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="11">{}</text>',
        (
            (
                x_of(date_type(year, 1, 1)),
                top,
                x_of(date_type(year, 1, 1)),
                top + plot_height,
                GRID_COLOUR,
                x_of(date_type(year, 7, 1)),
                top + plot_height + 18,
                TEXT_COLOUR,
                year,
            )
            for year in years
        ),
    )

    def line(points, colour, dash):
        if len(points) < 2:
            return ""
        coordinates = " ".join(f"{x_of(p.on)},{y_of(p.value)}" for p in points)
        return format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"{}></polyline>',
            coordinates,
            colour,
            format_html(' stroke-dasharray="{}"', dash) if dash else "",
        )

    def markers(points, colour, shape, what):
        drawn = []
        for point in points:
            x, y = x_of(point.on), y_of(point.value)
            label = f"{what} {point.label}: {_number(float(point.value))}"
            if shape == "circle":
                mark = format_html('<circle cx="{}" cy="{}" r="4" fill="{}"></circle>', x, y, colour)
            elif shape == "diamond":
                mark = format_html(
                    '<polygon points="{},{} {},{} {},{} {},{}" fill="{}"></polygon>',
                    x, y - 5, x + 5, y, x, y + 5, x - 5, y, colour,
                )  # fmt: skip
            else:
                mark = format_html('<rect x="{}" y="{}" width="8" height="8" fill="{}"></rect>', x - 4, y - 4, colour)
            drawn.append(format_html('<g class="point"><title>{}</title>{}</g>', label, mark))
        return SafeString("".join(drawn))

    baseline_line = ""
    if baseline is not None:
        baseline_line = format_html(
            '<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="{}" stroke-width="1.5" stroke-dasharray="2 3"></line>',
            x_of(baseline.on),
            left + plot_width,
            INDICATOR_BASELINE_COLOUR,
            y=y_of(baseline.value),
        )
    body = SafeString(
        "".join(
            [
                baseline_line,
                line(targets, INDICATOR_TARGET_COLOUR, "6 4"),
                line(values, INDICATOR_VALUE_COLOUR, ""),
                markers([baseline] if baseline else [], INDICATOR_BASELINE_COLOUR, "square", _("Baseline")),
                markers(targets, INDICATOR_TARGET_COLOUR, "diamond", _("Target")),
                markers(values, INDICATOR_VALUE_COLOUR, "circle", _("Reported")),
            ]
        )
    )
    unit_label = (
        format_html('<text x="4" y="14" fill="{}" font-size="11" font-style="italic">{}</text>', TEXT_COLOUR, unit)
        if unit
        else ""
    )
    legend_y = height - legend_height + 6
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
        '<text x="{}" y="{}" fill="{}" font-size="11">{}</text>',
        (
            (left + index * 150, legend_y, colour, left + index * 150 + 18, legend_y + 10, TEXT_COLOUR, label)
            for index, (colour, label) in enumerate(
                [
                    (INDICATOR_VALUE_COLOUR, _("Reported, to date")),
                    (INDICATOR_TARGET_COLOUR, _("Target")),
                    (INDICATOR_BASELINE_COLOUR, _("Baseline")),
                ]
            )
        ),
    )
    empty = ""
    if not values:
        empty = format_html(
            '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12">{}</text>',
            left + plot_width / 2,
            top + plot_height / 2,
            TEXT_COLOUR,
            _("No approved value yet."),
        )

    def described(points):
        return ", ".join(f"{point.label} {_number(float(point.value))}" for point in points)

    parts = []
    if baseline is not None:
        parts.append(_("Baseline: %(points)s") % {"points": described([baseline])})
    parts.append(_("Targets: %(points)s") % {"points": described(targets)} if targets else _("No target set."))
    parts.append(
        _("Reported, to date: %(points)s") % {"points": described(values)} if values else _("No approved value yet.")
    )
    description = "; ".join(parts) + (f" ({unit})" if unit else "")
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-indicator" role="img" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{title}</title>'
        '<desc id="{id}-d">{desc}</desc>{grid}{ticks}{body}{unit}{legend}{empty}</svg>',
        w=width,
        h=height,
        id=identifier,
        title=title,
        desc=description,
        grid=grid,
        ticks=ticks,
        body=body,
        unit=unit_label,
        legend=legend,
        empty=empty,
    )


__all__ = [*__all__, "ChartPoint", "indicator_chart"]
