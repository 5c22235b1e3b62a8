"""Numbers, amounts, percentages and dates in the reader's language, and numbers typed in it."""

import datetime
from decimal import Decimal

from django import forms
from django.template import Context, Template
from django.test import SimpleTestCase
from django.utils import translation

from mainstreaming import l10n
from mainstreaming.forms import LocalizedNumberInput

NBSP = "\xa0"


class FormattingTests(SimpleTestCase):
    def test_an_amount_reads_in_each_language(self):
        with translation.override("en"):
            self.assertEqual(l10n.amount(Decimal("362300"), "USD"), "362,300.00\xa0USD")
        with translation.override("fr"):
            self.assertEqual(l10n.amount(Decimal("362300"), "USD"), "362\xa0300,00\xa0USD")

    def test_an_amount_is_rounded_half_up_not_cut(self):
        with translation.override("en"):
            self.assertEqual(l10n.amount(Decimal("0.125")), "0.13")
            self.assertEqual(l10n.amount(Decimal("-0.001"), "EUR"), "0.00\xa0EUR")

    def test_a_percentage_has_one_decimal_unless_told(self):
        with translation.override("en"):
            self.assertEqual(l10n.percent(Decimal("12")), "12.0\xa0%")
        with translation.override("fr"):
            self.assertEqual(l10n.percent(Decimal("13.3125")), "13,3\xa0%")
            self.assertEqual(l10n.percent(Decimal("89.2079"), 2), "89,21\xa0%")

    def test_a_plain_number_keeps_its_own_decimals_without_trailing_zeros(self):
        with translation.override("fr"):
            self.assertEqual(l10n.number(Decimal("1250.5000")), "1\xa0250,5")
            self.assertEqual(l10n.number(Decimal("1E+3")), "1\xa0000")
        with translation.override("en"):
            self.assertEqual(l10n.number(12500), "12,500")
            self.assertEqual(l10n.number("not a number"), "")
            self.assertEqual(l10n.number(None), "")

    def test_dates_have_one_style_per_language(self):
        day = datetime.date(2026, 12, 5)
        with translation.override("en"):
            self.assertEqual(l10n.date(day), "5 Dec 2026")
        with translation.override("fr"):
            self.assertEqual(l10n.date(day), "5 déc. 2026")
            self.assertEqual(l10n.date(datetime.date(2026, 6, 1)), "1 juin 2026")
            moment = datetime.datetime(2026, 12, 5, 14, 30, tzinfo=datetime.UTC)
            self.assertEqual(l10n.date_time(moment), "5 déc. 2026, 14:30 UTC")

    def test_the_template_filters_and_the_date_filter_read_the_same(self):
        template = Template(
            "{% load mainstreaming_l10n %}{{ total|amount:'USD' }}|{{ share|percent }}|{{ n|number }}|{{ day|date }}"
        )
        context = Context(
            {"total": Decimal("362300"), "share": 12, "n": Decimal("1250.50"), "day": datetime.date(2026, 11, 20)}
        )
        with translation.override("fr"):
            self.assertEqual(template.render(context), "362\xa0300,00\xa0USD|12,0\xa0%|1\xa0250,5|20 nov. 2026")
        with translation.override("en"):
            self.assertEqual(template.render(context), "362,300.00\xa0USD|12.0\xa0%|1,250.5|20 Nov 2026")

    def test_a_year_printed_bare_is_not_grouped(self):
        with translation.override("en"):
            self.assertEqual(Template("{{ year }}").render(Context({"year": 2026})), "2026")

    def test_xlsx_formats_group_thousands_and_keep_the_decimals_a_figure_has(self):
        self.assertEqual(l10n.xlsx_number_format(Decimal("1250")), "#,##0")
        self.assertEqual(l10n.xlsx_number_format(Decimal("1250.5000")), "#,##0.0")
        self.assertEqual(l10n.xlsx_number_format(Decimal("0.123456")), "#,##0.0000")


class ParsingTests(SimpleTestCase):
    def test_french_numbers_read_back_with_any_space_between_thousands(self):
        with translation.override("fr"):
            for typed in ("15,1", "15.1", " 15,1 "):
                self.assertEqual(l10n.parse_number(typed), "15.1")
            for typed in ("1 234,5", "1\xa0234,5", "1\u202f234,5"):
                self.assertEqual(l10n.parse_number(typed), "1234.5")

    def test_english_numbers_read_back_with_commas_between_thousands_only(self):
        with translation.override("en"):
            self.assertEqual(l10n.parse_number("1,234.5"), "1234.5")
            self.assertEqual(l10n.parse_number("1,234,567"), "1234567")
            # A comma elsewhere is not a thousands separator: left for the field to refuse, never read as 151.
            self.assertEqual(l10n.parse_number("15,1"), "15,1")


class LocalizedNumberInputTests(SimpleTestCase):
    class Form(forms.Form):
        share = forms.DecimalField(max_digits=10, decimal_places=2, widget=LocalizedNumberInput)
        count = forms.IntegerField(widget=LocalizedNumberInput(integer=True))

    def test_a_french_decimal_comma_and_grouped_thousands_are_accepted(self):
        with translation.override("fr"):
            form = self.Form({"share": "15,1", "count": "1\u202f234"})
            self.assertTrue(form.is_valid(), form.errors)
        self.assertEqual(form.cleaned_data, {"share": Decimal("15.1"), "count": 1234})

    def test_an_english_decimal_point_is_accepted_and_a_stray_comma_refused(self):
        with translation.override("en"):
            self.assertTrue(self.Form({"share": "15.1", "count": "1,234"}).is_valid())
            form = self.Form({"share": "15,1", "count": "3"})
            self.assertFalse(form.is_valid())
            self.assertIn('value="15,1"', str(form["share"]))

    def test_the_value_is_shown_in_the_language_without_thousands_separators_and_round_trips(self):
        with translation.override("fr"):
            form = self.Form(initial={"share": Decimal("1234.50"), "count": 12000})
            html = str(form["share"]) + str(form["count"])
            self.assertIn('value="1234,50"', html)
            self.assertIn('value="12000"', html)
            self.assertIn('type="text"', html)
            self.assertIn('inputmode="decimal"', html)
            again = self.Form({"share": "1234,50", "count": "12000"})
            self.assertTrue(again.is_valid())
            self.assertEqual(again.cleaned_data["share"], Decimal("1234.50"))


class DateInputTests(SimpleTestCase):
    class Form(forms.Form):
        held_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

    def test_a_french_date_input_is_filled_with_the_iso_date_browsers_expect(self):
        with translation.override("fr"):
            html = str(self.Form(initial={"held_on": datetime.date(2026, 12, 5)})["held_on"])
            self.assertIn('value="2026-12-05"', html)
            self.assertTrue(self.Form({"held_on": "2026-12-05"}).is_valid())
            self.assertTrue(self.Form({"held_on": "05/12/2026"}).is_valid())
