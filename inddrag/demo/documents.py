"""Demo documents, visible changes and decisions (called by ``manage.py seed_demo``).

The decided and the closed demo process each get a document with a published hearing version and
a published final version; the changes in the final version that came from input are explained
and linked to the demo contributions, the decision is recorded and the hearing memo the committee
read is made and published. The open Lokalplan 123 gets
its published hearing version, and some of its contributions point to the paragraph they comment
on. Each run replaces the demo processes' documents, so running the command twice gives the same
result.

Blocks are written with the small helpers below (``h``, ``p``, ``li``, ``table``); the block format
is described in ``inddrag.documents.models``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.contributions.models import Contribution
from inddrag.demo.processes import (
    BSU,
    CYKELSTIER,
    KB,
    LOKALPLAN_118,
    LOKALPLAN_123,
    PLANNER,
    SFO_TIDER,
    TRAFIKSIKKERHED,
)
from inddrag.documents import diff
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.lib.calendar import local_date
from inddrag.memos import services as memo_services
from inddrag.memos.models import Memo
from inddrag.organisation.models import DecisionBody
from inddrag.processes.models import Activity, Decision, Process

# --- Writing blocks ----------------------------------------------------------------------------


def h(level: int, text: str) -> dict:
    return {"type": "heading", "level": level, "text": text}


def p(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def li(text: str, level: int = 1, ordered: bool = False) -> dict:
    return {"type": "list_item", "level": level, "ordered": ordered, "text": text}


def ol(text: str, level: int = 1) -> dict:
    return li(text, level, ordered=True)


def table(*rows: tuple[str, ...]) -> dict:
    return {"type": "table", "rows": [list(row) for row in rows]}


def numbered(blocks: list[dict]) -> list[dict]:
    """Give each block its id ``b1``, ``b2`` … (each version starts afresh)."""
    return [{"id": f"b{n}", **block} for n, block in enumerate(blocks, start=1)]


# --- The documents -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeData:
    """A change in the final version: found by a phrase of the final text (or, for a deleted
    block, of the hearing text), explained, and linked to demo contributions by number (their
    place in ``inddrag.demo.contributions.DEMO``, from 1)."""

    phrase: str
    explanation: str
    contributions: tuple[int, ...] = ()


@dataclass(frozen=True)
class DocumentData:
    process: str  # the process's title
    title: str
    kind: str
    hearing: list[dict]
    final: list[dict] | None = None
    changes: tuple[ChangeData, ...] = ()
    # Contributions (by number) that comment on a paragraph of the hearing version, found by a
    # phrase of that paragraph.
    paragraphs: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionData:
    process: str
    body: str
    agenda_title: str
    agenda_path: str
    text: str


_TRAFIK_INTRO = [
    h(1, "Trafiksikkerhedsplan 2026-2030"),
    p(
        "Ballerup Kommune vil gøre det sikrere og mere trygt at færdes på vejene — til fods, på "
        "cykel, i bus og i bil. Planen beskriver kommunens mål for trafiksikkerheden frem til "
        "2030, de steder vi vil prioritere først, og hvordan vi arbejder sammen med borgere, "
        "skoler, foreninger og politi."
    ),
    p(
        "Planen gælder de kommunale veje og stier. Motorvejene og statsvejene er Vejdirektoratets "
        "ansvar og er ikke en del af planen."
    ),
    h(2, "1. Baggrund"),
    p(
        "I perioden 2020-2024 registrerede politiet 212 uheld med personskade på de kommunale "
        "veje i Ballerup Kommune. I gennemsnit blev ni personer om året dræbt eller alvorligt "
        "tilskadekommet. Cyklister og fodgængere udgør en stigende andel af de tilskadekomne, og "
        "de fleste uheld sker i kryds."
    ),
    p(
        "Over 1.400 borgere svarede på spørgeskemaet »Hvor er du utryg i trafikken?«, og "
        "skolebestyrelserne har deltaget i dialogmøder og byvandringer på skolevejene. "
        "Kortlægningen viser, at især krydsninger af de store veje på vej til skole opleves som "
        "utrygge, og at mange forældre derfor kører deres børn i skole."
    ),
    h(2, "2. Mål"),
    p("Kommunalbestyrelsen følger det nationale mål og har sat tre mål for planperioden:"),
    ol(
        "Antallet af dræbte og alvorligt tilskadekomne på kommunens veje skal være halveret i "
        "2030 i forhold til gennemsnittet for 2020-2024."
    ),
    ol("80 procent af eleverne i 4.-6. klasse skal gå eller cykle til skole i 2030."),
    ol("Færre borgere skal opleve steder i trafikken som utrygge."),
]

_TRAFIK_SCHOOL_HEARING = [
    h(2, "3. Indsatsområder"),
    h(3, "3.1 Sikre skoleveje"),
    p(
        "Alle skoler får en skolevejsanalyse, som opdateres hvert fjerde år sammen med "
        "skolebestyrelsen. Krydsninger, hvor mange børn passerer om morgenen, prioriteres først."
    ),
    p(
        "Hastigheden nedsættes til 40 km/t på de veje, der ligger tæt på skoler i Ballerup og "
        "Skovlunde."
    ),
]

_TRAFIK_SCHOOL_FINAL = [
    h(2, "3. Indsatsområder"),
    h(3, "3.1 Sikre skoleveje"),
    p(
        "Alle skoler får en skolevejsanalyse, som opdateres hvert fjerde år sammen med "
        "skolebestyrelsen. Krydsninger, hvor mange børn passerer om morgenen, prioriteres først."
    ),
    p(
        "Hastigheden nedsættes til 40 km/t på de veje, der ligger tæt på skoler og institutioner "
        "i Ballerup, Skovlunde og Måløv. På de større gennemfartsveje fastholdes 50 km/t."
    ),
]

_TRAFIK_PATHS = [
    h(3, "3.2 Cyklister og fodgængere"),
    p(
        "Stierne skal være sammenhængende, trygge og vedligeholdte hele året. Vi prioriterer "
        "vintervedligeholdelse på de vigtigste skole- og pendlerruter."
    ),
    li("Bedre belysning på stier, hvor mange cykler om morgenen og aftenen."),
    li("Tydeligere afmærkning, hvor stier krydser veje."),
    li("Fortove med plads til barnevogne, kørestole og rollatorer."),
]

_TRAFIK_REFLECTORS = li(
    "Reflekser og markeringspæle på stier i skov og natur, hvor belysning ikke er tilladt, "
    "f.eks. stien gennem Hareskoven."
)

_TRAFIK_BEHAVIOUR = [
    h(3, "3.3 Hastighed og adfærd"),
    p(
        "Vi samarbejder med Københavns Vestegns Politi om hastighedskontrol og med Rådet for "
        "Sikker Trafik om undervisning og kampagner i skolerne. Fartvisere sættes op i perioder "
        "på de veje, hvor borgerne oplever, at der køres for stærkt."
    ),
    h(2, "4. Prioriterede steder 2026-2027"),
    p(
        "Tabellen viser de steder, der er prioriteret i planens første etape. Listen revideres, "
        "når etapen er gennemført."
    ),
]


def _trafik_table(crossing: tuple[str, str]) -> dict:
    return table(
        ("Sted", "Problem", "Løsning", "År"),
        (
            "Ballerup Byvej ved Egebjerg Skole",
            "Mange børn krydser i myldretiden",
            "Hævet flade og bedre belysning",
            "2026",
        ),
        (
            "Måløv Hovedgade ved stationen",
            "Høj hastighed og utrygge krydsninger",
            "Midterhelle og 40 km/t",
            "2026",
        ),
        ("Skovlunde Byvej ved Ballerup Byvej", "Utryg krydsning for skolebørn", *crossing),
        (
            "Lautrupvang",
            "Parkerede biler spærrer for udsynet",
            "Parkeringsforbud ved krydsene",
            "2027",
        ),
    )


_TRAFIK_END = [
    h(2, "5. Økonomi"),
    p(
        "Planen gennemføres inden for anlægsbudgettet til trafiksikkerhed på 6,5 mio. kr. om "
        "året. Større projekter forelægges Teknik- og Miljøudvalget enkeltvis."
    ),
    h(2, "6. Opfølgning"),
    p(
        "Forvaltningen gør status for Teknik- og Miljøudvalget hvert år med uheldstal og "
        "fremdrift. Borgerne kan fortsat melde utrygge steder via kommunens hjemmeside."
    ),
]

_TRAFIK_STATE_ROADS = p(
    "Forslag, der gælder motorvejene og statsvejene, sender kommunen videre til Vejdirektoratet, "
    "og vi fortæller forslagsstilleren, hvad der videre sker."
)

TRAFIK_HEARING = numbered(
    [
        *_TRAFIK_INTRO,
        *_TRAFIK_SCHOOL_HEARING,
        *_TRAFIK_PATHS,
        *_TRAFIK_BEHAVIOUR,
        _trafik_table(("Undersøges nærmere", "2028")),
        *_TRAFIK_END,
    ]
)

TRAFIK_FINAL = numbered(
    [
        *_TRAFIK_INTRO,
        *_TRAFIK_SCHOOL_FINAL,
        *_TRAFIK_PATHS,
        _TRAFIK_REFLECTORS,
        *_TRAFIK_BEHAVIOUR,
        _trafik_table(("Ny signalreguleret fodgængerovergang", "2027")),
        *_TRAFIK_END,
        _TRAFIK_STATE_ROADS,
    ]
)


def _lokalplan_118(*, drop_off: str, hedge: str, areas: tuple[str, str]) -> list[dict]:
    return numbered(
        [
            h(1, "Lokalplan 118 — Daginstitution i Måløv Nord"),
            p(
                "Lokalplanen giver mulighed for at opføre en ny daginstitution med plads til 120 "
                "børn i alderen 0-6 år på den kommunale grund ved Måløv Byvej. Institutionen skal "
                "skaffe pladser nok til bydelens børn i de kommende år."
            ),
            h(2, "Redegørelse"),
            h(3, "Området i dag"),
            p(
                "Grunden er på ca. 6.450 m² og er i dag et ubebygget græsareal, som kommunen "
                "ejer. Mod nord og øst grænser den op til villaer, mod syd til Måløv Byvej og mod "
                "vest til et grønt område med sti til Måløv Skole."
            ),
            h(3, "Lokalplanens indhold"),
            li("Bygningen må opføres i højst 2 etager med en højde på højst 8,5 meter."),
            li("Bebyggelsesprocenten må højst være 30 for grunden som helhed."),
            li(
                "Der skal være mindst 20 parkeringspladser og 60 cykelpladser, heraf 10 "
                "overdækkede."
            ),
            li("Legepladsen placeres mod syd og vest, så den får mest mulig sol."),
            h(3, "Trafik"),
            p(drop_off),
            h(3, "Beplantning"),
            p(hedge),
            h(3, "Forholdet til anden planlægning"),
            p(
                "Lokalplanen er i overensstemmelse med kommuneplanens rammer for området, som "
                "udlægger det til offentlige formål. Der skal ikke laves en miljøvurdering, fordi "
                "planen ikke kan få væsentlig indvirkning på miljøet."
            ),
            h(2, "Bestemmelser"),
            h(3, "§ 1 Formål"),
            p(
                "Lokalplanens formål er at udlægge området til offentlige formål i form af en "
                "daginstitution og at sikre, at bebyggelsen tilpasses villaerne omkring."
            ),
            h(3, "§ 2 Arealer"),
            p("Arealerne fordeles som vist i tabellen."),
            table(
                ("Anvendelse", "Areal (m²)"),
                ("Bebyggelse", "1.450"),
                ("Legeplads og udeareal", areas[0]),
                ("Parkering, kørsel og afsætning", areas[1]),
                ("I alt", "6.450"),
            ),
        ]
    )


LOKALPLAN_118_HEARING = _lokalplan_118(
    drop_off=(
        "Adgang til institutionen sker fra Måløv Byvej. Afsætningspladser til forældre placeres "
        "langs Solsikkevej ved grundens nordlige skel."
    ),
    hedge="Eksisterende beplantning på grunden kan fjernes, hvor byggeriet kræver det.",
    areas=("3.900", "1.100"),
)

LOKALPLAN_118_FINAL = _lokalplan_118(
    drop_off=(
        "Adgang til institutionen sker fra Måløv Byvej. Afsætningspladser til forældre placeres "
        "på institutionens egen grund ved indkørslen, så bilerne ikke holder på villavejene."
    ),
    hedge=(
        "Det levende hegn mod nord bevares og suppleres med nye træer. Øvrig beplantning kan "
        "fjernes, hvor byggeriet kræver det."
    ),
    areas=("3.750", "1.250"),
)

LOKALPLAN_123_HEARING = numbered(
    [
        h(1, "Forslag til Lokalplan 123 — Boliger ved Ballerup Station"),
        p(
            "Lokalplanforslaget giver mulighed for at omdanne den tidligere erhvervsgrund nord "
            "for Ballerup Station til et boligområde med ca. 180 boliger, grønne opholdsarealer "
            "og en ny sti til stationen. Forslaget er i offentlig høring, og alle kan komme med "
            "bemærkninger."
        ),
        h(2, "Redegørelse"),
        h(3, "Baggrund"),
        p(
            "Kommunalbestyrelsen har i kommuneplanen besluttet, at erhvervsområdet ved "
            "stationen skal omdannes til boliger. Området ligger tæt på tog og bus, og nye "
            "boliger her kan styrke bylivet i Ballerup Bymidte."
        ),
        h(3, "Bebyggelsens omfang og højde"),
        p(
            "Bebyggelsen må opføres i op til 5 etager mod Banegårdspladsen og jernbanen og i op "
            "til 4 etager mod rækkehusene på Stationsvej."
        ),
        h(3, "Veje, stier og parkering"),
        p(
            "Området vejbetjenes fra Stationsvej. En ny sti forbinder området med stationen og "
            "med Ballerup Bymidte."
        ),
        li("Der skal være 0,5 parkeringsplads pr. bolig, heraf pladser til delebiler."),
        li("Der skal være 2 cykelpladser pr. bolig."),
        li("Stien skal være belyst og mindst 3 meter bred."),
        h(3, "Grønne områder"),
        p(
            "Mindst 30 procent af området skal være grønne opholdsarealer med legeplads. Træer "
            "langs Stationsvej bevares, hvor det er muligt."
        ),
        h(3, "Støj"),
        p(
            "Langs jernbanen etableres en støjskærm, så Miljøstyrelsens grænseværdier for støj "
            "overholdes ved boligerne og på opholdsarealerne."
        ),
        h(2, "Arealer"),
        table(
            ("Delområde", "Anvendelse", "Højst antal etager"),
            ("I", "Boliger mod Banegårdspladsen", "5"),
            ("II", "Boliger mod Stationsvej", "4"),
            ("III", "Grønt område og legeplads", "—"),
        ),
    ]
)

DOCUMENTS: tuple[DocumentData, ...] = (
    DocumentData(
        process=TRAFIKSIKKERHED.title,
        title="Trafiksikkerhedsplan 2026-2030",
        kind=Document.Kind.POLICY,
        hearing=TRAFIK_HEARING,
        final=TRAFIK_FINAL,
        changes=(
            ChangeData(
                "Ny signalreguleret fodgængerovergang",
                "Krydset ved Skovlunde Byvej og Ballerup Byvej er rykket frem til første etape "
                "med en signalreguleret fodgængerovergang, som borgerne foreslog.",
                (1,),
            ),
            ChangeData(
                "institutioner i Ballerup, Skovlunde og Måløv",
                "40 km/t gælder nu også ved skoler og institutioner i Måløv, men ikke på de "
                "større gennemfartsveje.",
                (2,),
            ),
            ChangeData(
                "Reflekser og markeringspæle",
                "Stien gennem Hareskoven kan ikke belyses, fordi skoven er fredet. I stedet "
                "markeres den med reflekser.",
                (4,),
            ),
            ChangeData(
                "sender kommunen videre til Vejdirektoratet",
                "Planen siger nu, hvad der sker med forslag om statens veje, f.eks. "
                "motorvejsafkørslen ved Ballerup.",
                (3,),
            ),
        ),
    ),
    DocumentData(
        process=LOKALPLAN_118.title,
        title="Lokalplan 118 — Daginstitution i Måløv Nord",
        kind=Document.Kind.LOCAL_PLAN,
        hearing=LOKALPLAN_118_HEARING,
        final=LOKALPLAN_118_FINAL,
        changes=(
            ChangeData(
                "på institutionens egen grund ved indkørslen",
                "Afsætningspladserne er flyttet ind på institutionens egen grund, så forældrenes "
                "biler ikke holder på Solsikkevej.",
                (1,),
            ),
            ChangeData(
                "Det levende hegn mod nord bevares",
                "Det levende hegn mod nord bevares og suppleres med nye træer.",
                (2,),
            ),
            ChangeData(
                "Parkering, kørsel og afsætning",
                "Arealet til parkering og afsætning er større, fordi afsætningen nu sker på egen "
                "grund; legepladsen er tilsvarende mindre.",
                (1,),
            ),
        ),
    ),
    DocumentData(
        process=LOKALPLAN_123.title,
        title="Forslag til Lokalplan 123",
        kind=Document.Kind.LOCAL_PLAN,
        hearing=LOKALPLAN_123_HEARING,
        paragraphs={1: "op til 5 etager mod Banegårdspladsen", 2: "2 cykelpladser pr. bolig"},
    ),
)

DECISIONS: tuple[DecisionData, ...] = (
    DecisionData(
        process=TRAFIKSIKKERHED.title,
        body=KB,
        agenda_title="Punkt 9: Trafiksikkerhedsplan 2026-2030 — endelig vedtagelse",
        agenda_path="dagsordener/kommunalbestyrelsen/trafiksikkerhedsplan-2026-2030",
        text=(
            "Kommunalbestyrelsen vedtog Trafiksikkerhedsplan 2026-2030 med de ændringer, der er "
            "beskrevet i høringsnotatet: en signalreguleret fodgængerovergang ved Skovlunde "
            "Byvej og Ballerup Byvej i 2027, 40 km/t ved skoler og institutioner i Måløv og "
            "reflekser på stien gennem Hareskoven.\n\n"
            "Forvaltningen gør status for Teknik- og Miljøudvalget hvert år."
        ),
    ),
    DecisionData(
        process=LOKALPLAN_118.title,
        body=KB,
        agenda_title="Punkt 12: Lokalplan 118 for ny daginstitution i Måløv Nord — endelig "
        "vedtagelse",
        agenda_path="dagsordener/kommunalbestyrelsen/lokalplan-118",
        text=(
            "Kommunalbestyrelsen vedtog Lokalplan 118 endeligt med de ændringer, der er beskrevet "
            "i høringsnotatet: afsætningspladserne placeres på institutionens egen grund, og det "
            "levende hegn mod nord bevares."
        ),
    ),
    DecisionData(
        process=CYKELSTIER.title,
        body=KB,
        agenda_title="Punkt 7: Cykelstiplan for Ballerup Kommune — vedtagelse",
        agenda_path="dagsordener/kommunalbestyrelsen/cykelstiplan",
        text=(
            "Kommunalbestyrelsen vedtog cykelstiplanen med de ændringer, der er beskrevet i "
            "høringsnotatet: stien langs Måløv Byvej og Egebjergvej kommer i første etape, og "
            "der bygges 200 overdækkede cykelpladser ved Skovlunde Station."
        ),
    ),
    DecisionData(
        process=SFO_TIDER.title,
        body=BSU,
        agenda_title="Punkt 4: Åbningstider i SFO fra skoleåret 2025/26",
        agenda_path="dagsordener/boerne-og-skoleudvalget/sfo-aabningstider",
        text=(
            "Børne- og Skoleudvalget besluttede, at SFO'erne åbner kl. 6.30 og lukker kl. 16.30 "
            "om fredagen fra august 2025. Det samlede antal åbne timer er uændret."
        ),
    ),
)

AGENDA_SITE = "https://dagsorden.ballerup.example"


# --- Seeding -----------------------------------------------------------------------------------


def _hearing(process: Process) -> Activity | None:
    hearings = [a for a in process.activities.all() if a.method == Activity.Method.HEARING]
    return max(hearings, key=lambda a: a.ends_at, default=None)


def _dates(process: Process, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The hearing version is dated when the hearing opened; the final version halfway between
    the end of the hearing and the meeting it fed (or today)."""
    hearing = _hearing(process)
    opened = local_date(hearing.starts_at) if hearing else today
    closed = local_date(hearing.ends_at) if hearing else today
    meetings = [m.meeting_date for m in process.milestones.all() if m.meeting_date > closed]
    until = min(meetings) if meetings else today
    return opened, closed + (until - closed) // 2


