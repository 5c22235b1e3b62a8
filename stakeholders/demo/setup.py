"""
Demo records of the setup area: the demo country's preconditions check with its "go" decision, and focal points
requested from the line ministries and agencies during the preparation, some designated; Education and Finance,
asked again once the plan runs, have not answered yet (one request overdue, one not yet due).

Everything is created through the services, acting as the demo NFP, so the demo has the same history, roles and
rights as real use. The handbook's list of preconditions itself is read from fixtures/reference/preconditions.json
when a process loads it; it has no table of its own to load.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from mainstreaming.loaders import DemoCountry, register_demo_loader
from stakeholders.choices import ConditionStatus, DecisionOutcome, Sex
from stakeholders.services import setup as services

CONDITIONS = {
    "political-support": (
        ConditionStatus.MET,
        "Cabinet decision of February endorsing the exercise; the Prime Minister opened the launch workshop.",
    ),
    "lead-institution": (
        ConditionStatus.MET,
        "The Policy Coordination Unit in the Prime Minister's Office is mandated as National Focal Point, with two "
        "staff assigned.",
    ),
    "planning-window": (
        ConditionStatus.MET,
        "The National Development Strategy 2026–2030 is being drafted this year; its sector chapters are due "
        "before the end of the year.",
    ),
    "willing-ministries": (
        ConditionStatus.PARTLY,
        "Health, Labour and the Statistics Office agreed at once; Education and Finance asked for more information.",
    ),
    "minimum-evidence": (
        ConditionStatus.PARTLY,
        "Census 2020 migration module and remittance data from the Central Bank; no recent labour-force survey.",
    ),
    "process-resources": (
        ConditionStatus.MET,
        "Facilitator funded by the IOM country office for 18 months; meeting budget in the PCU's annual plan.",
    ),
    "aligned-partners": (
        ConditionStatus.MET,
        "The UN country team and the EU Delegation agreed to support one joint work plan.",
    ),
    "civic-space": (
        ConditionStatus.PARTLY,
        "The migrant workers' association and the trade unions take part; employers not yet approached.",
    ),
    "rights-grounding": (
        ConditionStatus.MET,
        "The main human-rights conventions and the migrant workers' convention are ratified.",
    ),
    "long-horizon": (
        ConditionStatus.UNKNOWN,
        "To be discussed with the committee once it is set up; elections fall in the middle of the plan.",
    ),
}

TERMS_OF_REFERENCE = (
    "The focal point speaks for the institution in the mainstreaming process: gives the sector's input to the "
    "situation analysis and fills in its checklist, sits on the national migration-and-development committee, "
    "follows up the action points given to the institution, and keeps its leadership informed. About two days a "
    "month. A senior official with planning experience in the sector."
)

# The first requests went out during the preparation, as (acronym, requested on, due on) in the year before the
# plan; Education and Finance were asked again once the plan was running (see LATE_REQUESTS).
REQUESTS = [
    ("MoH", (3, 3), (4, 2)),
    ("MoLSP", (3, 3), (4, 2)),
    ("NEA", (3, 3), (4, 2)),
    ("MoFAD", (3, 3), (4, 2)),
    ("NSO", (3, 24), (4, 23)),
]
# (acronym, requested days ago, due in days from today (negative: in the past)): still unanswered whenever the demo
# is loaded, one overdue and one not yet due.
LATE_REQUESTS = [
    ("MoER", 60, -15),
    ("MoFP", 10, 20),
]

# (acronym, full name, position, sex, e-mail, designated on (month, day) in the year before the plan)
DESIGNATIONS = [
    # health and labour already take part as those ministries' focal points: their memberships are kept.
    ("MoH", "Lina Haddad", "Director of Planning and Policy", Sex.FEMALE, "health@example.org", (3, 20)),
    ("MoLSP", "Tomas Veres", "Head of the Labour Migration Unit", Sex.MALE, "labour@example.org", (3, 25)),
    # A newcomer: the designation invites her by e-mail (printed on the console in the demo).
    (
        "NSO",
        "Grace Mensah",
        "Head of Population and Migration Statistics",
        Sex.FEMALE,
        "grace.mensah@example.org",
        (4, 15),
    ),
]

CANCELLED = {
    "NEA": "The Ministry of Labour's focal point also covers the National Employment Agency.",
    "MoFAD": "The ministry is being reorganised; to be asked again once its diaspora department is in place.",
}


def load_demo(demo: DemoCountry) -> None:
    nfp = demo.users["nfp"]
    process = demo.process
    today = timezone.localdate()

    services.precondition_load(actor=nfp, process=process)
    for condition in process.preconditions.all():
        if condition.code in CONDITIONS:
            status, evidence = CONDITIONS[condition.code]
            services.precondition_update(
                actor=nfp,
                precondition=condition,
                data={"status": status, "evidence": evidence},
                reason="assessed with the facilitator",
            )
    services.precondition_decide(
        actor=nfp,
        process=process,
        outcome=DecisionOutcome.GO,
        reason="Political support, a lead institution and a planning window are in place; the partly met conditions "
        "can be worked on during the institutional set-up.",
        decided_on=demo.preparation(2, 20),
    )

    dated = [(acronym, demo.preparation(*asked), demo.preparation(*due)) for acronym, asked, due in REQUESTS]
    dated += [
        (acronym, today - timedelta(days=days_ago), today + timedelta(days=due_in))
        for acronym, days_ago, due_in in LATE_REQUESTS
    ]
    requests = {}
    for acronym, requested_on, due_on in dated:
        requests[acronym] = services.focal_point_request_create(
            actor=nfp,
            process=process,
            institution=demo.institutions[acronym],
            requested_on=requested_on,
            due_on=due_on,
            terms_of_reference=TERMS_OF_REFERENCE,
            tor_file=SimpleUploadedFile("terms-of-reference.txt", TERMS_OF_REFERENCE.encode())
            if acronym == "MoH"
            else None,
        )
    for acronym, full_name, position, sex, email, (month, day) in DESIGNATIONS:
        services.designation_create(
            actor=nfp,
            process=process,
            institution=demo.institutions[acronym],
            request=requests[acronym],
            full_name=full_name,
            position=position,
            sex=sex,
            email=email,
            phone=f"+000 555 01{month:02d}{day:02d}",
            designated_on=demo.preparation(month, day),
        )
    for acronym, reason in CANCELLED.items():
        services.focal_point_request_cancel(actor=nfp, request=requests[acronym], reason=reason)


def register() -> None:
    register_demo_loader(load_demo)
