"""Whom a process's hearing list should suggest (principle 5: involve broadly and "look beyond").

``suggest(process)`` is deterministic and reads a fixed number of queries however many
stakeholders the registry holds:

- **must** — active stakeholders with a statutory hearing duty on one of the process's topics;
- **should** — stakeholders that share a district (one covering the whole municipality matches any
  district) or a topic with the process, ranked by how much they share;
- **beyond** — the rest, if they took part in processes on the same topics (strong) or have topics
  that border on the process's (medium); a type not yet on the list and, for internal
  stakeholders, another centre than the process's add a bonus. The best ``limit`` are returned.

Each suggestion says why, in Danish, with the concrete reason.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import override

from inddrag.organisation.models import District
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingDuty, HearingListEntry, Stakeholder, Topic

BEYOND_LIMIT = 8

# Weights of the "look beyond" ranking.
# Per earlier process on an overlapping topic the stakeholder answered in (strong: one outweighs
# a related topic with every bonus).
TOOK_PART = 4.0
RELATED_TOPIC = 2.0  # per topic of theirs that borders on one of the process's topics
NEW_TYPE = 1.0  # their type is not yet on the list
OTHER_CENTRE = 0.5  # an internal stakeholder from another centre than the process's

Reason = HearingListEntry.Reason


@dataclass(frozen=True)
class Suggestion:
    stakeholder: Stakeholder
    reason: str  # HearingListEntry.Reason: must, should or beyond
    why: str  # Danish, e.g. "Samme bydel: Måløv; Samme emne: Trafik"
    score: float


def _join(parts: list[str]) -> str:
    return "; ".join(parts)[:300]


def suggest(process: Process, limit: int = BEYOND_LIMIT) -> list[Suggestion]:
    """Must, then should, then the best ``limit`` "look beyond" suggestions (see module doc)."""
    with override("da"):
        return _suggest(process, limit)


def _suggest(process: Process, limit: int) -> list[Suggestion]:
    topics = {t.pk: t.name for t in process.topic_tags.all()}
    districts = {d.pk: d.name for d in District.objects.filter(process=process)}
    stakeholders = list(
        Stakeholder.objects.filter(active=True)
        .select_related("centre")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.only("pk", "name")),
            Prefetch(
                "districts",
                queryset=District.objects.only("pk", "name", "is_whole_municipality"),
            ),
        )
        .order_by("name", "pk")
    )

    # Must: statutory duties on the process's topics.
    duties: dict[int, list[str]] = defaultdict(list)
    if topics:
        for duty in (
            HearingDuty.objects.filter(topics__in=list(topics), stakeholder__active=True)
            .distinct()
            .order_by("legal_basis", "pk")
        ):
            if duty.legal_basis not in duties[duty.stakeholder_id]:
                duties[duty.stakeholder_id].append(duty.legal_basis)

    must: list[Suggestion] = []
    should: list[Suggestion] = []
    rest: list[Stakeholder] = []
    for s in stakeholders:
        if s.pk in duties:
            why = _join([_("Statutory: %(basis)s") % {"basis": b} for b in duties[s.pk]])
            must.append(Suggestion(s, Reason.MUST, why, float(len(duties[s.pk]))))
            continue
        own_districts = list(s.districts.all())
        shared_districts = [d.name for d in own_districts if d.pk in districts]
        whole = districts and any(d.is_whole_municipality for d in own_districts)
        shared_topics = [t.name for t in s.topics.all() if t.pk in topics]
        if not (shared_districts or whole or shared_topics):
            rest.append(s)
            continue
        parts = [_("Same district: %(name)s") % {"name": n} for n in shared_districts]
        if whole and not shared_districts:
            parts.append(_("Covers the whole municipality"))
        parts += [_("Same topic: %(name)s") % {"name": n} for n in shared_topics]
        score = len(shared_districts) + (0.5 if whole and not shared_districts else 0)
        score += len(shared_topics)
        should.append(Suggestion(s, Reason.SHOULD, _join(parts), float(score)))

    must.sort(key=lambda x: (-x.score, x.stakeholder.name.casefold(), x.stakeholder.pk))
    should.sort(key=lambda x: (-x.score, x.stakeholder.name.casefold(), x.stakeholder.pk))
    beyond = _beyond(process, topics, rest, must + should, limit)
    return must + should + beyond


def _beyond(
    process: Process,
    topics: dict[int, str],
    candidates: list[Stakeholder],
    suggested: list[Suggestion],
    limit: int,
) -> list[Suggestion]:
    if not candidates or not topics:
        return []
    # Topics that border on the process's (and are not among them).
    related = set(
        Topic.related.through.objects.filter(from_topic_id__in=list(topics)).values_list(
            "to_topic_id", flat=True
        )
    ) - set(topics)
    # Earlier processes on overlapping topics that the stakeholder answered in.
    from inddrag.contributions.models import Contribution

    took_part: dict[int, dict[int, str]] = defaultdict(dict)
    for stakeholder_id, process_id, title in (
        Contribution.objects.filter(stakeholder__isnull=False, process__topic_tags__in=list(topics))
        .exclude(process=process)
        .values_list("stakeholder_id", "process_id", "process__title")
        .distinct()
        .order_by("process__title", "process_id")
    ):
        took_part[stakeholder_id][process_id] = title
    represented = {s.stakeholder.type for s in suggested} | set(
        HearingListEntry.objects.filter(
            process=process, state=HearingListEntry.State.ACCEPTED
        ).values_list("stakeholder__type", flat=True)
    )

    result: list[Suggestion] = []
    for s in candidates:
        score = 0.0
        parts: list[str] = []
        earlier = took_part.get(s.pk, {})
        if earlier:
            score += TOOK_PART * len(earlier)
            titles = ", ".join(_("“%(title)s”") % {"title": t} for t in list(earlier.values())[:2])
            parts.append(
                _("Took part in %(count)d similar process(es): %(titles)s")
                % {"count": len(earlier), "titles": titles}
            )
        bordering = [t.name for t in s.topics.all() if t.pk in related]
        if bordering:
            score += RELATED_TOPIC * len(bordering)
            parts.append(_("Related topic: %(names)s") % {"names": ", ".join(bordering)})
        if not parts:
            continue  # nothing ties them to the task: a bonus alone is no reason
        if s.type not in represented:
            score += NEW_TYPE
            parts.append(_("New type on the list: %(type)s") % {"type": s.get_type_display()})
        if s.is_internal and s.centre_id and s.centre_id != process.centre_id:
            score += OTHER_CENTRE
            parts.append(_("Another centre: %(name)s") % {"name": s.centre.name})
        result.append(Suggestion(s, Reason.BEYOND, _join(parts), score))
    result.sort(key=lambda x: (-x.score, x.stakeholder.name.casefold(), x.stakeholder.pk))
    return result[:limit]
