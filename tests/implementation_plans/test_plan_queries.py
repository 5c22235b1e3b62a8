"""
The plan's pages stay fast as the plan grows: the plan's page (for the NFP, who reads the plan as it stands, and
for a development partner, who reads the published version) and the comparison of two versions cost the same
number of queries with ten times the chain, and never more than their budget.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_plan_version

# (page, who reads it) -> the most queries it may cost
BUDGETS = {
    ("plan_detail", "nfp"): 24,
    ("plan_detail", "donor"): 8,
    ("version_detail", "donor"): 8,
    ("version_compare", "facilitator"): 8,
}


def urls(cast) -> dict[str, str]:
    process = cast.process.pk
    return {
        "plan_detail": reverse("implementation_plans:plan_detail", args=[process]),
        "version_detail": reverse("implementation_plans:version_detail", args=[process, 2]),
        "version_compare": reverse("implementation_plans:version_compare", args=[process]) + "?a=1&b=2",
    }


def grow(cast, size: int) -> None:
    """`size` more goals, each with a chain of three activities, in the plan and in a new published version."""
    for index in range(size):
        make_chain(cast, activities=3, label=f"grow {size}-{index}")


def count(client, url) -> int:
    client.get(url)  # warm up: sessions, content types and the like are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
def test_plan_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries):
    from implementation_plans.models import PlanVersion

    cast = make_cast()
    make_plan_version(cast, status="superseded", label="first")
    grow(cast, 2)
    make_plan_version(cast, status="published", label="second")
    pages = urls(cast)

    def measure():
        result = {}
        for page, role in BUDGETS:
            client.force_login(cast.user(role))
            result[(page, role)] = count(client, pages[page])
        return result

    small = measure()
    grow(cast, 20)
    # The published version grows too: freeze the bigger chain in place of version 2.
    PlanVersion.objects.filter(number=2).delete()
    make_plan_version(cast, status="published", label="third", number=2)
    large = measure()
    assert large == small, f"queries grew with the data: {small} -> {large}"
    for (page, role), budget in BUDGETS.items():
        client.force_login(cast.user(role))
        with django_assert_max_num_queries(budget, info=f"{page} as {role}"):
            client.get(pages[page])
