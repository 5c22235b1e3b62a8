"""
The committees area's pages cost the same number of SQL queries with ten times the data: a committee with its
members and meetings, a meeting with its attendance, decisions, action points, documents and comments, the
list of action points, and the dashboard with this area's panels.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mainstreaming import services as core_services
from mainstreaming import todo
from stakeholders.choices import ActionStatus, Sex
from stakeholders.services import committees as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory
from tests.stakeholders.test_committees_services import held_meeting, national_committee

# name of the URL -> (which object fills it, the most queries it may cost)
PAGES = {
    "committee_list": ("process", 8),
    "committee_detail": ("committee", 12),
    "committee_history": ("committee", 12),
    "meeting_detail": ("meeting", 16),
    "meeting_attendance": ("meeting", 12),
    "action_point_list": ("process", 12),
    "action_point_detail": ("action_point", 11),
    # The dashboard carries the overdue panel and, for a ministry, its own open action points (other areas' panels
    # too, hence the looser budget), and the to-do list its one query per kind (mainstreaming.todo.query_budget).
    "mainstreaming:process_dashboard": ("process", 40 + todo.query_budget()),
}


def grow(cast, committee, meeting, size: int) -> None:
    """Add `size` of everything: members, meetings, attendees, decisions, action points, documents, comments."""
    today = timezone.localdate()
    statuses = ActionStatus.values
    for i in range(size):
        institution = InstitutionFactory(process=cast.process, name=f"Agency {size}-{i}")
        services.committee_member_create(
            actor=cast.nfp, committee=committee, institution=institution, person_name=f"Member {size}-{i}"
        )
        services.meeting_create(actor=cast.nfp, committee=committee, held_on=today - timedelta(days=i))
        services.attendance_record(
            actor=cast.nfp,
            meeting=meeting,
            rows=[
                services.AttendanceRow(
                    key=0,
                    data={"person_name": f"Attendee {size}-{i}", "institution": institution, "sex": Sex.values[i % 3]},
                )
            ],
        )
        decision = services.decision_create(actor=cast.nfp, meeting=meeting, text=f"Decision {size}-{i}")
        point = services.action_point_create(
            actor=cast.nfp,
            meeting=meeting,
            description=f"Action {size}-{i}",
            owner=[cast.health, cast.labour, institution][i % 3],
            due_on=today + timedelta(days=i - size // 2),
            decision=decision,
        )
        if i % 2:
            services.action_point_set_status(actor=cast.nfp, action_point=point, status=statuses[i % 4])
        services.committee_update(actor=cast.nfp, committee=committee, data={"chair_name": f"Chair {size}-{i}"})
        for record in (committee, meeting):
            core_services.document_attach(
                actor=cast.nfp,
                process=cast.process,
                owner=record,
                uploaded=SimpleUploadedFile(f"paper-{size}-{i}.txt", b"Paper"),
            )
            core_services.comment_add(actor=cast.facilitator, target=record, text=f"Comment {size}-{i}")


def count_queries(client, url) -> int:
    client.get(url)  # warm up: sessions, content types and the like are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "other"])
def test_committee_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries, role):
    cast = make_cast()
    committee = national_committee(cast)
    meeting = held_meeting(cast, committee, days_ago=40)
    first_point = services.action_point_create(
        actor=cast.nfp, meeting=meeting, description="First", owner=cast.labour, due_on=timezone.localdate()
    )
    objects = {
        "process": {"process_pk": cast.process.pk},
        "committee": {"process_pk": cast.process.pk, "pk": committee.pk},
        "meeting": {"process_pk": cast.process.pk, "pk": meeting.pk},
        "action_point": {"process_pk": cast.process.pk, "pk": first_point.pk},
    }
    pages = {name: spec for name, spec in PAGES.items() if role == "nfp" or name != "meeting_attendance"}
    urls = {
        name: reverse(name if ":" in name else f"stakeholders:{name}", kwargs=objects[which])
        for name, (which, _b) in pages.items()
    }
    client.force_login(cast.user(role))

    grow(cast, committee, meeting, 3)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(cast, committee, meeting, 30)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in urls if small[name] != large[name]
    )
    for name, url in urls.items():
        with django_assert_max_num_queries(pages[name][1], info=name):
            client.get(url)
