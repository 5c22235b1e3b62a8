"""
Reference lists and demo records of the consultation area: the kinds of event and the capacity areas (from
fixtures/reference/), and, for the demo country, three events and three capacity activities of the preparation (in
the year before the plan, DemoCountry.preparation), some capacity needs, and most institutions placed on the
stakeholder map.
"""

import json

from django.conf import settings

from mainstreaming.loaders import DemoCountry, apply_reference_row, register_demo_loader, register_reference_loader
from stakeholders.choices import CapacityActivityKind, EngagementLevel, Priority, StakeholderCategory
from stakeholders.models import CapacityArea, EventKind
from stakeholders.services import consultation as services

# ---------------------------------------------------------------------------
# Reference lists
# ---------------------------------------------------------------------------


def _load(model, file_name: str) -> int:
    """Create or update the rows of one list by code, recording each change in their history."""
    path = settings.BASE_DIR / "fixtures" / "reference" / file_name
    changed = 0
    for row in json.loads(path.read_text(encoding="utf-8")):
        obj = model.objects.filter(code=row["code"]).first() or model(code=row["code"])
        values = {"name": row["name"], "description": row.get("description", ""), "position": row["position"]}
        if not apply_reference_row(obj, values, row.get("translations")):
            continue
        obj._change_reason = "reference.loaded"
        obj.full_clean()
        obj.save()
        changed += 1
    return changed


def load_reference() -> int:
    """The kinds of awareness-raising and consultation event, and the areas of capacity development."""
    return _load(EventKind, "event_kinds.json") + _load(CapacityArea, "capacity_areas.json")


# ---------------------------------------------------------------------------
# Demo country
# ---------------------------------------------------------------------------

C = StakeholderCategory


