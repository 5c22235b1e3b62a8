"""
SVG charts drawn on the server. The screens and the PDFs call the same functions, so a chart looks the same in
the browser and on paper, and needs no JavaScript.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
    from django.utils.translation import gettext as _

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
    return f"{value:g}"


def _identifier(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]


__all__ = ["Bar", "horizontal_bar_chart", "interest_influence_matrix"]
