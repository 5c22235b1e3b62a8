"""
The Gantt chart of the plan's timeline: a table with every row's full label, its status in words, bars placed by
date, the years across the head and a legend; the same function draws the timeline page and the plan's PDF.
"""

import re
from datetime import date

import tinyhtml5
from django.test import SimpleTestCase

from mainstreaming.charts import GANTT_STATUS_COLOURS, GanttRow, gantt_chart

HTML = "{http://www.w3.org/1999/xhtml}"
START, END = date(2026, 1, 1), date(2028, 12, 31)
LONG_TITLE = (
    "Train the governmental labour inspectorates of every northern governorate on fair recruitment, "
    "interministerial coordination and the recognition of professional qualifications"
)


def rows():
    return [
        GanttRow(
            "Train <trainers> & mentors", date(2026, 1, 1), date(2026, 12, 31), "ongoing", "Ongoing", ("O1", "P1")
        ),
        GanttRow("Open two centres", date(2027, 7, 1), date(2028, 6, 30), "delayed", "Delayed", ("O1", "P2")),
        GanttRow("Survey returnees", date(2027, 1, 1), date(2027, 3, 31), "planned", "Planned", ("O2", "P3")),
    ]


def parse(chart):
    return tinyhtml5.parse(str(chart))


def by_class(root, name):
    return [element for element in root.iter() if name in (element.get("class") or "").split()]


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def style(element, name) -> str:
    return re.search(rf"(?:^|;)\s*{name}:\s*([^;]+)", element.get("style")).group(1).strip()


class GanttChartTests(SimpleTestCase):
    def test_it_is_a_table_with_a_visible_title_the_range_and_headed_columns(self):
        root = parse(gantt_chart(rows(), title="Timeline of the activities", start=START, end=END))
        (table,) = by_class(root, "chart-gantt")
        self.assertEqual(table.tag, f"{HTML}table")
        self.assertEqual(
            text(table.find(f"{HTML}caption")), "Timeline of the activities (From 1 Jan 2026 to 31 Dec 2028)"
        )
        headers = [text(th) for th in table.find(f"{HTML}thead").iter(f"{HTML}th")]
        self.assertEqual(headers[:2], ["Activity", "Status"])

    def test_every_row_keeps_its_full_label_and_writes_its_dates_out(self):
        long = [GanttRow(LONG_TITLE, date(2027, 1, 1), date(2027, 6, 30), "planned", "Planned")]
        root = parse(gantt_chart(rows() + long, title="T", start=START, end=END))
        labels = [text(cell) for cell in by_class(root, "gantt-label")]
        self.assertEqual(labels, ["Train <trainers> & mentors", "Open two centres", "Survey returnees", LONG_TITLE])
        self.assertIn("1 Jul 2027 – 30 Jun 2028", text(by_class(root, "gantt-track")[1]))

    def test_labels_are_escaped(self):
        chart = str(gantt_chart(rows(), title="A <b> title", start=START, end=END))
        self.assertNotIn("<trainers>", chart)
        self.assertIn("Train &lt;trainers&gt; &amp; mentors", chart)
        self.assertIn("A &lt;b&gt; title", chart)

    def test_bars_sit_on_their_dates_and_carry_their_status_colour(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END))
        bars = by_class(root, "gantt-bar")
        self.assertEqual(len(bars), 3)
        first, second, third = bars
        # 2026 is the first of three years of about equal width.
        self.assertAlmostEqual(float(style(first, "margin-left").rstrip("%")), 0, delta=0.01)
        self.assertAlmostEqual(float(style(first, "width").rstrip("%")), 100 / 3, delta=0.1)
        self.assertAlmostEqual(float(style(second, "margin-left").rstrip("%")), 100 * 546 / 1096, delta=0.01)
        self.assertLess(float(style(third, "margin-left").rstrip("%")), float(style(second, "margin-left").rstrip("%")))
        self.assertEqual(
            [style(bar, "background") for bar in bars],
            [GANTT_STATUS_COLOURS["ongoing"], GANTT_STATUS_COLOURS["delayed"], GANTT_STATUS_COLOURS["planned"]],
        )

    def test_the_status_is_written_out_and_the_legend_names_every_status_shown(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END))
        self.assertEqual([text(cell) for cell in by_class(root, "gantt-status")], ["Ongoing", "Delayed", "Planned"])
        (legend,) = by_class(root, "gantt-legend")
        self.assertEqual([text(item) for item in legend.iter(f"{HTML}li")], ["Planned", "Ongoing", "Delayed"])

    def test_headings_appear_when_the_groups_change(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END))
        self.assertEqual([text(row) for row in by_class(root, "gantt-group")], ["O1", "P1", "P2", "O2", "P3"])

    def test_a_tick_for_every_year_and_today_only_within_the_range(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END, today=date(2027, 5, 1)))
        self.assertEqual([text(tick) for tick in by_class(root, "gantt-year")], ["2026", "2027", "2028"])
        self.assertEqual(len(by_class(root, "gantt-today")), 3)
        self.assertEqual([text(label) for label in by_class(root, "gantt-today-label")], ["Today"])
        outside = parse(gantt_chart(rows(), title="T", start=START, end=END, today=date(2031, 1, 1)))
        self.assertEqual(by_class(outside, "gantt-today") + by_class(outside, "gantt-today-label"), [])

    def test_bars_beyond_the_range_are_clipped_to_it(self):
        long = [GanttRow("Long", date(2020, 1, 1), date(2035, 1, 1), "planned", "Planned")]
        (bar,) = by_class(parse(gantt_chart(long, title="T", start=START, end=END)), "gantt-bar")
        self.assertEqual(float(style(bar, "margin-left").rstrip("%")), 0)
        self.assertAlmostEqual(float(style(bar, "width").rstrip("%")), 100, delta=0.01)

    def test_an_empty_chart_says_so(self):
        root = parse(gantt_chart([], title="T", start=START, end=END))
        self.assertIn("No activity has both a start and an end date yet.", text(root))
        self.assertEqual(by_class(root, "gantt-legend"), [])
