"""
The assignment's review table (situation_analysis.workflows), walked row by row: each step is refused to a person
without its rule, refused from a wrong status, refused without a reason where one is required, and writes one
history row with who and why.
"""

from django.core.exceptions import PermissionDenied, ValidationError

from mainstreaming import workflow
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus as S
from situation_analysis.models import Assignment
from situation_analysis.workflows import ASSIGNMENT
from tests.situation_analysis.test_assignments import AssignmentCase


class AssignmentWorkflowTests(AssignmentCase):
    # The status each step is tried from, who may take it, and who may not.
    ROWS = {
        "submit": (S.DRAFT, "own", ("nfp", "other", "facilitator", "donor")),
        "approve": (S.SUBMITTED, "facilitator", ("own", "other", "donor")),
        "request_changes": (S.SUBMITTED, "facilitator", ("own", "other", "donor")),
        "reopen": (S.APPROVED, "nfp", ("facilitator", "own", "other", "donor")),
    }

    def put_in(self, status):
        Assignment.objects.filter(pk=self.assignment.pk).update(status=status)
        return self.reload()

    def test_the_table_is_registered_for_the_model(self):
        self.assertIs(workflow.workflow_of(Assignment), ASSIGNMENT)
        self.assertEqual({t.name for t in ASSIGNMENT.transitions}, set(self.ROWS))

    def test_each_step_is_refused_without_its_rule(self):
        for name, (status, _allowed, refused) in self.ROWS.items():
            for role in refused:
                with self.subTest(step=name, role=role), self.assertRaises(PermissionDenied):
                    ASSIGNMENT.perform(getattr(self.cast, role), self.put_in(status), name, reason="Why")
                self.assertEqual(self.reload().status, status)

    def test_each_step_is_refused_from_a_wrong_status(self):
        for name, (_status, allowed, _refused) in self.ROWS.items():
            for wrong in set(S.values) - set(ASSIGNMENT[name].sources):
                with self.subTest(step=name, status=wrong), self.assertRaises(ValidationError):
                    ASSIGNMENT.perform(getattr(self.cast, allowed), self.put_in(wrong), name, reason="Why")
                self.assertEqual(self.reload().status, wrong)

    def test_a_reason_is_required_where_declared(self):
        for name, (status, allowed, _refused) in self.ROWS.items():
            if not ASSIGNMENT[name].reason_required:
                continue
            with self.subTest(step=name), self.assertRaises(ValidationError) as raised:
                ASSIGNMENT.perform(getattr(self.cast, allowed), self.put_in(status), name, reason="  ")
            self.assertIn("reason", raised.exception.message_dict)
        self.assertEqual({t.name for t in ASSIGNMENT.transitions if t.reason_required}, {"request_changes", "reopen"})

    def test_each_step_moves_the_status_and_writes_who_and_why(self):
        self.answer_everything()
        for name, (status, allowed, _refused) in self.ROWS.items():
            with self.subTest(step=name):
                actor = getattr(self.cast, allowed)
                assignment = self.put_in(status)
                self.assertTrue(assignment.can(actor, name))
                self.assertIn(name, [t.name for t in assignment.actions_for(actor)])
                ASSIGNMENT.perform(actor, assignment, name, reason=f"Because {name}")
                assignment = self.reload()
                self.assertEqual(assignment.status, ASSIGNMENT[name].target)
                row = assignment.history.latest("history_date")
                self.assertEqual(row.history_user, actor)
                self.assertEqual(row.history_change_reason, f"{ASSIGNMENT[name].audit_code}: Because {name}")

    def test_the_steps_a_person_sees_follow_the_table(self):
        self.assertEqual(
            [t.name for t in self.put_in(S.SUBMITTED).actions_for(self.cast.facilitator)],
            ["approve", "request_changes"],
        )
        self.assertEqual([t.name for t in self.put_in(S.SUBMITTED).actions_for(self.cast.own)], [])
        self.assertEqual([t.name for t in self.put_in(S.APPROVED).actions_for(self.cast.nfp)], ["reopen"])


class AssignmentRuleNarrowingTests(AssignmentCase):
    """Each rule's list narrowing agrees with its check on one record."""

    def test_narrowing_agrees_with_the_check(self):
        self.answer_everything()
        for status in (S.DRAFT, S.SUBMITTED, S.APPROVED):
            Assignment.objects.filter(pk=self.assignment.pk).update(status=status)
            assignment = self.reload()
            for rule in (
                permissions.VIEW,
                permissions.READ,
                permissions.ANSWER,
                permissions.CONTRIBUTE,
                permissions.COMMENT,
                permissions.REVIEW,
                permissions.MANAGE,
            ):
                for role in ("nfp", "own", "other", "facilitator", "donor", "outsider"):
                    user = getattr(self.cast, role)
                    with self.subTest(status=status, rule=rule, role=role):
                        listed = Assignment.objects.filter(pk=assignment.pk).restrict(user, rule).exists()
                        self.assertEqual(listed, permissions.core.allows(user, rule, assignment))
