"""
From a finding to the published plan: the National Focal Point opens a finding of the situation analysis, writes a
goal that answers it and a priority that cites it, adds an outcome under the goal, an output under the outcome, an
activity under the output (its responsible institution and dates) and a budget line on the activity, then takes
the plan through the workflow: sent for review, endorsed with the committee's decision, published. The
development partner then reads the new version on the plan's page and downloads its PDF.

The demo has already published version 1 and is back in draft: the journey makes and publishes the next version.
The committee meeting that endorses it is recorded in the set-up, through the services (the committees' pages are
another journey).
"""

import io
import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

GOAL = "Returning migrant health workers find posts in the district hospitals"
PRIORITY = "Recognise the qualifications that returning health workers earned abroad"
OUTCOME = "Returning health workers are back in public service within six months"
OUTPUT = "A fast-track recognition procedure for foreign health qualifications"
ACTIVITY = "Draft the fast-track recognition procedure with the nursing council"
BUDGET_LINE = "Four drafting workshops with the nursing council"
DECISION = "The committee endorses the revised implementation plan, with the return of health workers."


def logout(page):
    page.get_by_role("button", name="Log out").click()


def process_nav(page):
    return page.get_by_role("navigation", name="Process")


def open_phase(page, label):
    process_nav(page).get_by_role("link", name=re.compile(rf"^\d\. {re.escape(label)}$")).click()
    expect(page.get_by_role("heading", level=1, name=label)).to_be_visible()


def back_to_plan(page, plan):
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="The plan", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(plan.get_absolute_url())}$"))
    expect(page.get_by_role("heading", level=1, name=plan.title)).to_be_visible()


def finding_label(finding):
    """How the goal and priority forms label a finding's checkbox (FindingChoiceField)."""
    sector = finding.sector.name if finding.sector_id else "Across sectors"
    return f"{sector}: {finding.statement[:160]}"


def endorsing_decision(demo):
    """The national committee's meeting held today that endorses the next version, with its decision."""
    from stakeholders.choices import CommitteeKind, MeetingStatus
    from stakeholders.models import Committee
    from stakeholders.services import committees as services

    nfp = demo.memberships.get(user__username="nfp").user
    committee = Committee.objects.get(process=demo, kind=CommitteeKind.NATIONAL)
    meeting = services.meeting_create(
        actor=nfp,
        committee=committee,
        held_on=timezone.localdate(),
        place="Prime Minister's Office, Conference Room B",
        agenda="Endorsement of the revised implementation plan",
        status=MeetingStatus.HELD,
    )
    return services.decision_create(actor=nfp, meeting=meeting, text=DECISION)


