"""
SVG charts drawn on the server. The screens and the PDFs call the same functions, so a chart looks the same in
the browser and on paper, and needs no JavaScript.
"""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


def _number(value: float) -> str:
    return f"{value:g}"


def _identifier(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]


__all__ = ["Bar", "horizontal_bar_chart", "mark_safe"]
