"""
The National Focal Point records a meeting of the national committee, with its attendance and an action point for
the Ministry of Labour; the labour ministry's focal point finds it on their home page and marks it done; the
health ministry's focal point can read it but not change it.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, login

pytestmark = pytest.mark.browser

ACTION = "Send the committee the list of bilateral labour agreements under negotiation."


def logout(page):
    page.get_by_role("button", name="Log out").click()


def test_an_action_point_from_meeting_to_done(live_server, page, demo):
    from stakeholders.choices import ActionStatus
    from stakeholders.models import ActionPoint

    base_url = live_server.url
    today = timezone.localdate()

    # The NFP goes from the dashboard to the national committee (the demo has set it up already).
    login(page, base_url, "nfp")
    page.goto(f"{base_url}/processes/{demo.pk}/")
    page.get_by_role("link", name="Committees and meetings").first.click()
    expect(page.get_by_role("heading", level=1, name="Committees and meetings")).to_be_visible()
    page.get_by_role("link", name="National Migration and Development Committee").click()
    expect(page.get_by_role("heading", level=1, name="National Migration and Development Committee")).to_be_visible()

    # A meeting held today.
    page.get_by_role("link", name="Plan or record a meeting").click()
    page.get_by_label("Date").fill(today.isoformat())
    page.get_by_label("Place").fill("Prime Minister's Office, Room 2")
    page.get_by_label("Agenda").fill("Labour migration agreements\nAny other business")
    page.get_by_label("Status").select_option(label="Held")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("^Meeting of "))).to_be_visible()
    meeting_url = page.url

    # Who attended: two people, a man and a woman.
    page.get_by_role("link", name="Record the attendance").click()
    page.get_by_label("Person, row 1").fill("Tomas Veres")
    page.get_by_label("Institution, row 1").select_option(label="Ministry of Labour and Social Protection (MoLSP)")
    page.get_by_label("Sex, row 1").select_option(label="Male")
    page.get_by_label("Person, row 2").fill("Ruth Adeyemi")
    page.get_by_label("Institution, row 2").select_option(label="Ministry of Finance and Planning (MoFP)")
    page.get_by_label("Sex, row 2").select_option(label="Female")
    page.get_by_role("button", name="Save the attendance").click()
    expect(page).to_have_url(meeting_url)
    expect(page.locator(".messages")).to_contain_text("2 added")
    expect(page.get_by_text("Female: 1 · Male: 1 · Not stated: 0 · Total: 2")).to_be_visible()

    # An action point for the Ministry of Labour, due in two weeks.
    page.get_by_role("link", name="Add an action point").click()
    page.get_by_label(re.compile(r"^Action:?$")).fill(ACTION)
    page.get_by_label("Owner institution").select_option(label="Ministry of Labour and Social Protection (MoLSP)")
    page.get_by_label("Due by").fill((today + timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(meeting_url)
    expect(page.get_by_role("link", name=ACTION)).to_be_visible()
    assert_accessible(page)
    logout(page)

    # The labour ministry's focal point finds it on their home page and marks it done.
    login(page, base_url, "labour")
    page.goto(f"{base_url}/processes/{demo.pk}/")
    for_you = page.locator("section.personal-panels")
    expect(for_you.get_by_role("heading", level=2, name="For you")).to_be_visible()
    expect(for_you.get_by_role("heading", name="Action points of MoLSP")).to_be_visible()
    for_you.get_by_role("link", name=ACTION).click()
    expect(page.get_by_role("heading", level=1, name="Action point")).to_be_visible()
    page.get_by_role("link", name="Update status").click()
    page.get_by_label("Status").select_option(label="Done")
    page.get_by_label("Progress note").fill("List sent to the secretariat.")
    page.get_by_role("button", name="Save the status").click()
    expect(page.locator(".messages")).to_have_text("The status of the action point has been updated.")
    expect(page.locator("dl.details")).to_contain_text("Done")
    action_point_url = page.url
    logout(page)

    action_point = ActionPoint.objects.get(description=ACTION)
    assert action_point.status == ActionStatus.DONE
    assert action_point.history.first().history_user.username == "labour"

    # The health ministry's focal point reads it, without the means to change it.
    login(page, base_url, "health")
    page.goto(action_point_url)
    expect(page.get_by_role("heading", level=1, name="Action point")).to_be_visible()
    expect(page.get_by_role("link", name="Update status")).to_have_count(0)
    response = page.goto(f"{action_point_url}status/")
    assert response.status == 403
