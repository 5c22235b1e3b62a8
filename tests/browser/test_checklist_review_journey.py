"""
The health checklist from first answer to approval: the Ministry of Health's focal point answers every question
and submits; the facilitator comments on one question and requests changes; the focal point reads the comment,
changes that answer and submits again; the facilitator approves.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

ASSESSMENTS = ["Yes", "Partly", "No", "Don't know", "Not applicable"]
COMMENT = "Which study shows this? Please name the source."
REQUEST = "Give the source of the answer commented on, then submit again."
NEW_NARRATIVE = "The 2024 health-workforce survey of the Ministry of Health shows it for nine districts of eleven."


def logout(page):
    page.get_by_role("button", name="Log out").click()


def fresh_health_assignment(demo):
    """The demo's health checklist, assigned to the Ministry of Health and not answered yet."""
    from mainstreaming.models import Comment, Institution
    from situation_analysis.models import Answer, Assignment, Checklist
    from situation_analysis.services import assignments as services

    checklist = Checklist.objects.get(process=demo, sector__code="health")
    # The demo may have answered and approved it already: start again from an unanswered assignment.
    answers = Answer.objects.filter(assignment__checklist=checklist).values_list("pk", flat=True)
    Comment.objects.filter(target_id__in=[str(pk) for pk in answers]).delete()
    Assignment.objects.filter(checklist=checklist).delete()
    nfp = demo.memberships.get(user__username="nfp").user
    health = Institution.objects.get(process=demo, acronym="MoH")
    return services.assignment_create(
        actor=nfp, checklist=checklist, lead=health, due_on=timezone.localdate() + timedelta(days=28)
    )


def test_health_answers_the_facilitator_requests_a_change_health_resubmits_and_it_is_approved(live_server, page, demo):
    from situation_analysis.choices import AssignmentStatus
    from situation_analysis.models import Assignment
    from situation_analysis.selectors.assignments import assignment_questions

    assignment = fresh_health_assignment(demo)
    questions = assignment_questions(assignment=assignment)
    commented = questions[1]
    base_url = live_server.url
    answer_url = f"{base_url}{assignment.get_absolute_url()}"

    # The health ministry's focal point finds the checklist from the situation analysis.
    login(page, base_url, "health")
    page.goto(f"{base_url}/processes/{demo.pk}/checklists/")
    page.get_by_role("link", name="Checklist assignments").click()
    expect(page.get_by_role("heading", level=1, name="Checklist assignments")).to_be_visible()
    page.get_by_role("link", name=re.compile(rf"^{assignment.checklist.code} ")).click()
    expect(page).to_have_url(answer_url)
    expect(page.get_by_role("heading", level=1, name=re.compile(assignment.checklist.title))).to_be_visible()

    # Every question: an assessment and a narrative; the first one also cites a data source.
    for index, question in enumerate(questions):
        section = page.locator(f"#question-{question.pk}")
        section.get_by_label(ASSESSMENTS[index % len(ASSESSMENTS)], exact=True).check()
        section.get_by_label("Narrative").fill(f"What we know about {question.code}.")
    page.locator(f"#question-{questions[0].pk}").get_by_label("Labour Force Survey").check()
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_have_text("Draft saved")
    expect(page.locator(f"#question-{questions[0].pk}").get_by_label("Narrative")).to_have_value(
        f"What we know about {questions[0].code}."
    )

    # Submitting asks for confirmation.
    page.get_by_role("link", name="Submit for review").first.click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Submit for review"))).to_be_visible()
    page.get_by_role("button", name="Submit the answers").click()
    expect(page.locator(".messages")).to_contain_text("The answers have been submitted")
    expect(page.locator("#assignment-summary")).to_contain_text("Submitted")
    logout(page)

    # The facilitator comments on one question and requests changes.
    login(page, base_url, "facilitator")
    page.goto(answer_url)
    section = page.locator(f"#question-{commented.pk}")
    expect(section).to_contain_text(f"What we know about {commented.code}.")
    section.get_by_label(f"Comment on {commented.code}").fill(COMMENT)
    section.get_by_role("button", name=f"Add comment on {commented.code}").click()
    expect(page.locator(".messages")).to_have_text(f"Your comment on {commented.code} has been added.")
    expect(page.locator(f"#question-{commented.pk}")).to_contain_text(COMMENT)
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_label(re.compile("Request changes")).check()
    page.get_by_label(re.compile("^Note to the lead institution")).fill(REQUEST)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("back in draft")
    logout(page)

    # Health sees the request and the comment, changes that answer and submits again.
    login(page, base_url, "health")
    page.goto(answer_url)
    expect(page.locator("#assignment-summary")).to_contain_text("Changes requested")
    expect(page.locator("#assignment-summary")).to_contain_text(REQUEST)
    section = page.locator(f"#question-{commented.pk}")
    expect(section).to_contain_text(COMMENT)
    section.get_by_label("Narrative").fill(NEW_NARRATIVE)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_have_text("Draft saved")
    page.get_by_role("link", name="Submit for review").first.click()
    page.get_by_label(re.compile("^Note to the reviewers")).fill("Source added.")
    page.get_by_role("button", name="Submit the answers").click()
    expect(page.locator(".messages")).to_contain_text("The answers have been submitted")
    logout(page)

    # The facilitator approves.
    login(page, base_url, "facilitator")
    page.goto(answer_url)
    expect(page.locator(f"#question-{commented.pk}")).to_contain_text(NEW_NARRATIVE)
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_label(re.compile("Approve the answers")).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_have_text("The answers are approved: every ministry can now read them.")
    expect(page.locator("#assignment-summary")).to_contain_text("Approved")
    assert_accessible(page)

    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment.status == AssignmentStatus.APPROVED
    assert assignment.reviewed_by.username == "facilitator"
    assert assignment.answers.get(question=commented).narrative == NEW_NARRATIVE