def _new_text(segments) -> str:
    """The text as it reads after the change (as it was, for something deleted)."""
    kept = [s.text for s in segments if s.op != diff.DELETE]
    return "".join(kept) if kept else "".join(s.text for s in segments)


def _block_with(blocks: list, phrase: str):
    """The first block (dict or DiffBlock) whose text contains ``phrase``."""
    for block in blocks:
        if isinstance(block, dict):
            text = block.get("text") or " ".join(" ".join(r) for r in block.get("rows") or [])
        elif block.type == "table":
            text = " ".join(_new_text(cell) for row in block.rows for cell in row)
        else:
            text = _new_text(block.segments)
        if phrase in text:
            return block
    raise LookupError(f"no block contains {phrase!r}")


def _contributions(process: Process) -> dict[int, Contribution]:
    """The demo contributions by number: the order they were created in, from 1."""
    rows = Contribution.objects.filter(process=process).order_by("pk")
    return dict(enumerate(rows, start=1))


def seed_document(data: DocumentData, author: User, today: datetime.date) -> DocumentVersion | None:
    """Replace the process's documents with this one; returns the final version, if any."""
    process = Process.objects.filter(title=data.process).first()
    if process is None:
        return None
    Document.objects.filter(process=process).delete()
    document = Document.objects.create(process=process, title=data.title, kind=data.kind)
    hearing_day, final_day = _dates(process, today)
    hearing = DocumentVersion.objects.create(
        document=document,
        label=DocumentVersion.Label.HEARING,
        dated=hearing_day,
        author=author,
        blocks=data.hearing,
        published=True,
    )
    contributions = _contributions(process)
    for number, phrase in data.paragraphs.items():
        contribution = contributions.get(number)
        if contribution is not None:
            contribution.version = hearing
            contribution.block_id = _block_with(data.hearing, phrase)["id"]
            contribution.save(update_fields=["version", "block_id"])
    if data.final is None:
        return None
    final = DocumentVersion.objects.create(
        document=document,
        label=DocumentVersion.Label.FINAL,
        dated=final_day,
        author=author,
        blocks=data.final,
        published=True,
    )
    compared = [b for b in diff.compare(hearing.blocks, final.blocks) if b.status != "equal"]
    for change_data in data.changes:
        block = _block_with(compared, change_data.phrase)
        change = Change.objects.create(
            from_version=hearing,
            to_version=final,
            key=block.key,
            **diff.change_fields(block),
            explanation=change_data.explanation,
            created_by=author,
        )
        change.contributions.set(
            [contributions[n] for n in change_data.contributions if n in contributions]
        )
    return final


