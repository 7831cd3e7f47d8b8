"""A process with everything the hearing memo shows: a hearing, target groups, topics,
contributions from people and organisations with and without consent, answers with
recommendations, and a document with a hearing version, a final version and a linked change."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

from inddrag.contributions import services as contribution_services
from inddrag.contributions.models import Answer, Consent, Contribution, Flag, Source, SpeakingAs
from inddrag.contributions.services import recount
from inddrag.documents import diff
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.memos.models import MemoTopic
from inddrag.processes.models import Process, TargetGroup
from tests.factories import add_target_groups
from tests.factories.contributions import RECEIVED, hearing_process, submitted

CPR = "010203-1234"
_numbers = itertools.count(1)

HEARING_BLOCKS = [
    {"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan for Banegårdspladsen"},
    {"id": "b2", "type": "paragraph", "text": "Der må bygges i højst fire etager."},
    {"id": "b3", "type": "paragraph", "text": "Legepladsen placeres ved vejen."},
    {"id": "b4", "type": "table", "rows": [["Område", "Etager"], ["A", "4"]]},
]
FINAL_BLOCKS = [
    {"id": "b1", "type": "heading", "level": 1, "text": "Lokalplan for Banegårdspladsen"},
    {"id": "b2", "type": "paragraph", "text": "Der må bygges i højst tre etager."},
    {"id": "b3", "type": "paragraph", "text": "Legepladsen placeres i gården."},
    {"id": "b4", "type": "table", "rows": [["Område", "Etager"], ["A", "3"]]},
    {"id": "b5", "type": "list_item", "level": 1, "text": "Træerne langs stien bevares."},
]


@dataclass
class MemoData:
    process: Process
    traffic: MemoTopic
    green: MemoTopic
    named: Contribution  # a private person who consented to their name (traffic)
    anonymous: Contribution  # a private person without consent to the name, with a CPR number
    club: Contribution  # an association, without consent to the name (green)
    unanswered: Contribution  # no topic, no answer
    change: Change


def memo_process(staff, **kwargs) -> MemoData:
    process = hearing_process(staff, **kwargs)
    add_target_groups(process, TargetGroup.CITIZENS, TargetGroup.ASSOCIATIONS)
    traffic = MemoTopic.objects.create(process=process, name="Trafik og parkering", order=1)
    green = MemoTopic.objects.create(process=process, name="Grønne områder", order=2)
    named = submitted(
        process,
        "Byg hellere tre etager end fire, så der stadig er lys i gaderne.",
        name="Karen Blixen Hansen",
        consent=Consent.WITH_NAME,
    )
    anonymous = submitted(
        process,
        f"Mit CPR-nummer er {CPR} og jeg vil ikke have mere trafik på Ballerup Byvej.",
        name="Hemmelig Person",
        consent=Consent.ANONYMOUS,
        source=Source.EMAIL,
    )
    club = submitted(
        process,
        "Foreningen ønsker at bevare træerne langs stien.",
        name="Ole Formand",
        on_behalf_of="Ballerup Naturforening",
        speaking_as=SpeakingAs.ASSOCIATION,
        consent=Consent.ANONYMOUS,
    )
    unanswered = submitted(
        process, "Husk cykelparkering ved stationen.", name="Per Privat", consent=Consent.NONE
    )
    # Staff have screened the three that consented to publication: the CPR number is redacted.
    for cleared in (named, anonymous, club):
        for flag in cleared.flags.all():
            contribution_services.resolve_flag(flag, Flag.Resolution.REDACTED, staff)
        contribution_services.approve(cleared, staff)
    Contribution.objects.filter(pk=named.pk).update(
        topic=traffic, summary="Ønsker lavere byggeri af hensyn til lyset."
    )
    Contribution.objects.filter(pk=anonymous.pk).update(topic=traffic)
    Contribution.objects.filter(pk=club.pk).update(
        topic=green, summary="Foreningen vil bevare træerne langs stien."
    )
    Answer.objects.create(
        contribution=named,
        outcome=Answer.Outcome.ACCOMMODATED,
        reason="Bebyggelsen sænkes til tre etager.",
        recommendation=Answer.Recommendation.CHANGE,
    )
    Answer.objects.create(
        contribution=anonymous,
        outcome=Answer.Outcome.NOT_ACCOMMODATED,
        reason="Trafikken er vurderet i miljørapporten.",
        recommendation=Answer.Recommendation.NO_CHANGE,
    )
    Answer.objects.create(
        contribution=club,
        outcome=Answer.Outcome.PARTLY,
        reason="Træerne bevares, hvor det er muligt.",
        recommendation=Answer.Recommendation.CHANGE,
    )
    document = Document.objects.create(
        process=process, title="Lokalplan 123", kind=Document.Kind.LOCAL_PLAN
    )
    hearing = DocumentVersion.objects.create(
        document=document,
        label=DocumentVersion.Label.HEARING,
        dated=datetime.date(2026, 3, 1),
        author=staff,
        blocks=HEARING_BLOCKS,
        published=True,
    )
    final = DocumentVersion.objects.create(
        document=document,
        label=DocumentVersion.Label.FINAL,
        dated=datetime.date(2026, 5, 1),
        author=staff,
        blocks=FINAL_BLOCKS,
        published=True,
    )
    first_change = diff.changes_only(diff.compare(HEARING_BLOCKS, FINAL_BLOCKS))[0]
    change = Change.objects.create(
        from_version=hearing,
        to_version=final,
        key=first_change.key,
        **diff.change_fields(first_change),
        explanation="Etagehøjden sænkes efter høringssvar om lys.",
        created_by=staff,
    )
    change.contributions.add(named)
    for c in (named, anonymous, club, unanswered):
        c.refresh_from_db()
    return MemoData(process, traffic, green, named, anonymous, club, unanswered, change)


def many(process: Process, n: int, topic: MemoTopic | None = None) -> list[Contribution]:
    """``n`` contributions with answers in a few INSERTs (for query counts and benchmarks)."""
    start = next(_numbers) * 100000
    rows = Contribution.objects.bulk_create(
        Contribution(
            process=process,
            receipt_number=f"B-2026-{start + i:07d}"[:20],
            text=f"Bidrag {i}: mere grønt og færre biler i bymidten. " * 8,
            speaking_as=SpeakingAs.ASSOCIATION if i % 5 == 0 else SpeakingAs.PRIVATE,
            on_behalf_of=f"Forening {i}" if i % 5 == 0 else "",
            consent=Consent.WITH_NAME if i % 2 else Consent.ANONYMOUS,
            name=f"Borger {i}",
            source=Source.ONLINE if i % 3 else Source.LETTER,
            received_at=RECEIVED + datetime.timedelta(minutes=i),
            publication=Contribution.Publication.PUBLISHED,
            published_text=f"Bidrag {i}: mere grønt og færre biler i bymidten. " * 8,
            published_name=f"Borger {i}",
            summary=f"Resumé af bidrag {i}." if i % 2 else "",
            topic=topic if i % 4 else None,
        )
        for i in range(n)
    )
    Answer.objects.bulk_create(
        Answer(
            contribution=c,
            outcome=Answer.Outcome.NOTED,
            reason="Tak for bidraget. Vi har noteret det.",
            recommendation=Answer.Recommendation.NO_CHANGE if i % 2 else "",
        )
        for i, c in enumerate(rows)
    )
    recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters
    return rows
