"""
The plan's PDF at national size: a plan of 2,000 activities builds, and its text holds every activity's full title
both in the results matrix and in the timeline, with no ordinary word of the matrix split by a line break (a word
breaks only where hyphenation puts a hyphen).
"""

import io
import re

import pypdf
from django.test import TestCase
from django.utils import timezone

from implementation_plans.reports import implementation_plan_context
from implementation_plans.services import plan as services
from mainstreaming.models import Report
from mainstreaming.pdf import render_pdf
from tests.cast import make_cast
from tests.implementation_plans.builders import make_national_plan

ACTIVITIES = 2000
HYPHENS = ("\u2010", "-", "\xad")  # what a line ends with when hyphenation broke a word there


def joined(text: str) -> str:
    """The text with hyphenated words put back together and every line break read as a space."""
    for hyphen in HYPHENS:
        text = text.replace(f"{hyphen}\n", "")
    return " ".join(text.split())


class NationalPlanPdfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.plan = make_national_plan(cls.cast, activities=ACTIVITIES)
        version = services.plan_submit(actor=cls.cast.nfp, process=cls.cast.process)
        report = Report(
            process=cls.cast.process, kind=services.IMPLEMENTATION_PLAN, parameters={"version": version.number}
        )
        report.requested_by = cls.cast.nfp
        now = timezone.now()
        context = {"report": report, "process": cls.cast.process, "data_read_at": now}
        context |= implementation_plan_context(report, now)
        rendered = render_pdf(template_name="pdf/implementation_plan.html", context=context)
        pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(rendered.content)).pages]
        text = "\n".join(pages[2:])  # after the cover and the contents
        matrix_start = text.index("Part 2. Results and action matrix")
        timeline_start = text.index("Timeline of the activities")
        cls.matrix = text[matrix_start:timeline_start]
        cls.timeline = text[timeline_start : text.index("Part 3. Monitoring and evaluation", timeline_start)]

    def test_every_activity_has_its_full_title_in_the_matrix_and_in_the_timeline(self):
        matrix, timeline = joined(self.matrix), joined(self.timeline)
        missing_in_matrix = [title for title in self.plan.activity_titles if title not in matrix]
        missing_in_timeline = [title for title in self.plan.activity_titles if title not in timeline]
        self.assertEqual((missing_in_matrix[:3], missing_in_timeline[:3]), ([], []))

    def test_no_word_of_the_matrix_is_split_by_a_line_break(self):
        words = {word for title in self.plan.activity_titles for word in re.findall(r"[A-Za-z]+", title)}
        lines = [line.strip() for line in self.matrix.splitlines() if line.strip()]
        split = []
        for line, following in zip(lines, lines[1:], strict=False):
            if line.endswith(HYPHENS):
                continue  # hyphenation: the word goes on after its hyphen
            end = re.search(r"([A-Za-z]+)$", line)
            start = re.match(r"([A-Za-z]+)", following)
            if not (end and start):
                continue
            head, tail = end.group(1), start.group(1)
            if head + tail in words and not (head in words and tail in words):
                split.append(f"{line} | {following}")
        self.assertEqual(split, [])