def seed_decision(data: DecisionData, final: DocumentVersion | None, author: User) -> None:
    process = Process.objects.filter(title=data.process).first()
    if process is None:
        return
    body = DecisionBody.objects.get(name=data.body)
    meetings = [m for m in process.milestones.all() if m.body_id == body.pk]
    meeting_date = max(m.meeting_date for m in meetings)
    Decision.objects.update_or_create(
        process=process,
        defaults={
            "body": body,
            "meeting_date": meeting_date,
            "agenda_title": data.agenda_title,
            "agenda_url": f"{AGENDA_SITE}/{data.agenda_path}/{meeting_date:%Y-%m-%d}",
            "text": data.text,
            "final_version": final,
            "recorded_by": author,
        },
    )


def seed_memo(data: DecisionData, author: User) -> None:
    """The hearing memo the committee got, made and published a week before the meeting."""
    process = Process.objects.filter(title=data.process).first()
    if process is None:
        return
    for old in Memo.objects.filter(process=process):
        for stored in (old.docx, old.pdf):
            if stored:
                stored.delete(save=False)
        old.delete()
    memo = Memo.objects.create(process=process, requested_by=author)
    if memo_services.produce(memo.pk) != "done":
        raise RuntimeError(f"the demo hearing memo of {process.title} could not be made")
    memo.refresh_from_db()
    meeting = process.decision.meeting_date
    made = timezone.make_aware(datetime.datetime.combine(meeting, datetime.time(10)))
    made -= datetime.timedelta(days=7)
    Memo.objects.filter(pk=memo.pk).update(created_at=made, finished_at=made)
    memo_services.publish_memo(memo, author, now=made)


@transaction.atomic
def seed_outcomes(today: datetime.date) -> int:
    """Documents, versions, linked changes and decisions; returns the number of documents."""
    author = User.objects.get(username=PLANNER)
    finals: dict[str, DocumentVersion | None] = {}
    for data in DOCUMENTS:
        finals[data.process] = seed_document(data, author, today)
    for data in DECISIONS:
        seed_decision(data, finals.get(data.process), author)
        seed_memo(data, author)
    return Document.objects.filter(process__title__in=[d.process for d in DOCUMENTS]).count()
