"""
Pages stay fast as data grows: each page below costs the same number of SQL queries with ten times the data,
and never more than its budget.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming import services, todo
from mainstreaming.choices import InstitutionKind, Role
from mainstreaming.models import Report, Sector
from tests.cast import make_cast
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory

# name of the URL -> (which object fills it, the most queries it may cost)
PAGES = {
    "process_list": ("none", 12),
    # The core costs about ten; each phase app's panels add one to three queries (the set-up and consultation
    # six, the situation analysis three, the plan's four areas six, monitoring four: indicators, progress reports
    # and evaluations), a ministry's "For you" panels a few more (its reports to fill in, its follow-ups of
    # evaluations): constant whatever the data.
    # +1: the phases read from their records (one query for all seven); then the to-do list, one query per kind of
    # reviewable record and per provider (mainstreaming.todo.query_budget).
    "process_dashboard": ("process", 37 + todo.query_budget()),
    "institution_list": ("process", 14),
    "institution_detail": ("institution", 16),
    "institution_history": ("institution", 16),
    "membership_list": ("process", 12),
    "report_list": ("process", 12),
    # The core's eleven, plus one query per kind of record the phase apps add to the trail (see trail_budget).
    "process_history": ("process", None),
}


def trail_budget() -> int:
    """
    The audit trail reads each kind of record's history with one query (mainstreaming.history.TrailSource), and
    for a kind whose entries link to a record, one more to keep only the links that would open for the reader:
    its cost grows with the number of kinds of record the phase apps register, never with the data.
    """
    from mainstreaming.history import trail_sources

    sources = trail_sources()
    return 11 + len(sources) + sum(1 for source in sources if source.url_pk_field is not None)


def grow(cast, size: int) -> None:
    """Add `size` institutions (with sectors, people and history) and `size` reports to the cast's process."""
    sectors = [Sector.objects.create(code=f"s{size}-{i}", name=f"Sector {i}") for i in range(3)]
    kinds = InstitutionKind.values
    for i in range(size):
        institution = InstitutionFactory(
            process=cast.process,
            name=f"Institution {size}-{i}",
            kind=kinds[i % len(kinds)],
            sectors=sectors[: i % 3],
            parent=cast.health if i % 2 else None,
        )
        MembershipFactory(user=UserFactory(), process=cast.process, role=Role.MINISTRY, institution=institution)
        services.institution_update(actor=cast.nfp, institution=cast.health, data={"acronym": f"H{size}{i}"})
        Report.objects.create(process=cast.process, kind="process_overview", requested_by=cast.nfp)


def url_for(cast, which, name):
    kwargs = {
        "none": {},
        "process": {"process_pk": cast.process.pk},
        "institution": {"process_pk": cast.process.pk, "pk": cast.health.pk},
    }[which]
    return reverse(f"mainstreaming:{name}", kwargs=kwargs)


def count_queries(client, url) -> int:
    client.get(url)  # warm up: sessions, content types and the like are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries):
    cast = make_cast()
    client.force_login(cast.nfp)
    urls = {name: url_for(cast, which, name) for name, (which, _budget) in PAGES.items()}

    grow(cast, 3)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(cast, 30)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in urls if small[name] != large[name]
    )
    for name, url in urls.items():
        with django_assert_max_num_queries(PAGES[name][1] or trail_budget(), info=name):
            client.get(url)
