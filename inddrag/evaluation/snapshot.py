"""The indicators of an evaluation as plain data, in the site's language: what an assessment
keeps when it is recorded, what a round keeps when it is published, and what the reports and the
public round page render. One format, so a draft's report (made from fresh figures) and a
recorded one (from the kept figures) read the same.

``public=True`` is the form for the public round page: a share or a median over fewer than the
breadth page's threshold says only "fewer than N", a breadth group under it is left out, and the
citizens' evaluations are shown only at or over it — never a figure below the privacy threshold.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from inddrag.evaluation.indicators import (
    CHARTS,
    COUNT,
    DAYS,
    EVALUATIONS,
    SHARE,
    Evaluation,
    Figure,
    Indicator,
)

VERSION = 1

# The indicators counted over people's contributions, answers to them or cases: on the public
# page these are held back under the threshold. The others count projects, frame items,
# hearings and stakeholders — public facts, shown whatever their number.
ABOUT_PEOPLE = frozenset(
    {
        "p1_outside_frame",
        "p2_answered",
        "p2_answer_days",
        "p2_accommodated",
        "p3_cases_before_assessment",
        "p4_case_hearing",
        "p4_case_in_time",
        "p5_breadth",
        "citizens",
    }
)


def _number(value: float, digits: int = 0) -> str:
    """Rounded to ``digits`` decimals, without trailing zeros ("42", "3,5", "12")."""
    rounded = round(float(value), digits)
    if rounded == int(rounded):
        return number_format(int(rounded))
    return number_format(rounded, digits)


def figure_texts(figure: Figure, kind: str, empty: str, code: str = "") -> tuple[str, str]:
    """The figure as it reads: ("42 %", "5 of 12"), ("3 days", "median of 9"), ("7", "") … or
    (what is missing, "")."""
    if kind == SHARE:
        if not figure.denominator:
            return empty, ""
        if code == "p4_hours":
            detail = _("%(n)s of %(d)s hours") % {
                "n": _number(float(figure.numerator or 0), 1),
                "d": _number(float(figure.denominator), 1),
            }
        else:
            detail = _("%(n)s of %(d)s") % {"n": figure.numerator or 0, "d": figure.denominator}
        return f"{_number(figure.share or 0)} %", detail
    if kind == DAYS:
        if figure.value is None:
            return empty, ""
        value = float(figure.value)
        days = ngettext("%(n)s day", "%(n)s days", round(value)) % {"n": _number(value, 1)}
        return days, _("median of %(n)s") % {"n": figure.denominator}
    if kind == COUNT:
        return (empty, "") if figure.value is None else (str(figure.value), "")
    if kind == CHARTS:
        if not figure.value:
            return empty, ""
        return ngettext("%(n)s contribution", "%(n)s contributions", figure.value) % {
            "n": figure.value
        }, ""
    return "", ""


def _small(figure: Figure, kind: str, threshold: int, code: str = "") -> bool:
    """A share or median about people over fewer than ``threshold`` (yet more than none)."""
    return (
        code in ABOUT_PEOPLE
        and kind in (SHARE, DAYS)
        and bool(figure.denominator)
        and figure.denominator < threshold
    )


def _figure(indicator: Indicator, figure: Figure, public: bool, threshold: int) -> dict:
    d = indicator.definition
    if public and _small(figure, d.kind, threshold, d.code):
        text = _("fewer than %(n)s — not shown") % {"n": threshold}
        return {"text": text, "detail": "", "share": None, "value": None, "hidden": True}
    text, detail = figure_texts(figure, d.kind, d.empty, d.code)
    return {
        "text": text,
        "detail": detail,
        "share": figure.share if d.kind == SHARE else None,
        "value": float(figure.value)
        if d.kind in (DAYS, COUNT) and figure.value is not None
        else None,
        "hidden": False,
    }


def _change(indicator: Indicator, public: bool, threshold: int) -> str:
    d = indicator.definition
    if public and (
        _small(indicator.current, d.kind, threshold)
        or _small(indicator.previous, d.kind, threshold)
    ):
        return ""
    if not indicator.change_text:
        return ""
    if d.kind == SHARE:
        return _("%(n)s percentage points") % {"n": indicator.change_text}
    return indicator.change_text


def _charts(figure: Figure, public: bool) -> list[dict]:
    charts = []
    for chart in figure.charts:
        rows = []
        for bar in chart.bars:
            if public and bar.hidden:
                continue
            rows.append(
                {
                    "label": str(bar.label),
                    "count": None if bar.hidden else bar.count,
                    "share": bar.share,
                    "population_share": bar.population_share,
                }
            )
        charts.append(
            {
                "title": str(chart.title),
                "compares_population": chart.compares_population,
                "rows": rows,
            }
        )
    return charts


def _evaluations(figure: Figure) -> dict | None:
    """The citizens' evaluations by group ("Sager", "Projekter"): only the groups at or over the
    threshold (counted from whole cells at or over it), each question with its principle; None
    when no group is shown. (Snapshots kept before the projects' evaluations have "answers" and
    "questions" of the cases only, no "groups": the templates read both.)"""
    groups = [
        {
            "key": group.key,
            "label": str(group.label),
            "answers": group.total.answers,
            "questions": [
                {
                    "label": str(q.label),
                    "principle": principle,
                    "mean": q.mean,
                    "high_share": q.high_share,
                }
                for principle, q in group.questions
            ],
        }
        for group in figure.evaluations
        if group.total.shown
    ]
    if not groups:
        return None
    return {"answers": sum(g["answers"] for g in groups), "groups": groups}


def snapshot(evaluation: Evaluation, *, public: bool = False, threshold: int | None = None) -> dict:
    """The evaluation as JSON-ready data in the site's language (Danish)."""
    threshold = evaluation.min_group if threshold is None else threshold
    with override(settings.LANGUAGE_CODE):
        principles = []
        for principle in evaluation.principles:
            rows = []
            for indicator in principle.indicators:
                d = indicator.definition
                if public and d.kind == EVALUATIONS:
                    continue
                row = {
                    "code": d.code,
                    "title": str(d.title),
                    "definition": str(d.definition),
                    "kind": d.kind,
                    "about_cases": d.about_cases,
                    "current": _figure(indicator, indicator.current, public, threshold),
                    "previous": _figure(indicator, indicator.previous, public, threshold),
                    "change": _change(indicator, public, threshold),
                }
                if d.kind == CHARTS:
                    row["charts"] = _charts(indicator.current, public)
                if d.kind == EVALUATIONS:
                    row["evaluations"] = _evaluations(indicator.current)
                    row["previous_evaluations"] = _evaluations(indicator.previous)
                rows.append(row)
            if rows:
                principles.append(
                    {"number": principle.number, "title": str(principle.title), "indicators": rows}
                )
        return {
            "version": VERSION,
            "scope": evaluation.scope.name,
            "period": [evaluation.period.start.isoformat(), evaluation.period.end.isoformat()],
            "previous": [
                evaluation.previous_period.start.isoformat(),
                evaluation.previous_period.end.isoformat(),
            ],
            "projects": evaluation.projects,
            "cases": evaluation.cases,
            "threshold": threshold,
            "public": public,
            "principles": principles,
        }


def indicator_rows(figures: dict) -> dict[str, dict]:
    """The indicators of a snapshot by code (for a comparison with the round before)."""
    return {
        row["code"]: row
        for principle in figures.get("principles", ())
        for row in principle["indicators"]
    }
