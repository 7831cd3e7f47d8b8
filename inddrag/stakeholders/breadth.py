"""Breadth — who took part in a process (principle 5).

Invited and answered by stakeholder type (from the accepted hearing list), and contributions by
"I speak as", district and age band next to the municipality's population (the latest year of
``PopulationFigure``), so staff see who is under-represented.

Privacy: on the public page a group with fewer than ``min_group()`` contributions (the
municipality's threshold: 5 unless an administrator changed it, ``principles.services``) is not
shown at all — no number, share or bar. If exactly one group of a chart is hidden, the next
smallest is hidden too, so the hidden one cannot be worked out from the total. Staff, who read every
contribution anyway, see the real counts on their own page, marked "not shown publicly". The
stakeholders on the hearing list are organisations, councils and units, public by name (as in
the API), so the public page names them, with whether they answered.

``breadth(process)`` costs a fixed number of queries: two, plus one more when it is not given the
plan's hearing list (``ProcessPlan.hearing_list``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext as _

from inddrag.contributions.models import AgeBand, Contribution, SpeakingAs
from inddrag.principles.models import BREADTH_MIN_GROUP, THRESHOLDS
from inddrag.principles.services import policy_value
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingListEntry, PopulationFigure, Stakeholder

# The default of the threshold; the current one (an administrator may change it) is min_group().
MIN_GROUP = THRESHOLDS[BREADTH_MIN_GROUP].fallback


def min_group() -> int:
    """The smallest group shown publicly: the municipality's current threshold."""
    return policy_value(BREADTH_MIN_GROUP)


# Geometry of the server-rendered bar charts (SVG user units).
CHART_WIDTH = 680
LABEL_WIDTH = 210
BAR_AREA = 360
BAR_HEIGHT = 14
ROW_HEIGHT = 2 * BAR_HEIGHT + 14


@dataclass
class Bar:
    key: str
    label: str
    count: int  # the true count: never rendered when ``hidden``
    total: int
    population_share: float | None = None  # % of inhabitants, when known
    hidden: bool = False
    index: int = 0

    @property
    def shown_count(self) -> int | None:
        return None if self.hidden else self.count

    @property
    def share(self) -> float | None:
        """% of all contributions; None when hidden."""
        if self.hidden:
            return None
        return self.true_share

    @property
    def true_share(self) -> float | None:
        """% of all contributions, hidden or not: for staff only."""
        return 100 * self.count / self.total if self.total else None

    @property
    def true_width(self) -> float:
        share = self.true_share
        return round(BAR_AREA * share / 100, 1) if share is not None else 0

    @property
    def x_true_value(self) -> float:
        return LABEL_WIDTH + self.true_width + 6

    # --- SVG geometry ---

    @property
    def y(self) -> int:
        return 24 + self.index * ROW_HEIGHT

    @property
    def y_population(self) -> int:
        return self.y + BAR_HEIGHT

    @property
    def y_text(self) -> int:
        return self.y + BAR_HEIGHT - 3

    @property
    def y_population_text(self) -> int:
        return self.y_population + BAR_HEIGHT - 3

    @property
    def width(self) -> float:
        share = self.share
        return round(BAR_AREA * share / 100, 1) if share is not None else 0

    @property
    def population_width(self) -> float:
        if self.population_share is None:
            return 0
        return round(BAR_AREA * self.population_share / 100, 1)

    @property
    def x_value(self) -> float:
        return LABEL_WIDTH + self.width + 6

    @property
    def x_population_value(self) -> float:
        return LABEL_WIDTH + self.population_width + 6


