"""
The handbook's phases as guidance: what each phase is for and its "summary of key steps".

The dashboard shows these beside each phase's status. Phase apps add their own live panels through
`register_dashboard_panel`, and say how far a phase has come from their records through `register_phase_records`,
so the core never imports a phase app (DESIGN.md, "How the pieces talk").
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mainstreaming.choices import Phase, PhaseStatus


@dataclass(frozen=True)
class PhaseGuide:
    phase: Phase
    purpose: str | Promise
    key_steps: tuple[str | Promise, ...]


GUIDES: dict[str, PhaseGuide] = {
    guide.phase.value: guide
    for guide in (
        PhaseGuide(
            Phase.PREPARATION,
            _("Check that the conditions for a mainstreaming exercise hold before committing to it."),
            (
                _("Confirm high-level political support and a mandated lead institution."),
                _("Identify the planning instrument to feed and its calendar."),
                _("Check that line ministries are willing and that minimum data exist."),
                _("Secure partner support and room for civil society."),
                _("Decide to go ahead or to postpone, and record why."),
            ),
        ),
        PhaseGuide(
            Phase.INSTITUTIONAL_SETUP,
            _("Put in place the people and bodies that will run the process across government."),
            (
                _("Appoint the National Focal Point and an expert facilitator."),
                _("Ask every relevant institution to designate a qualified focal point."),
                _("Set up the national migration-and-development committee with its terms of reference."),
                _("Set up a consultative committee open to civil society, academia, the private sector and diaspora."),
            ),
        ),
        PhaseGuide(
            Phase.AWARENESS,
            _("Build a shared understanding of why migration matters for development, then consult widely."),
            (
                _("Brief government departments, donors and partners: this is the NFP's first task."),
                _("Map stakeholders and their interest in and influence on the process."),
                _("Consult NGOs, academia, the private sector, migrant organisations and rights bodies."),
                _("Identify capacity needs and plan how to meet them."),
            ),
        ),
        PhaseGuide(
            Phase.SITUATION_ANALYSIS,
            _("Establish the evidence: migration dynamics, their impacts, and the policy and institutional framework."),
            (
                _("Agree the terms of reference of the situation analysis."),
                _("Have each ministry work through its sector checklist."),
                _("Gather existing data, the migration profile and studies; note the gaps."),
                _("Disaggregate by sex and age wherever the data allow."),
                _("Draw findings and validate them with the committee."),
            ),
        ),
        PhaseGuide(
            Phase.GOALS,
            _("Turn the findings into a small set of agreed goals and priorities with SMART targets."),
            (
                _("Draft goal statements that answer the findings."),
                _("Agree prioritisation criteria and score the candidates with the committee."),
                _("Give each priority specific, measurable, achievable, relevant and time-bound targets."),
                _("Consult stakeholders on the result."),
            ),
        ),
        PhaseGuide(
            Phase.IMPLEMENTATION_PLAN,
            _("Write the plan: narrative, results matrix and M&E section, costed and with clear responsibilities."),
            (
                _("Build the results chain: goal, outcome, output, activity."),
                _("Give every outcome, output and activity a responsible party."),
                _("Cost the activities and identify domestic and external funding."),
                _("Plan capacity development and the M&E arrangements from the start."),
                _("Have the committee validate the plan, then publish it."),
            ),
        ),
        PhaseGuide(
            Phase.MONITORING,
            _("Follow progress against the plan and learn from it."),
            (
                _("Identify the monitoring systems already in place and build on them."),
                _("Set indicators with baselines, targets, sources and frequency."),
                _("Collect progress reports from the responsible institutions each period."),
                _("Review progress with the committee and plan mid-term and final evaluations."),
            ),
        ),
    )
}

# ---------------------------------------------------------------------------
# Dashboard panels contributed by the phase apps
# ---------------------------------------------------------------------------

# A panel is a callable (*, process, request) -> dict or None. The dict names its "template" and carries that
# template's context; None shows nothing (the user may not see it, or there is nothing to say). Phase apps register
# theirs in AppConfig.ready(). Each panel must cost a fixed number of queries.
DashboardPanel = Callable[..., dict | None]
_PANELS: dict[str, list[DashboardPanel]] = {}
_PERSONAL_PANELS: list[DashboardPanel] = []


def register_dashboard_panel(phase: str, panel: DashboardPanel) -> None:
    """Let a phase app show a live summary on its phase's card of the dashboard."""
    _PANELS.setdefault(phase, []).append(panel)


def register_personal_panel(panel: DashboardPanel) -> None:
    """Let a phase app show the user their own pending work at the top of the dashboard (their "home")."""
    _PERSONAL_PANELS.append(panel)


