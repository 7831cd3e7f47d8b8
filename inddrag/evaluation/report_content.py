"""What an evaluation report says, as plain data: the DOCX (``report_docx``) and the PDF
(``report_pdf``) write the same content.

A report of one assessment: the facts (round, scope, period, the period before, the meeting,
when it was made); per principle the indicators (this period, the one before, the change), a
chart of the shares with the table as its text alternative, and the assessment's texts; the
development since the round before (the same committee's or management's recorded assessment,
indicator by indicator); and the projects behind it — never a case, cases only counted.

A report of the whole round: the council-level figures per principle, each assessment's texts
under each principle, the development since the round before (its kept council-level figures),
the status of each assessment, and the projects of the period.

Gathering takes a fixed number of queries however many projects or assessments there are
(tests/evaluation/test_reports.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.evaluation import indicators, services
from inddrag.evaluation.indicators import EVALUATIONS, SHARE
from inddrag.evaluation.models import PRINCIPLES, Assessment, AssessmentText, EvaluationRound
from inddrag.evaluation.snapshot import indicator_rows
from inddrag.lib import charts
from inddrag.lib.calendar import local_date
from inddrag.lib.formatting import full_date, moment
from inddrag.principles.services import principle_title


@dataclass(frozen=True)
class Line:
    """One indicator: its figures as they read."""

    title: str
    current: str
    previous: str
    change: str
    share: float | None = None  # this period's share, for the chart
    previous_share: float | None = None


@dataclass(frozen=True)
class Texts:
    """One assessment's texts for one principle (``scope``: whose, in a round report)."""

    scope: str
    went_well: str
    went_badly: str
    will_do: str


@dataclass
class Section:
    number: int
    title: str
    lines: list[Line] = field(default_factory=list)
    texts: list[Texts] = field(default_factory=list)

    @property
    def shares(self) -> list[Line]:
        """The share indicators: what the chart shows."""
        return [
            line for line in self.lines if line.share is not None or line.previous_share is not None
        ]


@dataclass(frozen=True)
class Trend:
    title: str
    before: str  # the figure the round before kept
    now: str


@dataclass(frozen=True)
class Status:
    scope: str
    recorded: bool
    treated_on: str
    agenda_url: str


@dataclass
class ReportContent:
    title: str
    facts: list[tuple[str, str]]
    labels: dict[str, str]  # the column names and fixed wording, in the site's language
    sections: list[Section]
    trend_heading: str
    trend_intro: str
    trends: list[Trend]
    projects: list[tuple[str, str]]  # (title, centre)
    cases: int
    statuses: list[Status] = field(default_factory=list)  # the round report only
    made: str = ""
    file_stem: str = ""


def _labels(period: str, previous: str) -> dict[str, str]:
    return {
        "indicator": _("Indicator"),
        "current": period,
        "previous": previous,
        "change": _("Change"),
        "went_well": _("What went well"),
        "went_badly": _("What did not go well"),
        "will_do": _("What we will do"),
        "figures": _("Indicators"),
        "assessment": _("The assessment"),
        "assessments": _("The assessments"),
        "chart": _("Chart: the shares, this period and the one before"),
        "chart_alt": _(
            "Bar chart of the principle's shares, this period and the one before. The same "
            "figures are in the table above."
        ),
        "none": _("No assessment text."),
        "projects": _("The projects behind the report"),
        "no_projects": _("No projects in the period."),
        "cases": _("Cases are counted, never listed: %(n)s in the period."),
        "status": _("The assessments' status"),
        "state": _("Status"),
        "scope": _("Committee or centre management"),
        "recorded": _("Recorded"),
        "missing": _("Not recorded"),
        "treated_on": _("Treated on"),
        "agenda": _("Agenda"),
        "before": _("The round before"),
        "now": _("This round"),
        "page": _("Page %(page)s"),
        "empty": "–",
    }