@dataclass
class Chart:
    slug: str
    title: str
    bars: list[Bar]
    total: int
    compares_population: bool = False

    @property
    def shown(self) -> list[Bar]:
        return [bar for bar in self.bars if not bar.hidden]

    def public_only(self) -> Chart:
        """The chart with only the groups large enough to show (for the public page)."""
        bars = [replace(bar, index=i) for i, bar in enumerate(self.shown)]
        return replace(self, bars=bars)

    @property
    def height(self) -> int:
        return 24 + len(self.bars) * ROW_HEIGHT + 6

    @property
    def min_group(self) -> int:
        return min_group()

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def label_x(self) -> int:
        return LABEL_WIDTH - 8

    @property
    def bar_x(self) -> int:
        return LABEL_WIDTH

    @property
    def width(self) -> int:
        return CHART_WIDTH

    def summary(self, *, public: bool = False) -> str:
        """The chart in one sentence, for the SVG's aria-label."""
        parts = []
        for bar in self.bars:
            if bar.hidden and not bar.count:
                if public:
                    continue
                value = _("no contributions")
            elif bar.hidden:
                if public:
                    continue
                value = _("%(count)d contributions, %(share)s %% (not shown publicly)") % {
                    "count": bar.count,
                    "share": _percent(bar.true_share),
                }
            else:
                value = _("%(count)d contributions, %(share)s %%") % {
                    "count": bar.count,
                    "share": _percent(bar.share),
                }
            if bar.population_share is not None:
                value += ", " + _("%(share)s %% of inhabitants") % {
                    "share": _percent(bar.population_share)
                }
            parts.append(f"{bar.label}: {value}")
        if not parts:
            return _("%(title)s: no group has %(min)d or more contributions.") % {
                "title": self.title,
                "min": min_group(),
            }
        return f"{self.title}. " + "; ".join(parts) + "."


def _percent(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f}"


@dataclass
class TypeRow:
    type: str
    label: str
    on_list: int = 0
    invited: int = 0
    answered: int = 0
    internal: bool = False


@dataclass
class Breadth:
    total: int
    by_type: list[TypeRow]
    speaking_as: Chart
    district: Chart
    age: Chart
    population_year: int | None = None
    population_sources: list[str] = field(default_factory=list)
    entries: list[HearingListEntry] = field(default_factory=list)  # accepted, on the list

    @property
    def charts(self) -> list[Chart]:
        return [self.speaking_as, self.district, self.age]

    @property
    def on_list(self) -> int:
        return sum(row.on_list for row in self.by_type)

    @property
    def named(self) -> list[tuple[str, list[HearingListEntry]]]:
        """The hearing list by type, with names (public: they are organisations and units)."""
        groups: dict[str, list[HearingListEntry]] = {}
        for entry in sorted(self.entries, key=lambda e: e.stakeholder.name):
            groups.setdefault(entry.stakeholder.get_type_display(), []).append(entry)
        return sorted(groups.items())

    @property
    def answered(self) -> int:
        return sum(row.answered for row in self.by_type)

    @property
    def min_group(self) -> int:
        return min_group()


def suppress(bars: list[Bar]) -> list[Bar]:
    """Hide every group under ``min_group()``. While the hidden groups together hold fewer than
    that (but some), hide the next smallest shown group too, so no hidden count can be worked
    out from the total and the groups shown."""
    smallest = min_group()
    for bar in bars:
        bar.hidden = bar.count < smallest
    while 0 < sum(bar.count for bar in bars if bar.hidden) < smallest:
        shown = sorted((bar for bar in bars if not bar.hidden), key=lambda b: (b.count, b.index))
        if not shown:
            break
        shown[0].hidden = True
    return bars


def _entries(
    process: Process, hearing_list: Iterable[HearingListEntry] | None
) -> list[HearingListEntry]:
    """Accepted entries with their stakeholder and ``has_answered``: the plan's hearing list
    when given (``ProcessPlan.hearing_list``), else one query."""
    if hearing_list is None:
        answered = Contribution.objects.filter(
            process=models.OuterRef("process_id"), stakeholder=models.OuterRef("stakeholder_id")
        )
        hearing_list = (
            HearingListEntry.objects.filter(process=process)
            .select_related("stakeholder")
            .annotate(has_answered=models.Exists(answered))
        )
    return [e for e in hearing_list if e.state == HearingListEntry.State.ACCEPTED]


def _by_type(entries: list[HearingListEntry]) -> list[TypeRow]:
    rows = {
        code: TypeRow(code, str(label), internal=code in Stakeholder.INTERNAL_TYPES)
        for code, label in Stakeholder.Type.choices
    }
    for entry in entries:
        row = rows[entry.stakeholder.type]
        row.on_list += 1
        row.invited += entry.invited_at is not None
        row.answered += bool(getattr(entry, "has_answered", False))
    return [row for row in rows.values() if row.on_list]


