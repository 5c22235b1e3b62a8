"""
Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

The browser is launched once per session; each test gets a fresh context (its own cookies and downloads).
Chromium is never downloaded: without /usr/bin/chromium the tests skip with a reason, and CI (FAIL_ON_SKIP=1)
turns that skip into a failure.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo"
# Failing impacts; "minor" and "moderate" findings are printed but do not fail a test.
BLOCKING_IMPACTS = {"serious", "critical"}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_context_args():
    """Options for the per-test context; a test module may override this fixture (e.g. a small viewport)."""
    return {}


@pytest.fixture
def page(browser, browser_context_args):
    context = browser.new_context(accept_downloads=True, **browser_context_args)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo country of load_demo: returns its process."""
    import io

    from django.core.management import call_command

    from mainstreaming.models import Process

    call_command("load_demo", stdout=io.StringIO())
    return Process.objects.get(country="Republic of Meridia")


def login(page, base_url, username, password=DEMO_PASSWORD):
    """Log in through the login form, finding its fields by their labels."""
    from playwright.sync_api import expect

    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def assert_accessible(page, context=None):
    """Run axe on the current page; fail on serious or critical violations, printing every violation found."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    violations = results.response["violations"]
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    if lines:
        print(f"axe on {page.url}:\n" + "\n".join(lines))
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe found serious or critical violations on {page.url}:\n" + "\n".join(lines)
