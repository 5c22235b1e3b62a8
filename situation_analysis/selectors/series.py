"""
The read side of the migration-profile data series: the list, one series with its values as a chart and a table,
the data gaps, the series' history with its observations, and what the situation-analysis PDF prints. Every
function costs a fixed number of queries, however many series and observations there are.

A series is charted by one breakdown at most: by sex when it has values by sex alone (the handbook asks for
data by sex wherever possible), else its totals, else its first breakdown that has values on its own.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max, Min, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from mainstreaming import l10n
from mainstreaming.charts import COLUMN_COLOURS, ColumnGroup, column_chart
from mainstreaming.history import HistoryEntry, object_history, object_history_of_many
from mainstreaming.models import Process
from situation_analysis.choices import Disaggregation, Periodicity, SeriesTopic
from situation_analysis.models import DataSeries, Observation
from situation_analysis.selectors.sources import breakdown_labels, without_sex_breakdown

# The chart draws at most this many groups of columns (one colour each); more would be unreadable.
MAX_CHART_GROUPS = len(COLUMN_COLOURS)


def _sex_labels() -> dict[str, str]:
    # Read at call time, in the language of the page or the report.
    return {"female": _("Female"), "male": _("Male"), "other": _("Other")}


def show_value(value: Decimal | None) -> str:
    """A value in the reader's language: 1234.5000 -> "1,234.5" / "1 234,5"; None -> "—"."""
    if value is None:
        return "—"
    return l10n.number(value)


def cell_label(breakdown: dict) -> str:
    """The name of a cell of the series: "Total", "Female", or "Female · North"."""
    if not breakdown:
        return _("Total")
    sex = _sex_labels()
    return " · ".join(sex.get(value, value) if dim == Disaggregation.SEX else value for dim, value in breakdown.items())


def year_ranges(years) -> str:
    """[2015, 2016, 2017, 2020] -> "2015–2017, 2020"."""
    years = sorted(set(years))
    parts, start = [], None
    for index, year in enumerate(years):
        if start is None:
            start = year
        if index + 1 == len(years) or years[index + 1] != year + 1:
            parts.append(str(year) if start == year else f"{start}–{year}")
            start = None
    return ", ".join(parts)


def missing_years(years) -> list[int]:
    """The years between the first and the last that have no value at all."""
    years = set(years)
    if not years:
        return []
    return [year for year in range(min(years), max(years) + 1) if year not in years]


# A series published only every few years (a census round) or irregularly has no value between its rounds: those
# years are not gaps. The series' own periodicity overrides its source's.
NOT_YEARLY = {Periodicity.DECENNIAL, Periodicity.MULTI_YEAR, Periodicity.AD_HOC}
# A series whose latest value is older than this many years is listed as out of date (a setting may change it).
OUT_OF_DATE_AFTER_YEARS = 3


def expects_every_year(series: DataSeries) -> bool:
    """Whether a year without a value is a gap: unless the series (or else its source) is published every few years."""
    return series.expected_periodicity not in NOT_YEARLY


def out_of_date_before() -> int:
    """The first year whose values are recent enough: a series whose latest value is older is out of date."""
    years = getattr(settings, "SERIES_OUT_OF_DATE_AFTER_YEARS", OUT_OF_DATE_AFTER_YEARS)
    return timezone.localdate().year - years


# ---------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------


def _decorate(series: DataSeries) -> DataSeries:
    series.dimension_labels = breakdown_labels(series.dimensions)
    series.has_sex_breakdown = Disaggregation.SEX in (series.dimensions or [])
    # A share of GDP or a cost has no sex: such a series never lacks a breakdown by sex.
    series.lacks_sex_breakdown = not series.has_sex_breakdown and not series.sex_not_applicable
    return series


def series_list(*, process: Process, topic: str = "") -> list[DataSeries]:
    """
    The process's series with their source and sector, the number of observations, the first and last year and
    the latest period (one query).
    """
    series = DataSeries.objects.filter(process=process).select_related("source", "sector")
    if topic:
        series = series.filter(topic=topic)
    series = series.annotate(
        observation_count=Count("observations"),
        first_year=Min("observations__year"),
        last_year=Max("observations__year"),
        latest_period=Max("observations__period"),
    ).order_by("topic", "title")
    return [_decorate(item) for item in series]


def has_series(*, process: Process) -> bool:
    return DataSeries.objects.filter(process=process).exists()


def series_topics() -> list[tuple[str, str]]:
    return SeriesTopic.choices


# ---------------------------------------------------------------------------
# The latest values of many series at once
# ---------------------------------------------------------------------------


@dataclass
class LatestValues:
    """A series' latest period and its values then: the total first, then each cell of its breakdowns."""

    period: str
    cells: list[tuple[str, Decimal]]  # (the cell's name, its value)

    # A series broken down by country may have dozens of cells: a summary shows the first few, the series' page all.
    SHOWN = 6

    @property
    def shown(self) -> list[tuple[str, Decimal]]:
        return self.cells[: self.SHOWN]

    @property
    def more(self) -> int:
        return max(len(self.cells) - self.SHOWN, 0)


