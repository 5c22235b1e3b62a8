"""The Gantt chart of the plan's timeline: well-formed, accessible SVG, with bars placed by date and status in words."""

import re
import xml.etree.ElementTree as ET
from datetime import date

from django.test import SimpleTestCase

from mainstreaming.charts import GANTT_STATUS_COLOURS, GanttRow, gantt_chart

SVG = "{http://www.w3.org/2000/svg}"
START, END = date(2026, 1, 1), date(2028, 12, 31)


def rows():
    return [
        GanttRow(
            "Train <trainers> & mentors", date(2026, 1, 1), date(2026, 12, 31), "ongoing", "Ongoing", ("O1", "P1")
        ),
        GanttRow("Open two centres", date(2027, 7, 1), date(2028, 6, 30), "delayed", "Delayed", ("O1", "P2")),
        GanttRow("Survey returnees", date(2027, 1, 1), date(2027, 3, 31), "planned", "Planned", ("O2", "P3")),
    ]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


class GanttChartTests(SimpleTestCase):
    def test_it_is_well_formed_and_announced_as_an_image_with_a_title_and_description(self):
        root = parse(gantt_chart(rows(), title="Timeline of the activities", start=START, end=END))
        self.assertEqual((root.tag, root.get("role")), (f"{SVG}svg", "img"))
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        self.assertEqual(title.text, "Timeline of the activities")
        self.assertEqual(root.get("aria-labelledby"), f"{title.get('id')} {desc.get('id')}")
        self.assertIn("Open two centres: 1 Jul 2027 – 30 Jun 2028, Delayed", desc.text)
        self.assertIn("From 1 Jan 2026 to 31 Dec 2028.", desc.text)

    def test_labels_are_escaped(self):
        svg = str(gantt_chart(rows(), title="A <b> title", start=START, end=END))
        self.assertNotIn("<trainers>", svg)
        self.assertIn("Train &lt;trainers&gt; &amp; mentors", svg)
        self.assertIn("A &lt;b&gt; title", svg)
        parse(svg)

    def test_bars_sit_on_their_dates_and_carry_their_status_colour(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END, width=900))
        bars = [
            rect
            for group in root.iter(f"{SVG}g")
            if group.get("class") == "gantt-row"
            for rect in group.iter(f"{SVG}rect")
        ]
        self.assertEqual(len(bars), 3)
        first, second, third = bars
        # The plot starts after the label and status columns; 2026 is the first of three years of about equal width.
        self.assertAlmostEqual(float(first.get("x")), 396, delta=0.5)
        self.assertAlmostEqual(float(first.get("width")), 488 / 3, delta=1)
        self.assertLess(float(first.get("x")), float(third.get("x")))
        self.assertLess(float(third.get("x")), float(second.get("x")))
        self.assertEqual(
            [bar.get("fill") for bar in bars],
            [GANTT_STATUS_COLOURS["ongoing"], GANTT_STATUS_COLOURS["delayed"], GANTT_STATUS_COLOURS["planned"]],
        )

    def test_the_status_is_written_out_and_the_legend_names_every_status_shown(self):
        svg = str(gantt_chart(rows(), title="T", start=START, end=END))
        for status in ("Ongoing", "Delayed", "Planned"):
            # beside its bar and in the legend
            self.assertGreaterEqual(len(re.findall(rf">{status}</text>", svg)), 2, status)
        self.assertNotIn(">Completed</text>", svg)

    def test_headings_appear_when_the_groups_change(self):
        root = parse(gantt_chart(rows(), title="T", start=START, end=END))
        headings = [
            group.find(f"{SVG}text").text for group in root.iter(f"{SVG}g") if group.get("class") == "gantt-group"
        ]
        self.assertEqual(headings, ["O1", "P1", "P2", "O2", "P3"])

    def test_a_tick_for_every_year_and_today_only_within_the_range(self):
        svg = str(gantt_chart(rows(), title="T", start=START, end=END, today=date(2027, 5, 1)))
        for year in (2026, 2027, 2028):
            self.assertIn(f">{year}</text>", svg)
        self.assertIn("gantt-today", svg)
        self.assertIn(">Today</text>", svg)
        outside = str(gantt_chart(rows(), title="T", start=START, end=END, today=date(2031, 1, 1)))
        self.assertNotIn("gantt-today", outside)

    def test_bars_beyond_the_range_are_clipped_to_it(self):
        long = [GanttRow("Long", date(2020, 1, 1), date(2035, 1, 1), "planned", "Planned")]
        root = parse(gantt_chart(long, title="T", start=START, end=END, width=900))
        bar = next(group for group in root.iter(f"{SVG}g") if group.get("class") == "gantt-row").find(f"{SVG}rect")
        self.assertAlmostEqual(float(bar.get("x")), 396, delta=0.5)
        self.assertAlmostEqual(float(bar.get("x")) + float(bar.get("width")), 884, delta=0.5)

    def test_an_empty_chart_says_so(self):
        root = parse(gantt_chart([], title="T", start=START, end=END))
        self.assertIn("No activity has both a start and an end date yet.", "".join(root.itertext()))
