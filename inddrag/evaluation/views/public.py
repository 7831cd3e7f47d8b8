"""The public page of an evaluation round, once it is published: the council-level figures as
kept when it was published (never a figure below the privacy threshold, never a case) and each
committee's and centre management's conclusions per principle."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from inddrag.evaluation import services
from inddrag.evaluation.models import PRINCIPLES
from inddrag.principles.services import principle_title


@require_http_methods(["GET", "HEAD"])
def rounds(request: HttpRequest) -> HttpResponse:
    return render(
        request, "evaluation/public/rounds.html", {"rounds": list(services.published_rounds())}
    )


@require_http_methods(["GET", "HEAD"])
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(services.published_rounds(), pk=pk)
    assessments = services.assessments_of(round_)
    texts = services.texts_by_assessment(assessments)
    figures = round_.figures or {"principles": []}
    by_number = {p["number"]: p for p in figures["principles"]}
    principles = [
        {
            "number": n,
            "title": principle_title(n),
            "figures": by_number.get(n),
            "conclusions": [
                (a, texts[a.pk][n]) for a in assessments if not texts[a.pk][n].is_empty
            ],
        }
        for n in PRINCIPLES
    ]
    context = {
        "round": round_,
        "figures": figures,
        "principles": principles,
        "assessments": assessments,
    }
    return render(request, "evaluation/public/round.html", context)
