"""
What later phases add to the plan, without this app importing them; each registers from its AppConfig.ready().

Result panels: the goal, outcome and output pages show, below their own content, what other apps know about the
result (monitoring lists the indicators measuring it, with their progress). A panel is a callable
`panel(*, request, process, result, level)` (`level` is "goal", "outcome" or "output") that returns None when it
has nothing to show or the reader may not see it, or a dict with the "template" to render and that template's
context. Each panel must cost a fixed number of queries (the pages' query budgets count them). Templates render
them with `{% load ip_extensions %}{% result_panels result "outcome" %}`.

Snapshot sections, frozen with a plan version: monitoring registers the plan's M&E section (the indicators by
result with their baselines and yearly targets, and the M&E plan). Each builder takes the process and returns
plain JSON (strings, numbers, lists, dicts), frozen with the version under its name in `snapshot["sections"]`;
its optional layout takes a copy of that JSON and adds what a reader needs (choice labels in the reader's
language), without a query. A version frozen before a section was registered simply lacks it, and the documents
printed from it say so.
"""

from collections.abc import Callable
from dataclasses import dataclass

ResultPanel = Callable[..., dict | None]

_RESULT_PANELS: list[ResultPanel] = []


def register_result_panel(panel: ResultPanel) -> None:
    """Show `panel` on every goal, outcome and output page (registering the same panel twice shows it once)."""
    if panel not in _RESULT_PANELS:
        _RESULT_PANELS.append(panel)


def result_panels(*, request, process, result, level: str) -> list[dict]:
    """The registered panels' contexts for one result, in registration order, leaving out those that return None."""
    shown = []
    for panel in _RESULT_PANELS:
        context = panel(request=request, process=process, result=result, level=level)
        if context:
            shown.append(context)
    return shown


# ---------------------------------------------------------------------------
# Snapshot sections
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class SnapshotSection:
    name: str
    # (process) -> JSON-serialisable dict, frozen with the version
    build: Callable[[object], dict]
    # (frozen dict) -> the dict laid out for a page or the PDF (no query); None prints the frozen dict as it is
    layout: Callable[[dict], dict] | None = None
    # (frozen dict) -> whether it holds anything to print; None: it always does
    has_content: Callable[[dict], bool] | None = None


_SECTIONS: dict[str, SnapshotSection] = {}


def register_snapshot_section(
    name: str,
    builder: Callable[[object], dict],
    layout: Callable | None = None,
    has_content: Callable[[dict], bool] | None = None,
) -> None:
    _SECTIONS[name] = SnapshotSection(name=name, build=builder, layout=layout, has_content=has_content)


def freeze_sections(process) -> dict[str, dict]:
    """Every registered section of `process`, built now, in registration order."""
    return {name: section.build(process) for name, section in _SECTIONS.items()}


def layout_sections(frozen: dict) -> dict[str, dict]:
    """The frozen sections of a snapshot laid out for reading; a section no longer registered prints as frozen."""
    laid_out = {}
    for name, data in (frozen or {}).items():
        section = _SECTIONS.get(name)
        laid_out[name] = section.layout(data) if section is not None and section.layout is not None else data
    return laid_out


def sections_recorded_since(process, frozen: dict) -> dict[str, dict]:
    """
    The sections a version froze empty, or was frozen without, that hold something now, built and laid out as
    they stand. A later phase often records its part after the plan was published (the M&E framework is set in
    the monitoring phase): the plan's PDF then prints it as recorded when the PDF was built, and says so.
    """
    recorded = {}
    for name, section in _SECTIONS.items():
        has_content = section.has_content or (lambda data: bool(data))
        if name in (frozen or {}) and has_content(frozen[name]):
            continue
        data = section.build(process)
        if has_content(data):
            recorded[name] = section.layout(data) if section.layout is not None else data
    return recorded
