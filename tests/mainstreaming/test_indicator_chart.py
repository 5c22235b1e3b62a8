"""The indicator chart (values to date against baseline and targets): well-formed, accessible SVG, points placed by
date and value, every point written out for screen readers, labels escaped, and an empty chart that says so."""

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from django.test import SimpleTestCase

from mainstreaming.charts import INDICATOR_TARGET_COLOUR, INDICATOR_VALUE_COLOUR, ChartPoint, indicator_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(**overrides):
    arguments = {
        "values": [
            ChartPoint("2028", date(2028, 12, 31), Decimal("110")),
            ChartPoint("2027", date(2027, 12, 31), Decimal("40")),
        ],
        "targets": [
            ChartPoint("2027", date(2027, 12, 31), Decimal("150")),
            ChartPoint("2028", date(2028, 12, 31), Decimal("200")),
        ],
        "baseline": ChartPoint("2026-01-01", date(2026, 1, 1), Decimal("100")),
        "title": "Workers oriented",
        "unit": "workers",
        "chart_id": "indicator-7",
    } | overrides
    return ET.fromstring(str(indicator_chart(**arguments)))


class IndicatorChartTests(SimpleTestCase):
    def test_it_is_an_image_with_a_title_and_a_description_of_every_point(self):
        root = chart()
        self.assertEqual((root.tag, root.get("role")), (f"{SVG}svg", "img"))
        title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
        self.assertEqual(title.text, "Workers oriented")
        self.assertEqual(title.get("id"), "chart-indicator-7-t")
        self.assertEqual(root.get("aria-labelledby"), "chart-indicator-7-t chart-indicator-7-d")
        self.assertEqual(
            desc.text,
            "Baseline: 2026-01-01 100; Targets: 2027 150, 2028 200; Reported, to date: 2027 40, 2028 110 (workers)",
        )

    def test_values_and_targets_are_lines_with_a_titled_marker_per_point(self):
        root = chart()
        lines = {line.get("stroke"): line for line in root.iter(f"{SVG}polyline")}
        self.assertEqual(set(lines), {INDICATOR_VALUE_COLOUR, INDICATOR_TARGET_COLOUR})
        self.assertIn("stroke-dasharray", lines[INDICATOR_TARGET_COLOUR].attrib)
        titles = [group.find(f"{SVG}title").text for group in root.iter(f"{SVG}g")]
        self.assertEqual(
            titles,
            [
                "Baseline 2026-01-01: 100",
                "Target 2027: 150",
                "Target 2028: 200",
                "Reported 2027: 40",
                "Reported 2028: 110",
            ],
        )
        # Later and higher points sit further right and further up.
        x = [float(point.split(",")[0]) for point in lines[INDICATOR_VALUE_COLOUR].get("points").split()]
        y = [float(point.split(",")[1]) for point in lines[INDICATOR_VALUE_COLOUR].get("points").split()]
        self.assertLess(x[0], x[1])
        self.assertGreater(y[0], y[1])

    def test_the_years_are_labelled_on_the_axis(self):
        texts = [text.text for text in chart().iter(f"{SVG}text")]
        for year in ("2026", "2027", "2028"):
            self.assertIn(year, texts)
        self.assertIn("Reported, to date", texts)

    def test_labels_are_escaped(self):
        svg = str(indicator_chart(values=[], targets=[], title="A <b> title", unit="<u>"))
        self.assertNotIn("<b>", svg)
        self.assertIn("A &lt;b&gt; title", svg)
        ET.fromstring(svg)

    def test_an_empty_chart_says_there_is_no_value(self):
        root = chart(values=[], targets=[], baseline=None)
        self.assertIn("No approved value yet.", [text.text for text in root.iter(f"{SVG}text")])
        self.assertIn("No target set.", root.find(f"{SVG}desc").text)

    def test_a_single_value_draws_a_marker_without_a_line(self):
        root = chart(values=[ChartPoint("2027", date(2027, 12, 31), 40)], targets=[], baseline=None)
        self.assertEqual(list(root.iter(f"{SVG}polyline")), [])
        self.assertEqual(len(list(root.iter(f"{SVG}circle"))), 1)
