"""
Regressions once found by the browser tests: a page showing a message must stay accessible, and the report
pages must fit a 360 px screen with every scrolling table reachable by keyboard.
"""

import types

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser


def test_page_with_a_message_is_accessible(live_server, page, demo, monkeypatch):
    from mainstreaming import tasks

    # No build needed: the message shown after asking for one is enough.
    monkeypatch.setattr(tasks, "build_report_pdf_task", types.SimpleNamespace(delay=lambda report_id: None))
    login(page, live_server.url, "nfp")
    page.goto(f"{live_server.url}/processes/{demo.pk}/reports/")
    page.get_by_role("button", name="Build the process overview (PDF)").click()
    expect(page.locator(".messages")).to_be_visible()
    assert_accessible(page)


def test_report_pages_on_a_small_screen(live_server, browser, demo):
    from mainstreaming import services
    from mainstreaming.choices import Role

    nfp = demo.memberships.get(role=Role.NFP).user
    report = services.report_request(actor=nfp, process=demo)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        login(page, live_server.url, "nfp")
        problems = []

        page.goto(f"{live_server.url}{report.get_absolute_url()}")
        expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1] + 1:
            problems.append(f"the report page scrolls sideways: scrollWidth {widths[0]} > innerWidth {widths[1]}")

        page.goto(f"{live_server.url}{report.get_absolute_url()}history/")
        try:
            assert_accessible(page)
        except AssertionError as error:
            problems.append(str(error))

        assert not problems, "\n".join(problems)
    finally:
        context.close()
