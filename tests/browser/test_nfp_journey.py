"""The National Focal Point builds the process overview, downloads it and publishes it to partners."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

PHASE_COUNT = 7


def test_nfp_builds_downloads_and_publishes_the_overview(live_server, page, demo, tmp_path):
    from mainstreaming.choices import Visibility

    base_url = live_server.url
    login(page, base_url, "nfp")

    # The login lands on the list of processes.
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("heading", level=1, name="Your processes")).to_be_visible()
    page.get_by_role("link", name=demo.title).click()

    # The dashboard shows the seven phases.
    expect(page).to_have_url(f"{base_url}/processes/{demo.pk}/")
    expect(page.get_by_role("heading", level=1, name=demo.title)).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Phases")).to_be_visible()
    expect(page.locator("ol.phases > li")).to_have_count(PHASE_COUNT)
    expect(page.locator("ol.phases > li h3")).to_have_text([re.compile(rf"^{n}\. ") for n in range(1, 8)])
    assert_accessible(page)

    # Building the overview leads to the report page, which shows the link once the build is done.
    page.get_by_role("button", name="Build the process overview (PDF)").click()
    expect(page).to_have_url(re.compile(rf"/processes/{demo.pk}/reports/[0-9a-f-]{{36}}/$"))
    expect(page.get_by_role("heading", level=1, name="Process overview")).to_be_visible()
    download_link = page.get_by_role("link", name="Download the PDF")
    expect(download_link).to_be_visible(timeout=30_000)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    content = saved.read_bytes()
    assert content.startswith(b"%PDF")
    text = "\n".join(page_.extract_text() or "" for page_ in PdfReader(io.BytesIO(content)).pages)
    # The cover prints the country in capitals (CSS text-transform), so the extracted text is upper case there.
    assert "republic of meridia" in text.casefold()
    assert demo.title in text

    # Publishing asks for confirmation, then says it is done.
    page.get_by_role("link", name="Publish to partners").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Publish to partners"))).to_be_visible()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.locator(".messages .message-success")).to_have_text(
        "The report is published: development partners can now read it."
    )
    expect(page.get_by_role("link", name="Withdraw from partners")).to_be_visible()
    # The demo's plan PDF is a report too; the overview is the one built here.
    assert demo.reports.get(kind="process_overview").visibility == Visibility.PUBLISHED


def test_report_page_follows_a_build_in_progress(live_server, page, demo, monkeypatch):
    """
    With no worker picking the build up, the page shows it queued and polls (htmx); once the build is done the
    download link replaces the progress bar without a reload.
    """
    import types

    from mainstreaming import services, tasks

    queued = []
    monkeypatch.setattr(tasks, "build_report_pdf_task", types.SimpleNamespace(delay=queued.append))

    base_url = live_server.url
    login(page, base_url, "nfp")
    page.goto(f"{base_url}/processes/{demo.pk}/")
    page.get_by_role("button", name="Build the process overview (PDF)").click()
    expect(page).to_have_url(re.compile(rf"/processes/{demo.pk}/reports/[0-9a-f-]{{36}}/$"))
    expect(page.locator(".messages")).to_have_text("Your report is being built. This page follows its progress.")
    status = page.locator("#report-status")
    expect(status).to_contain_text("Waiting for a worker to start the build.")
    expect(status.get_by_role("progressbar", name="Build progress")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_have_count(0)
    # Only the status region: the message list above it has a known axe violation (see test_known_issues.py).
    assert_accessible(page, context="#report-status")
    assert len(queued) == 1

    # The build runs here, in the test; polls are held back meanwhile so that they never overlap its writes.
    page.route("**/status/", lambda route: route.abort())
    services.report_build(report_id=queued[0])
    page.unroute("**/status/")

    with page.expect_response(re.compile(r"/status/$"), timeout=10_000):
        expect(page.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=10_000)
    expect(status.get_by_role("progressbar")).to_have_count(0)
    expect(status).to_contain_text("Ready")