def _period_text(dates: list[str] | tuple[str, str]) -> str:
    start, end = (datetime.date.fromisoformat(d) for d in dates)
    return f"{full_date(start)} – {full_date(end)}"


def _short_period(dates: list[str] | tuple[str, str]) -> str:
    start, end = (datetime.date.fromisoformat(d) for d in dates)
    return f"{start.year}–{end.year}" if start.year != end.year else str(start.year)


def _figure_text(figure: dict) -> str:
    return f"{figure['text']} ({figure['detail']})" if figure.get("detail") else figure["text"]


def _lines(principle: dict) -> list[Line]:
    lines = []
    for row in principle["indicators"]:
        if row["kind"] == EVALUATIONS:  # the citizens' own evaluations: not in the reports
            continue
        share = row["kind"] == SHARE
        lines.append(
            Line(
                title=row["title"],
                current=_figure_text(row["current"]),
                previous=_figure_text(row["previous"]),
                change=row["change"] or "–",
                share=row["current"]["share"] if share else None,
                previous_share=row["previous"]["share"] if share else None,
            )
        )
    return lines


def _sections(figures: dict) -> list[Section]:
    by_number = {p["number"]: p for p in figures.get("principles", ())}
    sections = []
    for n in PRINCIPLES:
        section = Section(
            n, _("Principle %(n)s: %(title)s") % {"n": n, "title": principle_title(n)}
        )
        if n in by_number:
            section.lines = _lines(by_number[n])
        sections.append(section)
    return sections


def _texts(scope: str, text: AssessmentText) -> Texts:
    return Texts(scope, text.went_well.strip(), text.went_badly.strip(), text.will_do.strip())


def _trends(figures: dict, before: dict | None) -> list[Trend]:
    if not before:
        return []
    earlier = indicator_rows(before)
    trends = []
    for code, row in indicator_rows(figures).items():
        if row["kind"] == EVALUATIONS or code not in earlier:
            continue
        trends.append(
            Trend(
                row["title"], _figure_text(earlier[code]["current"]), _figure_text(row["current"])
            )
        )
    return trends


def _projects(scope: indicators.Scope, period: indicators.Period, today) -> list[tuple[str, str]]:
    return [
        (p.title, p.centre.name if p.centre_id else "")
        for p in indicators.projects_in(scope, period, today)
    ]


def _made() -> str:
    return _("Made %(when)s from the data in Inddrag.") % {"when": moment(timezone.now())}


def _stem(*parts: str) -> str:
    spelled = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
    slug = slugify(" ".join(parts).lower().translate(spelled))[:90].strip("-")
    return f"evalueringsrapport-{slug}" if slug else "evalueringsrapport"


def stem_of(round_: EvaluationRound, assessment: Assessment | None) -> str:
    """The files' name without its extension: the round's title and the scope."""
    return _stem(round_.title, assessment.scope_name if assessment is not None else "hele runden")