def latest_values(series: list[DataSeries]) -> dict[int, LatestValues]:
    """
    For each series (by id), its values of its latest period, in the table's order; a series with no value yet is
    left out. One query for all of them, whatever their number. The latest period is the greatest, as in the list.
    """
    by_id = {item.pk: item for item in series}
    if not by_id:
        return {}
    latest_period = Observation.objects.filter(series=OuterRef("series")).order_by("-period").values("period")[:1]
    rows = Observation.objects.filter(series_id__in=by_id, period=Subquery(latest_period)).order_by()
    found: dict[int, list[Observation]] = defaultdict(list)
    for observation in rows:
        found[observation.series_id].append(observation)
    result = {}
    for series_id, observations in found.items():
        owner = by_id[series_id]
        observations.sort(key=lambda o: _cell_order(owner, o.breakdown or {}))
        result[series_id] = LatestValues(
            period=observations[0].period,
            cells=[(cell_label(o.breakdown or {}), o.value.normalize()) for o in observations],
        )
    return result


# ---------------------------------------------------------------------------
# One series: its chart and its table
# ---------------------------------------------------------------------------


def series_get(*, process: Process, pk: int) -> DataSeries:
    series = get_object_or_404(DataSeries.objects.select_related("process", "source", "sector"), process=process, pk=pk)
    return _decorate(series)


def observation_get(*, series: DataSeries, pk: int) -> Observation:
    observation = get_object_or_404(Observation.objects.filter(series=series), pk=pk)
    observation.series = series
    return observation


@dataclass
class SeriesTable:
    """The series' values as a table: one row per period, one column per cell (the total, each breakdown)."""

    columns: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass
class SeriesView:
    """What a series' page and the PDF show of it."""

    series: DataSeries
    observations: list[Observation]
    table: SeriesTable
    chart: str
    chart_note: str
    missing_years: str
    findings: list = field(default_factory=list)


def _cell_order(series: DataSeries, breakdown: dict) -> tuple:
    """The total first, then by the number of breakdowns, then sex in its usual order, then by name."""
    sex_order = {"female": 0, "male": 1, "other": 2}
    values = tuple(
        (sex_order.get(breakdown[d], 3), breakdown[d]) if d == Disaggregation.SEX else (0, breakdown[d])
        for d in series.dimensions
        if d in breakdown
    )
    return (len(breakdown), tuple(d for d in series.dimensions if d not in breakdown), values)


def _chart_cells(series: DataSeries, cells: dict[str, dict]) -> tuple[list[str], str]:
    """Which cells the chart shows (their keys), and a note saying what it shows."""
    by_one: dict[str, list[str]] = defaultdict(list)
    for key, breakdown in cells.items():
        if len(breakdown) == 1:
            by_one[next(iter(breakdown))].append(key)
    labels = dict(Disaggregation.choices)
    if by_one.get(Disaggregation.SEX):
        return by_one[Disaggregation.SEX], _("By sex.")
    if "" in cells:
        return [""], _("Totals.")
    for dimension in series.dimensions:
        if by_one.get(dimension):
            return by_one[dimension][:MAX_CHART_GROUPS], _("By %(dimension)s.") % {
                "dimension": str(labels.get(dimension, dimension)).lower()
            }
    return [], ""


def build_view(series: DataSeries, observations: list[Observation], *, chart_width: int = 640) -> SeriesView:
    """The chart and the table of one series from its observations (no query)."""
    cells: dict[str, dict] = {}
    periods = sorted({o.period for o in observations})
    values: dict[tuple[str, str], Observation] = {}
    for observation in observations:
        cells.setdefault(observation.breakdown_key, observation.breakdown or {})
        values[(observation.period, observation.breakdown_key)] = observation
    keys = sorted(cells, key=lambda key: _cell_order(series, cells[key]))
    table = SeriesTable(
        columns=[cell_label(cells[key]) for key in keys],
        rows=[
            (period, [show_value(getattr(values.get((period, key)), "value", None)) for key in keys])
            for period in periods
        ],
    )
    chart, note = "", ""
    if observations:
        shown, note = _chart_cells(series, cells)
        shown = sorted(shown, key=lambda key: _cell_order(series, cells[key]))
        if shown:
            groups = [
                ColumnGroup(
                    cell_label(cells[key]),
                    tuple(getattr(values.get((period, key)), "value", None) for period in periods),
                )
                for key in shown
            ]
            chart = column_chart(periods, groups, title=series.title, unit=series.unit, width=chart_width)
        else:
            note = _("Values broken down by several dimensions at once are in the table; record totals to chart them.")
    return SeriesView(
        series=series,
        observations=observations,
        table=table,
        chart=chart,
        chart_note=note,
        missing_years=year_ranges(missing_years(o.year for o in observations)) if expects_every_year(series) else "",
    )


