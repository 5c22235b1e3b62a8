"""
Demo records of the committees area: Meridia's two committees with their members, and three meetings of the
national committee with attendance, minutes, decisions and action points: two during the preparation, in the year
before the plan (their action point done), and the review of the plan's first quarters a month ago, whose two
action points are still open (one overdue, one due later). The preparation is dated on the demo's calendar
(DemoCountry.preparation); the review and its action points from the day the demo is loaded, so that "overdue"
always means something.
"""

from datetime import timedelta

from django.utils import timezone

from mainstreaming.loaders import DemoCountry, register_demo_loader
from stakeholders.choices import ActionStatus, CommitteeKind, MeetingStatus, MemberRole, Sex
from stakeholders.services import committees as services

NATIONAL_MEMBERS = [
    ("PCU", "Daniel Mensah, Director of Policy Coordination", Sex.MALE, MemberRole.CHAIR),
    ("MoFP", "Ruth Adeyemi, Head of the Planning Directorate", Sex.FEMALE, MemberRole.VICE_CHAIR),
    ("PCU", "Amara Okafor, National Focal Point", Sex.FEMALE, MemberRole.SECRETARIAT),
    ("MoLSP", "Tomas Veres, Labour Migration Unit", Sex.MALE, MemberRole.MEMBER),
    ("MoH", "Lina Haddad, Department of Human Resources for Health", Sex.FEMALE, MemberRole.MEMBER),
    ("MoER", "Joseph Tandoh, Department of Higher Education", Sex.MALE, MemberRole.MEMBER),
    ("MoFAD", "Grace Nwosu, Diaspora Affairs Directorate", Sex.FEMALE, MemberRole.MEMBER),
    ("NSO", "Samuel Kiptoo, Population and Migration Statistics", Sex.MALE, MemberRole.MEMBER),
    ("CBM", "Helen Achterberg, Balance of Payments Division", Sex.FEMALE, MemberRole.OBSERVER),
]

CONSULTATIVE_MEMBERS = [
    ("MoFAD", "Peter Lindqvist, Deputy Director for Diaspora Affairs", Sex.MALE, MemberRole.CHAIR),
    ("MMWA", "Fatima Diallo, Chairperson", Sex.FEMALE, MemberRole.MEMBER),
    ("CMS", "Prof. Miriam Osei, Centre for Migration Studies", Sex.FEMALE, MemberRole.MEMBER),
    ("CMTU", "Kwame Boateng, Migrant Workers' Desk", Sex.MALE, MemberRole.MEMBER),
    ("IOM", "Priya Raman, Programme Officer", Sex.FEMALE, MemberRole.OBSERVER),
    ("EUD", "Jonas Berg, Migration and Development Attaché", Sex.MALE, MemberRole.OBSERVER),
    ("Port Alder City Council", "Ana Morales, Social Services", Sex.FEMALE, MemberRole.MEMBER),
]