def _charts(
    counts: list[dict], population: list[dict]
) -> tuple[int, Chart, Chart, Chart, int | None, list[str]]:
    total = sum(row["n"] for row in counts)
    not_stated = str(_("Not stated"))

    # "I speak as": no population to compare with.
    speaking = Counter()
    for row in counts:
        speaking[row["speaking_as"]] += row["n"]
    speaking_bars = [
        Bar(code, str(label), speaking[code], total) for code, label in SpeakingAs.choices
    ]

    # Inhabitants by district and by age band.
    pop_total = sum(row["count"] for row in population)
    pop_district: Counter = Counter()
    pop_age: Counter = Counter()
    district_names: dict[int | None, tuple[int, str]] = {}
    for row in population:
        pop_district[row["district_id"]] += row["count"]
        pop_age[row["age_band"]] += row["count"]
        district_names[row["district_id"]] = (row["district__order"], row["district__name"])

    def pop_share(count: int) -> float | None:
        return 100 * count / pop_total if pop_total else None

    by_district: Counter = Counter()
    for row in counts:
        by_district[row["district_id"]] += row["n"]
        if row["district_id"] is not None:
            district_names.setdefault(
                row["district_id"], (row["district__order"], row["district__name"])
            )
    district_bars = [
        Bar(
            str(pk),
            name,
            by_district[pk],
            total,
            pop_share(pop_district[pk]) if pk in pop_district else None,
        )
        for pk, (_order, name) in sorted(district_names.items(), key=lambda item: item[1])
    ]
    if by_district[None]:
        district_bars.append(Bar("", not_stated, by_district[None], total))

    by_age: Counter = Counter()
    for row in counts:
        by_age[row["age_band"]] += row["n"]
    age_bars = [
        Bar(code, str(label), by_age[code], total, pop_share(pop_age[code]) if pop_total else None)
        for code, label in AgeBand.choices
    ]
    if by_age[""]:
        age_bars.append(Bar("", not_stated, by_age[""], total))

    charts = []
    for slug, title, bars, compares in (
        ("speaking-as", _("Contributions by “I speak as”"), speaking_bars, False),
        ("district", _("Contributions by district"), district_bars, bool(pop_total)),
        ("age", _("Contributions by age"), age_bars, bool(pop_total)),
    ):
        for index, bar in enumerate(bars):
            bar.index = index
        charts.append(Chart(slug, str(title), suppress(bars), total, compares))
    year = population[0]["year"] if population else None
    sources = sorted({row["source"] for row in population if row["source"]})
    return total, charts[0], charts[1], charts[2], year, sources


def breadth(
    process: Process,
    hearing_list: Iterable[HearingListEntry] | None = None,
    *,
    public: bool = False,
) -> Breadth:
    """Who took part in ``process``. ``public`` leaves out contributions marked internal;
    ``hearing_list`` is the plan's, when the caller has it (else it costs one query)."""
    contributions = Contribution.objects.filter(process=process)
    if public:
        contributions = contributions.filter(internal=False)
    counts = list(
        contributions.order_by()
        .values("speaking_as", "district_id", "district__name", "district__order", "age_band")
        # COUNT(*), not COUNT(id): the index ``contribution_breadth`` holds every column this
        # reads, so PostgreSQL counts from the index alone.
        .annotate(n=Count("*"))
    )
    population = _population()
    total, speaking_as, district, age, year, sources = _charts(counts, population)
    entries = _entries(process, hearing_list)
    return Breadth(
        total=total,
        by_type=_by_type(entries),
        entries=entries,
        speaking_as=speaking_as,
        district=district,
        age=age,
        population_year=year,
        population_sources=sources,
    )


COUNT_FIELDS = ("speaking_as", "district_id", "district__name", "district__order", "age_band")


def _population() -> list[dict]:
    """The latest year's population figures by district and age band (one query)."""
    latest = PopulationFigure.objects.order_by("-year").values("year")[:1]
    return list(
        PopulationFigure.objects.filter(year=models.Subquery(latest))
        .exclude(district__is_whole_municipality=True)
        .order_by()
        .values(
            "district_id",
            "district__name",
            "district__order",
            "age_band",
            "count",
            "year",
            "source",
        )
    )


def contribution_charts(counts: list[dict]) -> tuple[int, Chart, Chart, Chart, int | None]:
    """Contributions by "I speak as", district and age next to the population, from ``counts``
    (rows of ``COUNT_FIELDS`` with ``n``, summed over any number of processes), with the same
    threshold as the breadth page: the total, the three charts and the population's year (one
    query, for the population)."""
    total, speaking_as, district, age, year, _sources = _charts(counts, _population())
    return total, speaking_as, district, age, year