def series_detail(*, series: DataSeries) -> SeriesView:
    """The series with its observations (one query), its chart and table, its gaps, and the findings citing it."""
    from situation_analysis.selectors.findings import findings_for_series

    observations = list(series.observations.order_by("period", "breakdown_key"))
    for observation in observations:
        observation.series = series
        observation.cell = cell_label(observation.breakdown or {})
        observation.shown_value = show_value(observation.value)
    view = build_view(series, observations)
    view.findings = findings_for_series(series)
    return view


def series_history(*, series: DataSeries) -> tuple[list[HistoryEntry], list[HistoryEntry]]:
    """
    The series' own History tab, and its observations' changes (deleted ones included), each named by its
    period and cell: four queries.
    """
    entries = object_history(series)
    records = Observation.history.filter(series_id=series.pk)
    observation_entries = object_history_of_many(records, model=Observation)
    rows = list(records.order_by("-history_date", "-history_id").values_list("period", "breakdown")[:200])
    # The year and the breakdown's key are read from the period and the breakdown: shown once is enough.
    derived = {str(Observation._meta.get_field(name).verbose_name) for name in ("year", "breakdown_key")}
    for entry, (period, breakdown) in zip(observation_entries, rows, strict=False):
        entry.object_label = f"{period} · {cell_label(breakdown or {})}"
        entry.changes = [change for change in entry.changes if change.label not in derived]
    return entries, observation_entries


# ---------------------------------------------------------------------------
# Data gaps
# ---------------------------------------------------------------------------


@dataclass
class SeriesGap:
    series: DataSeries
    missing: str


@dataclass
class OutOfDate:
    series: DataSeries
    latest_year: int


@dataclass
class DataGaps:
    """What the data do not tell yet: years missing inside series, series and sources without a sex breakdown
    (where one applies), series with no value at all, and series whose latest value is old."""

    missing_years: list[SeriesGap]
    without_sex: list[DataSeries]
    empty: list[DataSeries]
    sources_without_sex: list[str]
    out_of_date: list[OutOfDate] = field(default_factory=list)
    out_of_date_years: int = OUT_OF_DATE_AFTER_YEARS

    @property
    def count(self) -> int:
        return (
            len(self.missing_years)
            + len(self.without_sex)
            + len(self.empty)
            + len(self.sources_without_sex)
            + len(self.out_of_date)
        )


def data_gaps(*, process: Process) -> DataGaps:
    """
    The process's data gaps (three queries): the series, the years each has values for, and the sources. A year is
    missing when a series has values before and after it but none for it, unless the series (or else its source) is
    published only every few years (a census). A series is out of date when its latest year is older than
    OUT_OF_DATE_AFTER_YEARS before this year.
    """
    series = [
        _decorate(item)
        for item in DataSeries.objects.filter(process=process).select_related("source").order_by("topic", "title")
    ]
    years: dict[int, set[int]] = defaultdict(set)
    rows = Observation.objects.filter(series__process=process).order_by().values_list("series_id", "year")
    for series_id, year in rows.distinct():
        years[series_id].add(year)
    return _gaps(series, years, without_sex_breakdown(process=process))


def _gaps(series: list[DataSeries], years: dict[int, set[int]], sources_without_sex: list[str]) -> DataGaps:
    gaps, out_of_date = [], []
    recent_from = out_of_date_before()
    for item in series:
        missing = missing_years(years.get(item.pk, ())) if expects_every_year(item) else []
        if missing:
            gaps.append(SeriesGap(item, year_ranges(missing)))
        if years.get(item.pk) and max(years[item.pk]) < recent_from:
            out_of_date.append(OutOfDate(item, max(years[item.pk])))
    return DataGaps(
        missing_years=gaps,
        without_sex=[item for item in series if item.lacks_sex_breakdown],
        empty=[item for item in series if not years.get(item.pk)],
        sources_without_sex=sources_without_sex,
        out_of_date=out_of_date,
        out_of_date_years=timezone.localdate().year - recent_from,
    )


def data_gaps_of(views: list["SeriesView"], *, process: Process) -> DataGaps:
    """The data gaps from series already read with their observations (series_for_report): one query more."""
    years = {view.series.pk: {o.year for o in view.observations} for view in views}
    return _gaps([view.series for view in views], years, without_sex_breakdown(process=process))


# ---------------------------------------------------------------------------
# The situation-analysis report
# ---------------------------------------------------------------------------


def series_for_report(process: Process) -> list[SeriesView]:
    """Every series of the process with its chart and table, for the PDF (two queries)."""
    series = [
        _decorate(item)
        for item in DataSeries.objects.filter(process=process)
        .select_related("source", "sector")
        .order_by("topic", "title")
    ]
    observations: dict[int, list[Observation]] = defaultdict(list)
    for observation in Observation.objects.filter(series__process=process).order_by("period", "breakdown_key"):
        observations[observation.series_id].append(observation)
    return [build_view(item, observations.get(item.pk, []), chart_width=600) for item in series]