def load_demo(demo: DemoCountry) -> None:
    process, nfp, places = demo.process, demo.users["nfp"], demo.institutions
    if process.committees.exists():
        return
    today = timezone.localdate()

    national = services.committee_create(
        actor=nfp,
        process=process,
        kind=CommitteeKind.NATIONAL,
        name="National Migration and Development Committee",
        terms_of_reference=(
            "Brings together the ministries and agencies whose work migration touches, so that government speaks "
            "with one voice on migration and development.\n"
            "Meets at least once a quarter, convened by the Prime Minister's Policy Coordination Unit; the "
            "National Focal Point keeps its secretariat.\n"
            "Decides by consensus; points it cannot settle go to the Cabinet Committee on Development."
        ),
        functions=(
            "Validate the situation analysis and its findings.\n"
            "Agree the goals and priorities to build into the National Development Strategy.\n"
            "Approve the implementation plan and its M&E arrangements.\n"
            "Review progress each year and settle the issues ministries cannot settle alone."
        ),
        chair_institution=places["PCU"],
        chair_name="Daniel Mensah, Director of Policy Coordination",
        established_on=demo.preparation(3, 10),
    )
    consultative = services.committee_create(
        actor=nfp,
        process=process,
        kind=CommitteeKind.CONSULTATIVE,
        name="Consultative Committee on Migration and Development",
        terms_of_reference=(
            "Opens the process to civil society, academia, social partners, migrant and diaspora associations, "
            "local government and development partners, so that their knowledge and concerns shape the plan.\n"
            "Meets before each major step of the process and whenever the national committee asks for advice."
        ),
        functions=(
            "Comment on the situation analysis and bring evidence the ministries lack.\n"
            "Make sure women, young people and migrants in an irregular situation are heard.\n"
            "Advise on priorities and follow how the plan is carried out."
        ),
        chair_institution=places["MoFAD"],
        chair_name="Peter Lindqvist, Deputy Director for Diaspora Affairs",
        established_on=demo.preparation(4, 7),
    )
    for committee, members in ((national, NATIONAL_MEMBERS), (consultative, CONSULTATIVE_MEMBERS)):
        for acronym, person, sex, role in members:
            services.committee_member_create(
                actor=nfp,
                committee=committee,
                institution=places[acronym],
                person_name=person,
                sex=sex,
                member_role=role,
            )

    # The national committee's inaugural meeting, then its second one, both during the preparation.
    first = services.meeting_create(
        actor=nfp,
        committee=national,
        held_on=demo.preparation(3, 27),
        place="Prime Minister's Office, Conference Room B",
        agenda=(
            "Opening by the chair\n"
            "Terms of reference of the committee\n"
            "Work plan for the mainstreaming exercise\n"
            "Designation of ministry focal points\n"
            "Any other business"
        ),
        status=MeetingStatus.HELD,
    )
    second = services.meeting_create(
        actor=nfp,
        committee=national,
        held_on=demo.preparation(6, 12),
        place="Ministry of Finance and Planning, Room 4.12",
        agenda=(
            "Follow-up of the action points of the inaugural meeting\n"
            "Terms of reference of the situation analysis\n"
            "Sector checklists: who answers which\n"
            "Any other business"
        ),
        status=MeetingStatus.HELD,
    )
    services.meeting_update(
        actor=nfp,
        meeting=first,
        data={
            "minutes": (
                "The chair opened the meeting and recalled the Cabinet's decision to mainstream migration into the "
                "National Development Strategy 2026–2030.\n\n"
                "Members discussed the draft terms of reference. The Ministry of Finance and Planning asked that the "
                "committee's calendar follow the planning cycle. The statistics office offered to lead on data.\n\n"
                "Several ministries have not yet named a focal point; the secretariat will follow up in writing."
            )
        },
        reason="minutes approved at the second meeting",
    )
    services.meeting_update(
        actor=nfp,
        meeting=second,
        data={
            "minutes": (
                "The secretariat reported on the action points of the inaugural meeting: the work plan was "
                "circulated; the labour ministry's list of recruitment data is still awaited.\n\n"
                "Members agreed the terms of reference of the situation analysis, with a chapter on health-worker "
                "mobility requested by the Ministry of Health.\n\n"
                "The sector checklists were shared out among the ministries present."
            )
        },
    )
    _attend(
        nfp,
        first,
        [
            ("Daniel Mensah", "PCU", Sex.MALE),
            ("Amara Okafor", "PCU", Sex.FEMALE),
            ("Ruth Adeyemi", "MoFP", Sex.FEMALE),
            ("Tomas Veres", "MoLSP", Sex.MALE),
            ("Lina Haddad", "MoH", Sex.FEMALE),
            ("Grace Nwosu", "MoFAD", Sex.FEMALE),
            ("Samuel Kiptoo", "NSO", Sex.MALE),
            ("Priya Raman", "IOM", Sex.FEMALE),
        ],
    )
    _attend(
        nfp,
        second,
        [
            ("Daniel Mensah", "PCU", Sex.MALE),
            ("Amara Okafor", "PCU", Sex.FEMALE),
            ("Tomas Veres", "MoLSP", Sex.MALE),
            ("Lina Haddad", "MoH", Sex.FEMALE),
            ("Joseph Tandoh", "MoER", Sex.MALE),
            ("Samuel Kiptoo", "NSO", Sex.MALE),
            ("Helen Achterberg", "CBM", Sex.FEMALE),
        ],
    )

    adopted = services.decision_create(
        actor=nfp, meeting=first, text="The committee adopts its terms of reference as amended in the meeting."
    )
    work_plan = services.decision_create(
        actor=nfp, meeting=first, text="The work plan of the mainstreaming exercise is endorsed for circulation."
    )
    analysis = services.decision_create(
        actor=nfp,
        meeting=second,
        text="The terms of reference of the situation analysis are agreed, with a chapter on health-worker mobility.",
    )
    del adopted, analysis

    done = services.action_point_create(
        actor=nfp,
        meeting=first,
        description="Circulate the endorsed work plan to every ministry and agency taking part.",
        owner=places["PCU"],
        due_on=demo.preparation(4, 30),
        decision=work_plan,
    )
    services.action_point_set_status(
        actor=nfp, action_point=done, status=ActionStatus.DONE, note="Sent to all permanent secretaries."
    )

    # A month ago, with the plan running (never before its first day, whenever the demo is loaded), the committee
    # reviewed the first quarterly reports; its action points are still open.
    review = services.meeting_create(
        actor=nfp,
        committee=national,
        held_on=max(today - timedelta(days=30), demo.plan_year(0, 2, 1)),
        place="Prime Minister's Office, Conference Room B",
        agenda=(
            "Progress of the implementation plan: the quarterly reports received so far\n"
            "Data on health workers leaving and on recruitment agencies\n"
            "Any other business"
        ),
        status=MeetingStatus.HELD,
    )
    services.meeting_update(
        actor=nfp,
        meeting=review,
        data={
            "minutes": (
                "The secretariat presented the quarterly progress reports received so far: the labour ministry's "
                "are approved; the health ministry's third quarter is being corrected.\n\n"
                "Members asked for better data on the health workers who leave and on the recruitment agencies, "
                "to follow the plan's indicators."
            )
        },
    )
    _attend(
        nfp,
        review,
        [
            ("Daniel Mensah", "PCU", Sex.MALE),
            ("Amara Okafor", "PCU", Sex.FEMALE),
            ("Ruth Adeyemi", "MoFP", Sex.FEMALE),
            ("Tomas Veres", "MoLSP", Sex.MALE),
            ("Lina Haddad", "MoH", Sex.FEMALE),
            ("Samuel Kiptoo", "NSO", Sex.MALE),
        ],
    )
    data_request = services.decision_create(
        actor=nfp,
        meeting=review,
        text="The ministries send the committee the data the plan's indicators need before the next quarter.",
    )
    services.action_point_create(
        actor=nfp,
        meeting=review,
        description=(
            "Send the committee the figures on health workers who left in the last five years, by profession and "
            "destination."
        ),
        owner=places["MoH"],
        due_on=today - timedelta(days=7),
        decision=data_request,
    )
    services.action_point_create(
        actor=nfp,
        meeting=review,
        description=(
            "Share the list of licensed recruitment agencies and the data they report on workers placed abroad."
        ),
        owner=places["MoLSP"],
        due_on=today + timedelta(days=21),
    )


def _attend(actor, meeting, people) -> None:
    services.attendance_record(
        actor=actor,
        meeting=meeting,
        rows=[
            services.AttendanceRow(
                key=index,
                data={
                    "person_name": name,
                    "institution": meeting.process.institutions.get(acronym=acronym),
                    "sex": sex,
                },
            )
            for index, (name, acronym, sex) in enumerate(people)
        ],
    )


def register() -> None:
    register_demo_loader(load_demo)
