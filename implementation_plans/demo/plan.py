"""
Demo records of the plan area: the demo plan's narrative, and the workflow taken once through so that the demo
shows it. When the demo has goals (the goals and chain loaders ran), version 1 is sent for review in November of
the year before the plan, endorsed by a meeting of the national committee in December (recorded with its
decision) and published, so that the donor sees the published plan and its PDF; then the NFP sharpens the
rationale as the committee asked, which starts a new draft (the donor keeps reading version 1, and the NFP can send
version 2 for review and compare the two).

The services stamp each step with the moment it is taken; the demo's story took place a year earlier, so the
version's review, endorsement and publication are dated back to it afterwards (DemoCountry.preparation). Without
goals the plan keeps its narrative as a draft. A plan that already has a version is left alone, so loading twice
changes nothing.
"""

from datetime import datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans.models import Goal, PlanVersion
from implementation_plans.services import plan as services
from mainstreaming.loaders import DemoCountry, register_demo_loader
from stakeholders.choices import CommitteeKind, MeetingStatus, Sex
from stakeholders.models import Committee
from stakeholders.services import committees as committee_services


def _narrative() -> dict:
    return {
        "rationale": _(
            "The plan answers the situation analysis: emigration of health and construction workers, high recruitment "
            "costs, and remittances that reach few productive uses. It starts with what the other results need: "
            "information and protection before departure, and the data to follow migration. Services for returning "
            "migrants start in the first year; diaspora investment follows in the second, once the banks that will "
            "offer it are on board.\n\n"
            "The activities were chosen with the line ministries and the consultative committee in three "
            "workshops; each is led by the institution whose mandate covers it, with the partners that already work "
            "in the field."
        ),
        "roles": _(
            "Every outcome, output and activity has one responsible institution, named in the results matrix. The "
            "National Focal Point coordinates the plan and reports to the national migration-and-development "
            "committee twice a year.\n\n"
            "Each responsible institution reports its activities' progress every quarter. Issues a ministry cannot "
            "settle go to the committee's next meeting; urgent ones to its chair. The committee decides changes to "
            "outcomes and to the budget above ten per cent of an activity's cost."
        ),
        "fiduciary": _(
            "Government contributions are voted in each ministry's budget under a migration-and-development line. "
            "Development partners' funds are managed under their agreements, through the treasury where those allow "
            "it.\n\n"
            "The Ministry of Finance and Planning consolidates the plan's expenditure every year; the supreme audit "
            "institution audits it with the national accounts."
        ),
    }


def load_demo_plan(demo: DemoCountry) -> None:
    process, nfp = demo.process, demo.users.get("nfp")
    if nfp is None or PlanVersion.objects.filter(process=process).exists():
        return
    plan = services.plan_update(actor=nfp, process=process, data=_narrative(), reason=_("demo narrative"))
    committee = Committee.objects.filter(process=process, kind=CommitteeKind.NATIONAL).first()
    if committee is None or not Goal.objects.filter(process=process).exists():
        return
    services.plan_submit(actor=nfp, process=process, reason=_("first complete draft"))
    _date_back(process, submitted_at=demo.preparation(11, 20))
    meeting = committee_services.meeting_create(
        actor=nfp,
        committee=committee,
        held_on=demo.preparation(12, 4),
        place=_("Prime Minister's Office, Conference Room B"),
        agenda=_("Validation of the implementation plan"),
        status=MeetingStatus.HELD,
    )
    committee_services.meeting_update(
        actor=nfp,
        meeting=meeting,
        data={
            "minutes": _(
                "The NFP presented version 1 of the implementation plan. Members asked that every ministry report "
                "its progress each quarter from the first year; the NFP will say so in the next version. The plan "
                "was endorsed."
            )
        },
        reason=_("minutes recorded"),
    )
    attendees = [("Daniel Mensah", "PCU", Sex.MALE), ("Amara Okafor", "PCU", Sex.FEMALE)]
    attendees += [("Ruth Adeyemi", "MoFP", Sex.FEMALE), ("Tomas Veres", "MoLSP", Sex.MALE)]
    attendees += [("Lina Haddad", "MoH", Sex.FEMALE)]
    institutions = {institution.acronym: institution for institution in process.institutions.all()}
    committee_services.attendance_record(
        actor=nfp,
        meeting=meeting,
        rows=[
            committee_services.AttendanceRow(
                key=index, data={"person_name": name, "institution": institutions.get(acronym), "sex": sex}
            )
            for index, (name, acronym, sex) in enumerate(attendees)
        ],
    )
    decision = committee_services.decision_create(
        actor=nfp, meeting=meeting, text=_("The committee endorses version 1 of the implementation plan.")
    )
    services.plan_endorse(actor=nfp, process=process, decision=decision)
    services.plan_publish(actor=nfp, process=process, reason=_("endorsed by the committee"))
    _date_back(process, endorsed_at=meeting.held_on, published_at=demo.preparation(12, 10))
    services.plan_update(
        actor=nfp,
        process=process,
        data={
            "rationale": plan.rationale
            + "\n\n"
            + _("Every responsible institution reports its progress each quarter, from the first quarter on.")
        },
        reason=_("the committee asked for quarterly reports from the first year"),
    )


def _date_back(process, **days) -> None:
    """Set the first version's workflow moments (submitted_at, endorsed_at, published_at) to noon on the given days."""
    moments = {field: timezone.make_aware(datetime.combine(day, time(12))) for field, day in days.items()}
    PlanVersion.objects.filter(process=process, number=1).update(**moments)


def register() -> None:
    """Registers the area's demo loader with the core (mainstreaming.loaders.register_demo_loader)."""
    register_demo_loader(load_demo_plan)
