"""
A stored breakdown reads in a fixed order on every page, PDF and export: PostgreSQL's jsonb keeps a dict's keys
sorted (so "men" before "women"), which must never decide what a reader sees first.
"""

from django.test import SimpleTestCase

from monitoring.models import IndicatorValue
from monitoring.models.reporting import breakdowns_of
from monitoring.reports import breakdown_lines


class BreakdownOrderTests(SimpleTestCase):
    stored = {
        "region": {"North": "7", "Coast": "3"},
        "age": {"65+": "1", "15-24": "4", "25-64": "5"},
        "sex": {"men": "25", "women": "15"},
    }

    def test_dimensions_follow_the_dimension_list_and_fixed_groups_their_own_order(self):
        shown = breakdowns_of(self.stored)
        self.assertEqual([b.label for b in shown], ["Sex", "Age", "Region"])
        self.assertEqual(shown[0].groups, [("Women", "15"), ("Men", "25")])
        self.assertEqual(shown[1].groups, [("15–24 years", "4"), ("25–64 years", "5"), ("65 years and over", "1")])
        self.assertEqual(shown[2].groups, [("North", "7"), ("Coast", "3")])  # named groups as entered

    def test_fractions_show_their_parts_and_the_value_and_the_pdf_line_read_the_same(self):
        value = IndicatorValue(disaggregation={"sex": {"men": {"numerator": "3", "denominator": "10"}}})
        self.assertEqual(value.breakdowns[0].groups, [("Men", "3 / 10")])
        self.assertEqual(breakdown_lines(self.stored)[0], "Sex: Women 15, Men 25")
        self.assertEqual(breakdowns_of({}), [])
