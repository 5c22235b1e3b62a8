"""
The chain's key pages cost the same number of SQL queries with ten times the data: the whole results chain, an
activity's page (with its budget, funding, partners and comments) and the catalogue of programme experiences.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from implementation_plans.models import ProgrammeExample, Risk
from implementation_plans.services import chain as services
from mainstreaming import services as core_services
from tests.cast import make_cast
from tests.implementation_plans.builders import give_sector, make_owned_chain

# name of the URL -> (which object fills it, the most queries it may cost)
PAGES = {
    "results_chain": ("process", 15),
    "activity_detail": ("activity", 17),
    "programme_example_list": ("process", 9),
}


def grow(cast, first_activity, sector, size: int) -> None:
    """Add `size` goals, each with a chain, risks and a proposal; comments on the activity; experiences."""
    for i in range(size):
        chain = make_owned_chain(cast, activities=2, label=f"{size}-{i}")
        Risk.objects.create(process=cast.process, outcome=chain.outcome, description=f"Risk {size}-{i}")
        Risk.objects.create(process=cast.process, output=chain.output, description=f"Risk {size}-{i}")
        chain.activities[0].partners.add(cast.labour, cast.health)
        services.activity_propose(
            actor=cast.own, output=chain.output, sector=sector, title=f"Proposal {size}-{i}", proposal_note="Why"
        )
        first_activity.partners.add(cast.labour)
        core_services.comment_add(actor=cast.facilitator, target=first_activity, text=f"Comment {size}-{i}")
        ProgrammeExample.objects.create(
            code=f"example-{size}-{i}",
            sector=sector,
            title=f"Experience {size}-{i}",
            activity="Training",
            actors="A ministry",
            countries=f"Country {i}, Ghana",
            target_group="Nurses",
            time_span="2010",
            outcomes="Better",
        )


def count_queries(client, url) -> int:
    client.get(url)  # warm up: sessions, content types and the like are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "own"])
def test_chain_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries, role):
    cast = make_cast()
    sector = give_sector(cast.health, "health")
    first = make_owned_chain(cast, activities=1, label="first").activities[0]
    objects = {
        "process": {"process_pk": cast.process.pk},
        "activity": {"process_pk": cast.process.pk, "pk": first.pk},
    }
    urls = {name: reverse(f"implementation_plans:{name}", kwargs=objects[which]) for name, (which, _b) in PAGES.items()}
    client.force_login(cast.user(role))

    grow(cast, first, sector, 2)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(cast, first, sector, 20)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in urls if small[name] != large[name]
    )
    for name, url in urls.items():
        with django_assert_max_num_queries(PAGES[name][1], info=name):
            client.get(url)
