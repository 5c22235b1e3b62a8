"""Changes made in the phase apps appear in the process's audit trail, named and linked to their record."""

from django.test import TestCase
from django.urls import reverse

from situation_analysis.services import checklists as analysis_services
from situation_analysis.services import findings as finding_services
from stakeholders.services import setup as setup_services
from tests.cast import make_cast
from tests.situation_analysis.test_checklists import make_template


class ProcessTrailTests(TestCase):
    def test_the_trail_lists_phase_app_records_with_their_reasons_and_links(self):
        cast = make_cast()
        setup_services.precondition_load(actor=cast.nfp, process=cast.process)
        checklist = analysis_services.checklist_adopt(actor=cast.nfp, process=cast.process, template=make_template())
        question = checklist.questions.order_by("block", "position").first()
        analysis_services.question_drop(actor=cast.nfp, question=question, reason="Not relevant here")

        self.client.force_login(cast.facilitator)
        response = self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk]))
        self.assertContains(response, "Precondition: ")
        self.assertContains(response, reverse("stakeholders:precondition_list", args=[cast.process.pk]))
        self.assertContains(response, f"Checklist question: {question.code}")
        self.assertContains(response, "Not relevant here")
        self.assertContains(
            response, reverse("situation_analysis:checklist_history", args=[cast.process.pk, checklist.pk])
        )

    def test_a_plan_version_links_to_its_own_page(self):
        from tests.implementation_plans.builders import make_plan_version

        cast = make_cast()
        version = make_plan_version(cast, status="in_review")

        self.client.force_login(cast.facilitator)
        response = self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk]))
        self.assertContains(response, f"Plan version {version.number}")
        self.assertContains(response, version.get_absolute_url())

    def test_every_kind_of_plan_record_is_in_the_trail(self):
        from django.apps import apps

        from mainstreaming.history import trail_sources

        traced = {source.model for source in trail_sources()}
        # Reference content has no process; a score is a committee member's own (shown on the ranking).
        untraced = {"SdgTarget", "GcmObjective", "ProgrammeExample", "PriorityScore"}
        for model in apps.get_app_config("implementation_plans").get_models():
            if model.__name__.startswith("Historical") or model.__name__ in untraced:
                continue
            with self.subTest(model=model.__name__):
                self.assertIn(model, traced)


def _finding(cast):
    return finding_services.finding_create(
        actor=cast.nfp, process=cast.process, statement="Few migrants are counted", detail="Census 2020"
    )


class TrailLinksOpenTests(TestCase):
    """A link in the audit trail is shown only when its page would open for the reader (issue 12, no dead links)."""

    def test_a_deleted_record_is_named_but_not_linked(self):
        cast = make_cast()
        finding = _finding(cast)
        detail = reverse("situation_analysis:finding_detail", args=[cast.process.pk, finding.pk])
        self.client.force_login(cast.facilitator)
        self.assertContains(self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk])), detail)

        finding_services.finding_delete(actor=cast.nfp, finding=finding, reason="Entered twice")
        response = self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk]))
        self.assertContains(response, "Entered twice")
        self.assertNotContains(response, detail)

    def test_a_record_the_reader_may_not_open_is_named_but_not_linked(self):
        from dataclasses import replace

        from mainstreaming import history, permissions
        from situation_analysis.models import Finding

        cast = make_cast()
        finding = _finding(cast)
        detail = reverse("situation_analysis:finding_detail", args=[cast.process.pk, finding.pk])
        # A rule that lets only the NFP open findings stands for a per-ministry rule (a draft report's).
        permissions.register_rule(
            "test.finding.nfp_only",
            lambda who, obj: permissions.allows(who, permissions.MANAGE_PROCESS, obj),
            narrow=lambda user, queryset: permissions.restrict(queryset, user, permissions.MANAGE_PROCESS),
        )
        sources = history._TRAIL_SOURCES
        index = next(i for i, source in enumerate(sources) if source.model is Finding)
        original = sources[index]
        sources[index] = replace(original, link_rule="test.finding.nfp_only")
        try:
            self.client.force_login(cast.facilitator)
            response = self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk]))
            self.assertContains(response, "Finding: ")
            self.assertNotContains(response, detail)
            self.client.force_login(cast.nfp)
            self.assertContains(
                self.client.get(reverse("mainstreaming:process_history", args=[cast.process.pk])), detail
            )
        finally:
            sources[index] = original