def render_panels(panels, *, process, request) -> list[dict]:
    return [shown for shown in (panel(process=process, request=request) for panel in panels) if shown]


@dataclass(frozen=True)
class PhasePage:
    """A page where a phase's work is done, linked from the phase's card and its page."""

    label: str | Promise
    url_name: str
    # The role permission on the process needed to see the link (the page itself checks again).
    permission: str = "view_internal"


_PAGES: dict[str, list[PhasePage]] = {}


def register_phase_page(phase: str, page: PhasePage) -> None:
    _PAGES.setdefault(phase, []).append(page)


def phase_pages(phase: str, perms: set[str]) -> list[PhasePage]:
    return [page for page in _PAGES.get(phase, ()) if page.permission in perms]


def dashboard_panels(phase: str) -> list[DashboardPanel]:
    return list(_PANELS.get(phase, ()))


def personal_panels() -> list[DashboardPanel]:
    return list(_PERSONAL_PANELS)


# ---------------------------------------------------------------------------
# Where a phase stands according to its records
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PhaseReading:
    """
    What one phase app reads from its records about a phase: for each of the guide's key steps (in order), True when
    the records show it done, False when they do not yet, None when this app keeps no record of that step; whether
    any work of the phase is on record at all; and whether the phase's outcome is on record (None: the phase is
    complete when every step on record is done).
    """

    steps: tuple[bool | None, ...]
    started: bool = False
    completed: bool | None = None


@dataclass(frozen=True)
class PhaseRecords:
    """
    How a phase app reads a phase's progress. `facts` gives named expressions over one Process row (Exists or
    Subquery on OuterRef("pk")); the core reads every phase's facts in one query, whatever the data, and hands them
    to `read`, which turns them into a PhaseReading.
    """

    facts: Callable[[], dict[str, Any]]
    read: Callable[[dict[str, Any]], PhaseReading]


_RECORDS: dict[str, list[PhaseRecords]] = {}


def register_phase_records(phase: str, records: PhaseRecords) -> None:
    """
    Let a phase app say how far `phase` has come from its records. Several apps may read the same phase (the plan's
    M&E arrangements live in monitoring): a step is done when every app that records it says so.
    """
    _RECORDS.setdefault(phase, []).append(records)


def phase_records(phase: str) -> list[PhaseRecords]:
    return list(_RECORDS.get(phase, ()))


@dataclass(frozen=True)
class KeyStep:
    """One of the handbook's key steps of a phase, and whether the records show it done (None: not on record)."""

    text: str
    done: bool | None

    @property
    def is_recorded(self) -> bool:
        return self.done is not None

    @property
    def state(self) -> str:
        """The step's state as a CSS class name: done, todo or unrecorded."""
        if self.done is None:
            return "unrecorded"
        return "done" if self.done else "todo"

    @property
    def state_label(self) -> str:
        if self.done is None:
            return _("not recorded in the workbench")
        return _("done") if self.done else _("not done yet")


@dataclass(frozen=True)
class PhaseStanding:
    """Where a phase stands according to its records: the derived status and each key step."""

    status: str
    steps: tuple[KeyStep, ...]

    def get_status_display(self) -> str:
        return PhaseStatus(self.status).label

    @property
    def steps_done(self) -> int:
        return sum(1 for step in self.steps if step.done)


def phase_standing(phase: str, readings: Sequence[PhaseReading]) -> PhaseStanding | None:
    """
    The one rule that turns what the phase apps read into a status (the dashboard, the phase page and every report
    use it through mainstreaming.selectors): completed when the phase's outcome is on record, or, when no app says
    what that outcome is, when every step on record is done; in progress once any work is on record; else not
    started. None when no app reads the phase.
    """
    if not readings:
        return None
    texts = GUIDES[phase].key_steps
    for reading in readings:
        if len(reading.steps) != len(texts):
            raise ValueError(f"A reading of {phase} gives {len(reading.steps)} steps; the guide has {len(texts)}.")
    steps = []
    for index, text in enumerate(texts):
        said = [reading.steps[index] for reading in readings if reading.steps[index] is not None]
        steps.append(KeyStep(text=text, done=all(said) if said else None))
    outcomes = [reading.completed for reading in readings if reading.completed is not None]
    if outcomes:
        completed = all(outcomes)
    else:
        recorded = [step.done for step in steps if step.done is not None]
        completed = bool(recorded) and all(recorded)
    if completed:
        status = PhaseStatus.COMPLETED
    elif any(reading.started for reading in readings) or any(step.done for step in steps):
        status = PhaseStatus.IN_PROGRESS
    else:
        status = PhaseStatus.NOT_STARTED
    return PhaseStanding(status=status.value, steps=tuple(steps))
