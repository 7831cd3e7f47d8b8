"""Demo evaluation rounds (issue #13): the round of the previous half, finished and published,
with two committees' assessments; and the round of the current half, open, with every standing
committee and centre management — all recorded but one (Center for Social og Sundhed's
management, a draft with two principles written).

The texts are written for the demo: what a committee secretary would write after reading the
indicators, never about a person."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group, Permission

from inddrag.accounts.models import User
from inddrag.demo.processes import (
    BIU,
    BSU,
    CAB,
    CBF,
    CENTRE_MANAGER,
    CKFI,
    CMPB,
    CSS,
    CSU,
    CULTURE,
    ELDERLY,
    KFU,
    PLANNER,
    SCHOOL,
    SSU,
    TMU,
)
from inddrag.evaluation import services
from inddrag.evaluation.indicators import current_half, election_halves
from inddrag.evaluation.models import EvaluationRound
from inddrag.organisation.models import Centre, DecisionBody, ElectionPeriod


def _title(period) -> str:
    _year, number = period.half
    label = "Midtvejs" if number == 1 else "Afslutning"
    return f"{label} {period.start.year}–{period.end.year}"


# What went well, what did not, what we will do — per principle, one set per kind of scope.
TEXTS: dict[str, dict[int, tuple[str, str, str]]] = {
    "plan": {
        1: (
            "Rammen blev beskrevet i alle forløb, og borgerne kunne se, hvad der lå fast i "
            "kommuneplanen og hvorfor.",
            "Andelen af svar „uden for rammen“ var høj i trafikplanen: rammen om vejenes "
            "drift var uklar.",
            "Rammen skrives sammen med fagområdet, før forløbet offentliggøres, og prøves af "
            "på to borgere.",
        ),
        2: (
            "Alle bidrag fik et svar med begrundelse, og de synlige ændringer i planforslaget "
            "viste, hvad bidragene flyttede.",
            "Svarene kom i gennemsnit for sent efter høringsfristen.",
            "Høringsnotatet planlægges med fast tid til svar i ugerne efter fristen.",
        ),
        3: (
            "Inddragelsen begyndte før udvalgets første behandling i de fleste forløb.",
            "Et forløb startede så sent, at der var under ti arbejdsdage til behandlingen.",
            "Beslutningspunkterne lægges ind i planen, før forløbet oprettes.",
        ),
        4: (
            "De lovbestemte høringsperioder blev overholdt med margin.",
            "De planlagte timer blev overskredet i det største forløb.",
            "Timerne skønnes igen ved midtvejsstatus.",
        ),
        5: (
            "Grundejerforeninger og Ældrerådet blev hørt i alle relevante forløb.",
            "Få unge under 25 deltog.",
            "Vi afprøver dialog på ungdomsuddannelserne i næste forløb.",
        ),
    },
    "children": {
        1: (
            "Forældrene kunne se, at skolestrukturen lå fast, og hvad de kunne påvirke.",
            "Rammen var skrevet i et sprog, der var svært for forældre med andet modersmål.",
            "Rammen skrives også i en kort udgave i klart sprog.",
        ),
        2: (
            "Skolebestyrelsernes høringssvar blev alle besvaret.",
            "Flere svar var korte og manglede begrundelse.",
            "Svarskabelonen får et felt til begrundelse, der skal udfyldes.",
        ),
        3: (
            "Elevrådene blev inddraget, før udvalget behandlede sagen.",
            "Dagtilbuddene kom sent med i forløbet.",
            "Dagtilbuddene inviteres fra starten.",
        ),
        4: (
            "Høringsperioden lå uden for skoleferierne.",
            "Der var ikke tid nok til forældremøder på alle skoler.",
            "Vi planlægger seks uger til dialog i skoleåret.",
        ),
        5: (
            "Mange forældre og elever deltog.",
            "Medarbejderne i SFO deltog næsten ikke.",
            "MED-udvalgene inviteres direkte.",
        ),
    },
    "centre": {
        1: (
            "Sagstyperne beskriver, hvad borgeren kan få indflydelse på.",
            "Lovgrundlaget var ikke altid linket.",
            "Alle sagstyper får link til lovgrundlaget.",
        ),
        2: (
            "Beskeder fra borgerne blev besvaret inden for få dage.",
            "Enkelte beskeder ventede over en uge.",
            "Vi følger op på ubesvarede beskeder på teammødet hver uge.",
        ),
        3: (
            "Borgeren var med, før vurderingen i de fleste sager.",
            "Nogle sager blev vurderet, før borgeren havde skrevet, hvad der var vigtigst.",
            "„Det vigtigste for mig“ spørges om ved første kontakt.",
        ),
        4: (
            "Sagerne blev afgjort inden for sagsbehandlingsfristen.",
            "Partshøringen var kort i et par sager.",
            "Fristen for partshøring sættes altid til mindst 14 dage.",
        ),
        5: (
            "Pårørende fik adgang, når borgeren ønskede det.",
            "Bisidder blev ikke altid tilbudt.",
            "Spørgsmålet om bisidder står nu på mødeindkaldelsen.",
        ),
    },
}


def _texts(kind: str) -> dict[int, dict[str, str]]:
    return {
        n: {"went_well": good, "went_badly": bad, "will_do": will}
        for n, (good, bad, will) in TEXTS[kind].items()
    }


def _kind(body: DecisionBody | None, centre: Centre | None) -> str:
    if centre is not None:
        return "centre"
    return "children" if body.name in (BSU,) else "plan"


def _preparer(users: dict[str, User], body: DecisionBody | None, centre: Centre | None) -> User:
    if centre is not None:
        return users[CENTRE_MANAGER] if centre.name == CSS else users[PLANNER]
    return {
        TMU: users[PLANNER],
        BSU: users[SCHOOL],
        SSU: users[ELDERLY],
        KFU: users[CULTURE],
        BIU: users[PLANNER],
    }.get(body.name, users[PLANNER])


def seed_evaluation_rounds(users: dict[str, User], today: datetime.date) -> int:
    """Both demo rounds, made again on every run. Returns the number of assessments."""
    group, _ = Group.objects.get_or_create(name="Evalueringssekretariat")
    group.permissions.add(Permission.objects.get(codename="manage_rounds"))
    users[PLANNER].groups.add(group)
    admin = users[PLANNER]
    committees = {b.name: b for b in DecisionBody.objects.filter(kind=DecisionBody.Kind.COMMITTEE)}
    centres = {c.name: c for c in Centre.objects.all()}
    count = 0

    half = current_half(election_halves(), today)
    if half is None:
        return 0
    before = half.previous()
    periods = {p.starts_on.year: p for p in ElectionPeriod.objects.all()}
    for period in (before, half):  # made again on every run
        EvaluationRound.objects.filter(
            election_period__starts_on__year=period.half[0], half=period.half[1]
        ).delete()
    if before.half[0] not in periods:
        return 0

    # The previous half, finished and published: two committees.
    data = services.RoundData(
        title=_title(before),
        election_period=periods[before.half[0]],
        half=before.half[1],
        deadline=before.end - datetime.timedelta(days=30),
        preparers=[
            (committees[name], None, _preparer(users, committees[name], None))
            for name in (TMU, BSU)
        ],
    )
    round_ = EvaluationRound.objects.get(pk=services.create_round(data, admin).object_id)
    for assessment in round_.assessments.select_related("body", "centre"):
        services.save_texts(assessment, _texts(_kind(assessment.body, None)), admin)
        services.record_assessment(
            assessment,
            before.end - datetime.timedelta(days=40 if assessment.body.name == TMU else 35),
            "https://ballerup.dk/politik/dagsordener-og-referater",
            admin,
            today=today,
        )
        count += 1
    services.publish_round(round_, admin, today=today)

    # The current half, open: every committee and centre management, one missing.
    targets = [(b, None) for b in committees.values()] + [
        (None, centres[name]) for name in (CMPB, CBF, CSU, CSS, CKFI, CAB) if name in centres
    ]
    data = services.RoundData(
        title=_title(half),
        election_period=periods[half.half[0]],
        half=half.half[1],
        deadline=today + datetime.timedelta(days=21),
        preparers=[(b, c, _preparer(users, b, c)) for b, c in targets],
    )
    round_ = EvaluationRound.objects.get(pk=services.create_round(data, admin).object_id)
    for assessment in round_.assessments.select_related("body", "centre"):
        texts = _texts(_kind(assessment.body, assessment.centre))
        if assessment.centre is not None and assessment.centre.name == CSS:
            # the missing one: a draft with two principles written
            services.save_texts(assessment, {n: texts[n] for n in (1, 2)}, admin)
            continue
        services.save_texts(assessment, texts, admin)
        services.record_assessment(
            assessment,
            max(today - datetime.timedelta(days=7), half.start),
            "https://ballerup.dk/politik/dagsordener-og-referater",
            admin,
            today=today,
        )
        count += 1
    return count
