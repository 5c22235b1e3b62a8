"""A development partner reads what the National Focal Point published, and nothing that is still internal."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def _built_report(process, actor):
    """Request a report through the services; its build runs in-process once the request has committed."""
    from mainstreaming import services
    from mainstreaming.choices import BuildStatus

    report = services.report_request(actor=actor, process=process)
    report.refresh_from_db()
    assert report.status == BuildStatus.DONE, report.error
    return report


def test_donor_sees_and_downloads_only_published_reports(live_server, page, demo, tmp_path):
    from mainstreaming import services
    from mainstreaming.choices import Role, Visibility

    nfp = demo.memberships.get(role=Role.NFP).user
    published = services.report_publish(actor=nfp, report=_built_report(demo, nfp), reason="For partners")
    internal = _built_report(demo, nfp)

    base_url = live_server.url
    login(page, base_url, "donor")
    page.get_by_role("link", name=demo.title).click()
    expect(page.get_by_role("heading", level=1, name=demo.title)).to_be_visible()

    # Under Reports the donor finds the published reports (this overview, and the demo plan's PDF) and no other.
    page.get_by_role("navigation", name="Process").get_by_role("link", name="Reports").click()
    expect(page).to_have_url(f"{base_url}/processes/{demo.pk}/reports/")
    expect(page.get_by_role("heading", level=1, name="Reports")).to_be_visible()
    rows = page.locator("table.data tbody tr")
    expect(rows).to_have_count(demo.reports.filter(visibility=Visibility.PUBLISHED).count())
    row = rows.filter(has=page.locator(f'a[href="{published.get_absolute_url()}"]'))
    expect(row).to_have_count(1)
    expect(page.locator(f'a[href="{internal.get_absolute_url()}"]')).to_have_count(0)
    expect(page.get_by_role("button", name="Build the process overview (PDF)")).to_have_count(0)
    assert_accessible(page)

    row.get_by_role("link", name="Process overview").click()
    expect(page).to_have_url(f"{base_url}{published.get_absolute_url()}")
    expect(page.get_by_role("link", name="Publish to partners")).to_have_count(0)
    expect(page.get_by_role("link", name="Withdraw from partners")).to_have_count(0)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the PDF").click()
    saved = tmp_path / "published.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.stat().st_size == published.file_size

    # The internal report is not there for the donor, even by its address.
    response = page.goto(f"{base_url}{internal.get_absolute_url()}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1, name="Page not found")).to_be_visible()
    expect(page.get_by_text(re.compile("Download the PDF"))).to_have_count(0)
    response = page.request.get(f"{base_url}/processes/{demo.pk}/reports/{internal.pk}/download/")
    assert response.status == 404
