"""
The consultation area's pages cost the same number of SQL queries with ten times the data, and never more than
their budget: events, an event with many participation rows, targets, documents and comments, the capacity
overview and the stakeholder map.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming import services as core_services
from mainstreaming.choices import InstitutionKind
from stakeholders.choices import CapacityActivityKind, EngagementLevel, StakeholderCategory
from stakeholders.demo.consultation import load_reference
from stakeholders.models import CapacityArea, EventKind
from stakeholders.services import consultation as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory

# name of the URL -> the most queries it may cost
BUDGETS = {
    "event_list": 8,
    "event_detail": 11,
    "event_history": 13,
    "capacity_overview": 10,
    "capacity_activity_detail": 9,
    "stakeholder_map": 7,
}


class ConsultationQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()
        cls.kinds = list(EventKind.objects.all())
        cls.areas = list(CapacityArea.objects.all())
        nfp = cls.cast.nfp
        cls.event = services.event_create(
            actor=nfp, process=cls.cast.process, kind=cls.kinds[0], title="The event", held_on=date(2026, 1, 5)
        )
        cls.activity = services.capacity_activity_create(
            actor=nfp,
            process=cls.cast.process,
            kind=CapacityActivityKind.TRAINING,
            title="The training",
            held_on=date(2026, 1, 6),
        )

    def grow(self, size: int) -> None:
        """Add `size` of everything: institutions (placed or not), events with participation, needs, activities."""
        nfp, process = self.cast.nfp, self.cast.process
        kinds = InstitutionKind.values
        institutions = []
        for i in range(size):
            institution = InstitutionFactory(
                process=process, name=f"Institution {size}-{i}", acronym=f"I{size}{i}", kind=kinds[i % len(kinds)]
            )
            institutions.append(institution)
            if i % 3:
                services.stakeholder_profile_save(
                    actor=nfp,
                    institution=institution,
                    interest=i % 5 + 1,
                    influence=(i * 2) % 5 + 1,
                    engagement=EngagementLevel.values[i % 5],
                )
            event = services.event_create(
                actor=nfp,
                process=process,
                kind=self.kinds[i % len(self.kinds)],
                title=f"Event {size}-{i}",
                held_on=date(2026, 2, 1 + i % 27),
                organiser=institution,
                target_institutions=institutions[-3:],
                target_categories=StakeholderCategory.values[: i % 4],
            )
            services.event_participation_set(
                actor=nfp, event=event, counts={StakeholderCategory.values[i % 11]: {"female": i, "male": 1}}
            )
            need = services.capacity_need_create(
                actor=nfp,
                process=process,
                institution=institution,
                area=self.areas[i % len(self.areas)],
                description="n",
            )
            if i % 2:
                services.capacity_activity_create(
                    actor=nfp,
                    process=process,
                    kind=CapacityActivityKind.COACHING,
                    title=f"Activity {size}-{i}",
                    held_on=date(2026, 3, 1 + i % 27),
                    needs=[need],
                )
        # The one event and the one activity get more of everything too.
        services.event_update(
            actor=nfp, event=self.event, data={"place": f"Place {size}"}, target_institutions=institutions
        )
        services.event_participation_set(
            actor=nfp,
            event=self.event,
            counts={
                category: {"female": size, "male": size, "not_stated": 1} for category in StakeholderCategory.values
            },
        )
        for i in range(min(size, 12)):
            core_services.document_attach(
                actor=nfp,
                process=process,
                owner=self.event,
                uploaded=SimpleUploadedFile(f"material-{size}-{i}.txt", b"Material"),
            )
            core_services.comment_add(actor=nfp, target=self.event, text=f"Comment {i}")
            core_services.comment_add(actor=nfp, target=self.activity, text=f"Comment {i}")
        services.capacity_activity_update(
            actor=nfp,
            activity=self.activity,
            data={"participants_female": size},
            needs=list(process.capacity_needs.all()),
        )

    def url(self, name):
        args = [self.cast.process.pk]
        if name.startswith("event_") and name != "event_list":
            args.append(self.event.pk)
        if name == "capacity_activity_detail":
            args.append(self.activity.pk)
        return reverse(f"stakeholders:{name}", args=args)

    def count_queries(self, url) -> int:
        self.client.get(url)  # warm up: sessions, content types and the like are cached after the first request
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(queries)

    def test_pages_cost_the_same_queries_with_ten_times_the_data(self):
        self.client.force_login(self.cast.nfp)
        urls = {name: self.url(name) for name in BUDGETS}
        self.grow(3)
        small = {name: self.count_queries(url) for name, url in urls.items()}
        self.grow(30)
        large = {name: self.count_queries(url) for name, url in urls.items()}
        self.assertEqual(large, small, "pages whose query count grows with the data")
        for name, count in large.items():
            with self.subTest(page=name):
                self.assertLessEqual(count, BUDGETS[name], f"{name} costs {count} queries")
