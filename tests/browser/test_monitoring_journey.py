"""
A reporting period from opening to approval: the NFP opens the next reporting period from the monitoring pages;
the Ministry of Labour's focal point finds its report on the dashboard, enters every indicator's value (with its
breakdown by sex where it has one) and every activity's status, percent done and spending, saves the draft and
submits it; the facilitator approves it; the NFP builds the period's progress report as a PDF and publishes it;
a development partner finds it under Reports, reads it and downloads the PDF, which prints Labour's approved report.
"""

import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

CHALLENGES = "Two regional offices reported late; their figures are estimates."


def logout(page):
    page.get_by_role("button", name="Log out").click()


def next_period(demo) -> tuple[str, date, date]:
    """The year after the demo's latest reporting period (or the plan's first year)."""
    from monitoring.models import ReportingPeriod

    latest = ReportingPeriod.objects.filter(process=demo).order_by("-ends_on").first()
    year = latest.ends_on.year + 1 if latest else max(demo.period_start, 2025)
    return str(year), date(year, 1, 1), date(year, 12, 31)


def fill_indicator(page, row) -> None:
    """Type a plausible value into the fields of one indicator, as the demo would (monitoring.demo.reporting)."""
    from monitoring.demo.reporting import demo_value

    indicator = row.indicator
    data = demo_value(indicator, None)
    prefix = f"indicator-{indicator.pk}"
    section = page.locator(f"#indicator-{indicator.pk}")
    if data.numerator:
        section.locator(f'[name="{prefix}-numerator"]').fill(data.numerator)
        section.locator(f'[name="{prefix}-denominator"]').fill(data.denominator)
    elif section.locator(f'select[name="{prefix}-value"]').count():
        section.locator(f'select[name="{prefix}-value"]').select_option(data.value)
    else:
        section.locator(f'[name="{prefix}-value"]').fill(data.value)
    for group, entry in (data.disaggregation or {}).get("sex", {}).items():
        if isinstance(entry, dict):
            section.locator(f'[name="{prefix}-sex-{group}-numerator"]').fill(entry["numerator"])
            section.locator(f'[name="{prefix}-sex-{group}-denominator"]').fill(entry["denominator"])
        else:
            section.locator(f'[name="{prefix}-sex-{group}"]').fill(entry)


def test_a_period_from_opening_to_the_progress_report_a_donor_downloads(live_server, page, demo, tmp_path):
    from monitoring.choices import ReportStatus
    from monitoring.models import ProgressReport
    from monitoring.selectors.reporting import report_items

    base_url = live_server.url
    label, starts_on, ends_on = next_period(demo)

    # The NFP opens the period from the monitoring phase.
    login(page, base_url, "nfp")
    page.goto(f"{base_url}/processes/{demo.pk}/phases/monitoring/")
    page.get_by_role("link", name="Progress reports").first.click()
    expect(page.get_by_role("heading", level=1, name="Progress reports")).to_be_visible()
    page.get_by_role("link", name="Open a period").first.click()
    page.get_by_label("Name").fill(label)
    page.get_by_label("Starts").fill(starts_on.isoformat())
    page.get_by_label("Ends").fill(ends_on.isoformat())
    page.get_by_label("Reports due").fill(date(ends_on.year + 1, 1, 31).isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Open the period").click()
    expect(page.locator(".messages")).to_contain_text("The period is open")
    expect(page.get_by_role("heading", level=1, name=label)).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Ministry of Labour")
    assert_accessible(page)
    logout(page)

    report = ProgressReport.objects.get(period__process=demo, period__label=label, institution__acronym="MoLSP")
    items = report_items(report)
    assert items.indicators or items.activities

    # Labour finds its report on the dashboard and fills it in.
    login(page, base_url, "labour")
    page.goto(f"{base_url}/processes/{demo.pk}/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Progress reports to fill in"))
    panel.get_by_role("link", name=re.compile(rf": {label}$")).click()
    expect(page).to_have_url(f"{base_url}{report.get_absolute_url()}")
    page.get_by_role("link", name="Fill in the report").click()
    for row in items.indicators:
        fill_indicator(page, row)
    for row in items.activities:
        fieldset = page.locator(f"#activity-{row.activity.pk}")
        fieldset.get_by_label("Status").select_option(label="On track")
        fieldset.get_by_label("Percent done").fill("50")
        fieldset.get_by_label("Spent in the period").fill("1000")
        fieldset.get_by_label("What happened").fill("The work went ahead as planned.")
    page.get_by_label("Challenges").fill(CHALLENGES)
    assert_accessible(page)
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messages")).to_contain_text("Draft saved")
    expect(page.locator("#challenges ~ p").first).to_contain_text(CHALLENGES)

    page.get_by_role("link", name="Submit for review").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Submit for review"))).to_be_visible()
    expect(page.locator("#missing-items")).to_have_count(0)
    page.get_by_label(re.compile("^Note to the reviewers")).fill("Figures checked with the employment agency.")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("The report has been submitted")
    expect(page.locator("#report-summary")).to_contain_text("Submitted")
    logout(page)

    # The facilitator approves it.
    login(page, base_url, "facilitator")
    page.goto(f"{base_url}{report.get_absolute_url()}")
    expect(page.locator("#steps ~ ol")).to_contain_text("Figures checked with the employment agency.")
    page.get_by_role("link", name="Review", exact=True).click()
    page.get_by_label(re.compile("Approve the report")).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".messages")).to_contain_text("The report is approved")
    expect(page.locator("#report-summary")).to_contain_text("Approved")
    assert_accessible(page)

    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED
    assert report.approved_by.username == "facilitator"
    assert report.submitted_by.username == "labour"
    logout(page)

    # The NFP builds the period's progress report as a PDF and publishes it to development partners.
    login(page, base_url, "nfp")
    page.goto(f"{base_url}{report.period.get_absolute_url()}")
    page.get_by_role("button", name="Build the progress report (PDF)").click()
    expect(page).to_have_url(re.compile(rf"/processes/{demo.pk}/reports/[0-9a-f-]{{36}}/$"))
    expect(page.get_by_role("heading", level=1, name="Periodic progress report")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=30_000)
    built_url = page.url
    page.get_by_role("link", name="Publish to partners").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages .message-success")).to_contain_text("The report is published")
    # The period's page lists the PDF it was built from.
    page.goto(f"{base_url}{report.period.get_absolute_url()}")
    expect(page.locator("#pdf ~ ul")).to_contain_text("Published")
    logout(page)

    # The donor finds it under Reports, opens it and downloads the PDF.
    login(page, base_url, "donor")
    page.goto(f"{base_url}/processes/{demo.pk}/reports/")
    page.get_by_role("link", name="Periodic progress report").first.click()
    expect(page).to_have_url(built_url)
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    saved = tmp_path / "progress-report.pdf"
    download_info.value.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert label in text
    assert "Ministry of Labour" in text
    assert " ".join(CHALLENGES.split()[:4]) in text
    # Other ministries' reports of the period are still drafts: the donor's reports page has no way to them.
    page.goto(f"{base_url}/processes/{demo.pk}/periods/")
    expect(page.get_by_role("heading", level=1, name="Progress reports")).to_have_count(0)