def assessment_report(assessment: Assessment, today: datetime.date | None = None) -> ReportContent:
    """The report of one committee's or centre management's assessment (``assessment`` with its
    round, election period, body and centre loaded)."""
    today = today or local_date(timezone.now())
    round_ = assessment.round
    with override(settings.LANGUAGE_CODE):
        figures = services.figures_of(assessment, today=today)
        texts = services.texts_of(assessment)
        before = services.previous_assessment(assessment)
        scope = services.scope_of(assessment)
        projects = _projects(scope, services.period_of(round_), today)
        period, previous = figures["period"], figures["previous"]
        facts = [
            (_("Round"), round_.title),
            (_("Committee or centre management"), assessment.scope_name),
            (_("Period"), _period_text(period)),
            (_("The period before"), _period_text(previous)),
        ]
        if assessment.is_recorded and assessment.treated_on:
            facts.append((_("Treated on"), full_date(assessment.treated_on)))
            if assessment.agenda_url:
                facts.append((_("Agenda"), assessment.agenda_url))
        else:
            facts.append(
                (_("Status"), _("A draft: the figures are measured now and may still change."))
            )
        facts.append((_("Projects in the period"), str(figures["projects"])))
        if assessment.centre_id:
            facts.append((_("Cases in the period"), str(figures["cases"])))
        sections = _sections(figures)
        for section in sections:
            text = texts[section.number]
            if not text.is_empty:
                section.texts.append(_texts(assessment.scope_name, text))
        if before is not None:
            intro = _(
                "The indicators as %(scope)s read them in %(round)s (kept when that assessment "
                "was recorded), and as they are in this round."
            ) % {"scope": assessment.scope_name, "round": before.round.title}
        else:
            intro = _(
                "There is no recorded assessment of %(scope)s in the round before to compare with."
            ) % {"scope": assessment.scope_name}
        title = _("Evaluation of the principles: %(scope)s") % {"scope": assessment.scope_name}
        return ReportContent(
            title=title,
            facts=facts,
            labels=_labels(_short_period(period), _short_period(previous)),
            sections=sections,
            trend_heading=_("Development since the round before"),
            trend_intro=intro,
            trends=_trends(figures, before.figures if before is not None else None),
            projects=projects,
            cases=figures["cases"] if assessment.centre_id else 0,
            made=_made(),
            file_stem=stem_of(round_, assessment),
        )


def round_report(round_: EvaluationRound, today: datetime.date | None = None) -> ReportContent:
    """The report of the whole round (``round_`` with its election period loaded)."""
    today = today or local_date(timezone.now())
    with override(settings.LANGUAGE_CODE):
        assessments = services.assessments_of(round_)
        texts = services.texts_by_assessment(assessments)
        figures = services.council_figures(round_, today=today)
        before = services.previous_round(round_)
        projects = _projects(indicators.whole_municipality(), services.period_of(round_), today)
        period, previous = figures["period"], figures["previous"]
        recorded = sum(1 for a in assessments if a.is_recorded)
        facts = [
            (_("Round"), round_.title),
            (_("Period"), _period_text(period)),
            (_("The period before"), _period_text(previous)),
            (_("Deadline"), full_date(round_.deadline)),
            (
                _("Assessments recorded"),
                _("%(recorded)s of %(total)s") % {"recorded": recorded, "total": len(assessments)},
            ),
            (_("Projects in the period"), str(figures["projects"])),
        ]
        if round_.published_at:
            facts.append((_("Published"), full_date(local_date(round_.published_at))))
        sections = _sections(figures)
        for section in sections:
            for a in assessments:
                text = texts[a.pk][section.number]
                if not text.is_empty:
                    section.texts.append(_texts(a.scope_name, text))
        statuses = [
            Status(
                a.scope_name,
                a.is_recorded,
                full_date(a.treated_on) if a.treated_on else "",
                a.agenda_url,
            )
            for a in assessments
        ]
        kept = before.figures if before is not None else None
        if kept:
            intro = _(
                "The council-level figures as kept when %(round)s was published, and as they "
                "are in this round."
            ) % {"round": before.title}
        else:
            intro = _("There are no published council-level figures of the round before.")
        return ReportContent(
            title=_("Evaluation of the principles: %(round)s") % {"round": round_.title},
            facts=facts,
            labels=_labels(_short_period(period), _short_period(previous)),
            sections=sections,
            trend_heading=_("Development since the round before"),
            trend_intro=intro,
            trends=_trends(figures, kept),
            projects=projects,
            cases=figures["cases"],
            statuses=statuses,
            made=_made(),
            file_stem=stem_of(round_, None),
        )


def chart_png(content: ReportContent, section: Section) -> bytes | None:
    """The chart of the section's shares (shared with the PDF), or None when it has none."""
    lines = section.shares
    if not lines:
        return None
    labels = content.labels
    bars = [charts.Bar(line.title, line.share, line.previous_share) for line in lines]
    return charts.paired_bars(bars, (labels["current"], labels["previous"]), labels["empty"])
