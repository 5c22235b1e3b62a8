"""A line-ministry focal point on a small phone, using only the keyboard to log in and move around."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAX_TABS = 20


@pytest.fixture
def browser_context_args():
    return {"viewport": {"width": 360, "height": 740}, "is_mobile": False}


def _focused(page):
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName.toLowerCase(), id: e.id, text: e.textContent.trim()}; }"
    )


def _tab_to(page, element_id):
    """Press Tab until the element with this id has the focus, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if _focused(page)["id"] == element_id:
            return
    pytest.fail(f"#{element_id} never received the focus after {MAX_TABS} Tab presses")


def _assert_no_horizontal_scroll(page):
    sizes = page.evaluate("() => ({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})")
    assert sizes["scrollWidth"] <= sizes["innerWidth"] + 1, f"the page scrolls sideways on {page.url}: {sizes}"


def test_keyboard_login_small_screen_skip_link_and_language(live_server, page, demo):
    base_url = live_server.url

    # Log in with the keyboard only: Tab to the fields, type, Enter.
    page.goto(f"{base_url}/accounts/login/")
    _assert_no_horizontal_scroll(page)
    _tab_to(page, "id_username")
    page.keyboard.type("health")
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == "id_password"
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base_url}/")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # The dashboard fits a 360 px wide screen.
    page.goto(f"{base_url}/processes/{demo.pk}/")
    expect(page.get_by_role("heading", level=1, name=demo.title)).to_be_visible()
    _assert_no_horizontal_scroll(page)

    # The first Tab reaches the skip link, and Enter moves the focus to the main content.
    page.keyboard.press("Tab")
    focused = _focused(page)
    assert focused["tag"] == "a" and focused["text"] == "Skip to main content", focused
    expect(page.get_by_role("link", name="Skip to main content")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#content")).to_be_focused()

    # The language switcher turns the interface into French.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(f"{base_url}/processes/{demo.pk}/")
    _assert_no_horizontal_scroll(page)