def test_nfp_takes_a_finding_to_a_published_plan_and_the_donor_downloads_its_pdf(live_server, page, demo, tmp_path):
    from implementation_plans.choices import PlanStatus, VersionStatus
    from implementation_plans.models import Activity, Plan, PlanVersion
    from mainstreaming.choices import BuildStatus, Visibility
    from mainstreaming.models import Institution
    from situation_analysis.models import Finding

    plan = Plan.objects.get(process=demo)
    # The demo published version 1, then started a new draft.
    assert plan.status == PlanStatus.DRAFT
    published_before = PlanVersion.objects.get(process=demo, status=VersionStatus.PUBLISHED)
    next_number = PlanVersion.objects.filter(process=demo).count() + 1
    decision = endorsing_decision(demo)
    finding = Finding.objects.filter(process=demo).select_related("sector").order_by("pk").first()
    health = Institution.objects.get(process=demo, acronym="MoH")
    year = plan.starts_in or demo.period_start
    base_url = live_server.url

    # The focal point opens the finding from the situation analysis.
    login(page, base_url, "nfp")
    page.get_by_role("link", name=demo.title).click()
    open_phase(page, "Situation analysis")
    page.get_by_role("link", name="Findings", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Findings")).to_be_visible()
    page.get_by_role("link", name=finding.statement[:100]).first.click()
    expect(page).to_have_url(f"{base_url}{finding.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1, name=finding.statement)).to_be_visible()

    # A goal that answers it.
    open_phase(page, "Goals and priorities")
    page.get_by_role("link", name="Goals", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Goals")).to_be_visible()
    page.get_by_role("link", name="Write a goal").click()
    expect(page.get_by_role("heading", level=1, name="Write a goal")).to_be_visible()
    page.get_by_label("Goal:", exact=True).fill(GOAL)
    page.get_by_label("Rationale").fill("The finding shows health workers who come back and find no post.")
    page.get_by_role("group", name="Findings it answers").get_by_label(finding_label(finding)).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The goal has been recorded.")
    expect(page.get_by_role("heading", level=1, name=GOAL)).to_be_visible()

    # A priority under the goal that cites the finding, selected for the plan.
    page.get_by_role("link", name="Propose a priority").first.click()
    expect(page.get_by_role("heading", level=1, name="Propose a priority")).to_be_visible()
    page.get_by_label("Priority:", exact=True).fill(PRIORITY)
    page.get_by_role("group", name="Findings it cites").get_by_label(finding_label(finding)).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The candidate priority has been added.")
    expect(page.get_by_role("heading", level=1, name=PRIORITY)).to_be_visible()
    expect(page.locator("#findings + ul")).to_contain_text(finding.statement)
    page.get_by_role("link", name="Select for the plan").click()
    page.get_by_label("Reason").fill("Ranked first by the committee.")
    page.get_by_role("button", name="Select the priority").click()
    expect(page.locator(".messages")).to_have_text("The priority is selected: give it SMART targets next.")

    # The goal page shows the golden thread from the finding to the goal and its priority.
    page.get_by_role("main").get_by_role("link", name=GOAL).first.click()
    expect(page.get_by_role("heading", level=1, name=GOAL)).to_be_visible()
    thread = page.get_by_role("region", name=re.compile("^The golden thread"))
    expect(thread).to_contain_text(finding.statement[:100])
    expect(thread).to_contain_text(PRIORITY)
    assert_accessible(page)

    # An outcome under the goal, delivering the priority.
    page.get_by_role("link", name="Add an outcome").click()
    expect(page.get_by_role("heading", level=1, name="Add an outcome")).to_be_visible()
    page.get_by_label("Outcome:", exact=True).fill(OUTCOME)
    page.get_by_label("Priority it delivers").select_option(label=PRIORITY)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The outcome has been added.")
    expect(page.get_by_role("heading", level=1, name="Outcome")).to_be_visible()
    expect(page.locator(".lead")).to_have_text(OUTCOME)

    # An output under the outcome.
    page.get_by_role("link", name="Add an output").click()
    expect(page.get_by_role("heading", level=1, name="Add an output")).to_be_visible()
    page.get_by_label("Output:", exact=True).fill(OUTPUT)
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The output has been added.")
    expect(page.get_by_role("heading", level=1, name="Output")).to_be_visible()

    # An activity under the output, with its responsible institution and dates.
    page.get_by_role("link", name="Add an activity").click()
    expect(page.get_by_role("heading", level=1, name="Add an activity")).to_be_visible()
    page.get_by_label("Activity:", exact=True).fill(ACTIVITY)
    page.get_by_label("Responsible institution").select_option(label=str(health))
    page.get_by_label("Start:", exact=True).fill(date(year, 2, 1).isoformat())
    page.get_by_label("End:", exact=True).fill(date(year, 11, 30).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The activity has been added.")
    expect(page.get_by_role("heading", level=1, name="Activity")).to_be_visible()
    details = page.locator("dl.details").first
    expect(details).to_contain_text(health.name)
    expect(details).to_contain_text(f"1 Feb {year}")
    expect(details).to_contain_text(f"30 Nov {year}")

    # A budget line on the activity.
    page.get_by_role("link", name="Add a budget line").click()
    expect(page.get_by_role("heading", level=1, name="Add a budget line")).to_be_visible()
    page.get_by_label("Year:", exact=True).fill(str(year))
    page.get_by_label("Description:", exact=True).fill(BUDGET_LINE)
    page.get_by_label("Amount:", exact=True).fill("12500")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_have_text("The budget line has been added.")
    budget = page.get_by_role("region", name="Budget lines")
    expect(budget).to_contain_text(BUDGET_LINE)
    expect(budget).to_contain_text("12,500.00")
    assert_accessible(page)

    # The results chain shows the new branch.
    page.get_by_role("navigation", name="Breadcrumbs").get_by_role("link", name="Results chain").click()
    expect(page.get_by_role("heading", level=1, name="Results chain")).to_be_visible()
    goal_section = page.locator(
        "section.chain-goal", has=page.get_by_role("heading", level=2, name=re.compile(re.escape(GOAL)))
    )
    expect(goal_section).to_contain_text(OUTCOME)
    expect(goal_section).to_contain_text(OUTPUT)
    expect(goal_section).to_contain_text(ACTIVITY)
    assert_accessible(page)

    # The plan: send it for review, record the endorsement, publish it.
    open_phase(page, "Implementation plan")
    page.get_by_role("link", name="The plan", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=plan.title)).to_be_visible()
    expect(page.locator(".steps [aria-current=step]")).to_have_text("Draft")
    expect(page.get_by_role("main")).to_contain_text(ACTIVITY)
    assert_accessible(page)

    page.get_by_role("link", name="Send for review").click()
    expect(page.get_by_role("heading", level=1, name="Send the plan for review")).to_be_visible()
    page.get_by_role("button", name="Send for review").click()
    expect(page.locator(".messages")).to_have_text("The plan has been sent for review: this version is frozen.")
    expect(page.get_by_role("heading", level=1, name=f"{plan.title}: Version {next_number} In review")).to_be_visible()

    # The committee's decision endorses it.
    back_to_plan(page, plan)
    expect(page.locator(".steps [aria-current=step]")).to_have_text("In review")
    page.get_by_role("link", name="Record the endorsement").click()
    expect(page.get_by_role("heading", level=1, name="Record the endorsement")).to_be_visible()
    page.get_by_role("group", name="Committee decision").get_by_label(re.compile(re.escape(DECISION))).check()
    page.get_by_role("button", name="Record the endorsement").click()
    expect(page.locator(".messages")).to_have_text("The endorsement has been recorded.")
    expect(page.get_by_role("heading", level=1, name=re.compile(f"Version {next_number} Endorsed$"))).to_be_visible()
    expect(page.locator("dl.details").first).to_contain_text(DECISION)

    # Publishing asks for confirmation first.
    back_to_plan(page, plan)
    expect(page.locator(".steps [aria-current=step]")).to_have_text("Endorsed")
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Publish the plan")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(f"read version {next_number} of the plan")
    page.get_by_role("button", name="Publish to partners").click()
    expect(page.locator(".messages")).to_have_text(
        "The plan is published: development partners now read this version. Its PDF is being built."
    )
    expect(page.get_by_role("heading", level=1, name=re.compile(f"Version {next_number} Published$"))).to_be_visible()
    # Celery runs in-process: the PDF was built before the publish request returned, so its link is there.
    expect(page.get_by_role("link", name="Its PDF")).to_be_visible()
    back_to_plan(page, plan)
    expect(page.locator(".steps [aria-current=step]")).to_have_text("Published")
    expect(page.get_by_role("main")).to_contain_text(f"Published: version {next_number}.")

    version = PlanVersion.objects.get(process=demo, number=next_number)
    assert version.status == VersionStatus.PUBLISHED
    assert version.endorsement_decision == decision
    published_before.refresh_from_db()
    assert published_before.status == VersionStatus.SUPERSEDED
    # Built by the report pipeline, and published to partners once built (plan_report_built).
    report = version.report
    report.refresh_from_db()
    assert report.status == BuildStatus.DONE, report.error
    assert report.visibility == Visibility.PUBLISHED
    assert Activity.objects.filter(process=demo, title=ACTIVITY).exists()
    logout(page)

    # The development partner reads the new version and downloads its PDF.
    login(page, base_url, "donor")
    page.get_by_role("link", name=demo.title).click()
    open_phase(page, "Implementation plan")
    page.get_by_role("link", name="The plan", exact=True).click()
    expect(page.get_by_role("heading", level=1, name=plan.title)).to_be_visible()
    expect(page.get_by_text(f"Version {next_number}, published on")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(ACTIVITY)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the plan (PDF)").click()
    saved = tmp_path / "plan.pdf"
    download_info.value.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = "".join(page_.extract_text() or "" for page_ in PdfReader(io.BytesIO(content)).pages)
    # The matrix's narrow columns wrap the title over several lines, breaking words (and "fast-track" after its
    # hyphen): compare without whitespace.
    assert re.sub(r"\s+", "", ACTIVITY) in re.sub(r"\s+", "", text)