def load_demo(demo: DemoCountry) -> None:
    nfp = demo.users["nfp"]
    process = demo.process
    institutions = demo.institutions
    kinds = {kind.code: kind for kind in EventKind.objects.all()}
    areas = {area.code: area for area in CapacityArea.objects.all()}

    def pick(*acronyms):
        return [institutions[acronym] for acronym in acronyms]

    # Events ------------------------------------------------------------------
    events = [
        (
            dict(
                kind=kinds["awareness-workshop"],
                title="Migration and the National Development Strategy: workshop for line ministries",
                held_on=demo.preparation(4, 22),
                place="Government Conference Centre, Port Alder",
                organiser=institutions["PCU"],
                target_categories=[C.GOVERNMENT, C.LOCAL_GOVERNMENT],
                key_messages=(
                    "One Meridian in eight lives abroad; remittances exceed development aid.\n"
                    "Emigration of nurses and teachers leaves gaps in rural services.\n"
                    "Each ministry is asked to name a focal point and to fill in its sector checklist."
                ),
                outcomes="Seven ministries and agencies agreed to name a focal point within a month.",
                follow_ups="PCU to send the focal-point terms of reference; NSO to present available data.",
            ),
            pick("MoH", "MoLSP", "NEA", "MoER", "MoFP", "MoFAD", "NSO", "CBM", "Port Alder City Council"),
            {C.GOVERNMENT: (14, 17, 1), C.LOCAL_GOVERNMENT: (2, 3, 0)},
        ),
        (
            dict(
                kind=kinds["consultation"],
                title="Consultation with civil society and the diaspora",
                held_on=demo.preparation(5, 20),
                place="University of Meridia, Port Alder, and online",
                organiser=institutions["PCU"],
                target_categories=[C.CIVIL_SOCIETY, C.ACADEMIA, C.SOCIAL_PARTNERS, C.DIASPORA, C.INTERNATIONAL],
                key_messages="The strategy will be written with those it concerns, migrants and their families first.",
                outcomes=(
                    "Participants asked for safer recruitment, recognition of skills on return and cheaper "
                    "remittances; diaspora associations offered to share their members' skills."
                ),
                follow_ups="Invite MMWA and CMTU to the consultative committee; hold a second online session abroad.",
            ),
            pick("MMWA", "CMS", "CMTU", "IOM"),
            {
                C.CIVIL_SOCIETY: (9, 6, 0),
                C.ACADEMIA: (3, 2, 0),
                C.SOCIAL_PARTNERS: (2, 4, 0),
                C.DIASPORA: (7, 8, 2),
                C.INTERNATIONAL: (2, 1, 0),
            },
        ),
        (
            dict(
                kind=kinds["peer-exchange"],
                title="Peer exchange with the planning ministry of Estavia",
                held_on=demo.preparation(9, 10),
                place="Online",
                organiser=institutions["MoFAD"],
                target_categories=[C.GOVERNMENT, C.INTERNATIONAL],
                key_messages="How Estavia built migration into its national plan and its monitoring.",
                outcomes="Estavia shared its committee's terms of reference and its indicator list.",
                follow_ups="MoFP and NSO to adapt the indicator list for the situation analysis.",
            ),
            pick("PCU", "MoFP", "NSO"),
            {C.GOVERNMENT: (4, 5, 0), C.INTERNATIONAL: (1, 1, 0)},
        ),
    ]
    for data, targets, participation in events:
        event = services.event_create(actor=nfp, process=process, target_institutions=targets, **data)
        services.event_participation_set(
            actor=nfp,
            event=event,
            counts={
                category: {"female": female, "male": male, "not_stated": unstated}
                for category, (female, male, unstated) in participation.items()
            },
        )

    # Capacity needs and activities --------------------------------------------
    needs = {}
    for key, acronym, area, priority, description in [
        ("labour-me", "MoLSP", "monitoring-evaluation", Priority.HIGH, "Set indicators for labour migration."),
        ("finance-budget", "MoFP", "planning-budgeting", Priority.MEDIUM, "Cost migration actions in the budget."),
        ("nso-data", "NSO", "data-analysis", Priority.HIGH, "Disaggregate survey data by migrant status and sex."),
        ("health-negotiation", "MoH", "negotiation", Priority.MEDIUM, "Negotiate health-worker agreements."),
        ("city-planning", "Port Alder City Council", "local-planning", Priority.HIGH, "Plan services for returnees."),
        ("mmwa-voice", "MMWA", "public-engagement", Priority.MEDIUM, "Advocate for migrant workers' rights."),
    ]:
        needs[key] = services.capacity_need_create(
            actor=nfp,
            process=process,
            institution=institutions[acronym],
            area=areas[area],
            priority=priority,
            description=description,
        )
    for data, answered in [
        (
            dict(
                kind=CapacityActivityKind.TRAINING,
                title="Results-based planning and monitoring for migration",
                held_on=demo.preparation(7, 15),
                provider="IOM country office",
                description="Three days on results chains, indicators and costing, with exercises on labour migration.",
                participants_female=11,
                participants_male=9,
            ),
            ["labour-me", "finance-budget"],
        ),
        (
            dict(
                kind=CapacityActivityKind.COACHING,
                title="Coaching on disaggregating survey data",
                held_on=demo.preparation(8, 20),
                provider="Centre for Migration Studies",
                description="Weekly sessions with the labour-force survey team.",
                participants_female=3,
                participants_male=2,
            ),
            ["nso-data"],
        ),
        (
            dict(
                kind=CapacityActivityKind.TRAINING,
                title="Advocacy training for migrant associations",
                held_on=demo.preparation(10, 8),
                provider="Confederation of Meridian Trade Unions",
                participants_female=8,
                participants_male=6,
            ),
            ["mmwa-voice"],
        ),
    ]:
        services.capacity_activity_create(actor=nfp, process=process, needs=[needs[key] for key in answered], **data)

    # Stakeholder map: all but the central bank and the trade unions are placed --------
    E = EngagementLevel
    for acronym, interest, influence, engagement in [
        ("PCU", 5, 5, E.EMPOWER),
        ("MoH", 4, 3, E.INVOLVE),
        ("MoLSP", 5, 4, E.COLLABORATE),
        ("NEA", 4, 2, E.INVOLVE),
        ("MoER", 3, 3, E.CONSULT),
        ("MoFP", 2, 5, E.CONSULT),
        ("MoFAD", 4, 4, E.COLLABORATE),
        ("NSO", 3, 2, E.INVOLVE),
        ("Port Alder City Council", 4, 2, E.CONSULT),
        ("MMWA", 5, 2, E.INVOLVE),
        ("CMS", 4, 1, E.CONSULT),
        ("IOM", 5, 3, E.COLLABORATE),
        ("EUD", 2, 4, E.CONSULT),
    ]:
        services.stakeholder_profile_save(
            actor=nfp,
            institution=institutions[acronym],
            interest=interest,
            influence=influence,
            engagement=engagement,
            notes="",
        )


def register() -> None:
    register_reference_loader(load_reference)
    register_demo_loader(load_demo)
