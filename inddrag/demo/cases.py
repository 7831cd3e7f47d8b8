"""Demo case types and the demo case (a citizen's own case), created the way a caseworker does:
from its type (``cases.services.create_case``), then with steps at different stages.

The links to the law: barnets lov points at the act on retsinformation.dk; the consolidated
serviceloven changes number with each consolidation, so its links point at retsinformation.dk
for the administrator to set to the current one.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.cases.models import (
    CaseDecision,
    CaseEvaluation,
    CaseFile,
    CaseGrant,
    CaseHearing,
    CaseMeeting,
    CaseMessage,
    CaseProfessional,
    CaseType,
    CaseTypeFrameItem,
    CaseTypeStep,
    DecisionInput,
    GrantBasis,
    GrantLevel,
    MeetingKind,
    ProfessionalRole,
    StepKind,
)
from inddrag.cases.services import (
    CaseData,
    EvaluationData,
    add_months,
    complaint_deadline,
    create_case,
    evaluate,
    save_what_matters,
)
from inddrag.demo.processes import (
    CASEWORKER,
    CBF,
    CITIZEN,
    CITIZEN_DECIDED,
    CITIZEN_NEW,
    CSS,
    OCCUPATIONAL_THERAPIST,
    RELATIVE,
)
from inddrag.lib.calendar import COPENHAGEN
from inddrag.organisation.models import Centre
from inddrag.processes.models import FrameItem, Process

OPEN, FIXED = FrameItem.Kind.OPEN, FrameItem.Kind.FIXED
RETSINFORMATION = "https://www.retsinformation.dk/"


@dataclass(frozen=True)
class CaseTypeData:
    name: str
    centre: str
    description: str
    legal_basis: str
    legal_url: str
    rules: str
    processing_weeks: int
    hearing_days: int
    hearing_minimum_days: int
    second_discipline: str
    frame: tuple[tuple[str, str, str], ...]  # (kind, text, reason)
    steps: tuple[tuple[str, str, int], ...]  # (title, kind, day)


HJAELPEMIDLER = CaseTypeData(
    name="Hjælpemidler (serviceloven § 112)",
    centre=CSS,
    description=(
        "Sagen handler om, hvorvidt du kan få et hjælpemiddel, der gør din hverdag lettere – for "
        "eksempel en badebænk, en toiletforhøjer eller en rollator."
    ),
    legal_basis="Serviceloven § 112",
    legal_url=RETSINFORMATION,
    rules=(
        "Kommunen giver støtte til hjælpemidler, hvis du har en varigt nedsat fysisk eller "
        "psykisk funktionsevne, og hjælpemidlet i væsentlig grad kan afhjælpe følgerne af den, "
        "i væsentlig grad kan lette din daglige tilværelse i hjemmet, eller er nødvendigt, for at "
        "du kan passe et arbejde. Vi ser på hele din situation, og du har ret til at udtale dig, "
        "før vi træffer afgørelse."
    ),
    processing_weeks=8,
    hearing_days=14,
    hearing_minimum_days=7,
    second_discipline="Ergoterapeut",
    frame=(
        (OPEN, "Hvilke af de egnede hjælpemidler du foretrækker", ""),
        (OPEN, "Hvornår og hvor vi mødes, og hvem der skal være med", ""),
        (OPEN, "Hvad der er vigtigst for dig i din hverdag", ""),
        (
            FIXED,
            "Betingelserne for at få et hjælpemiddel",
            "De står i serviceloven § 112, og vi skal træffe afgørelse efter dem.",
        ),
        (
            FIXED,
            "Hvilken leverandør kommunen køber hjælpemidlet hos",
            "Kommunen har indkøbsaftaler. Vælger du selv en anden leverandør, dækker vi udgiften "
            "op til den pris, kommunen ville have betalt.",
        ),
    ),
    steps=(
        ("Første samtale i telefonen", StepKind.CONTACT, 0),
        ("Hjemmebesøg med ergoterapeut", StepKind.MEETING, 7),
        ("Afprøvning og vurdering af hjælpemidler", StepKind.ASSESSMENT, 21),
        ("Partshøring: du kan kommentere vores udkast", StepKind.HEARING, 35),
        ("Afgørelse", StepKind.DECISION, 49),
    ),
)

BOLIGAENDRING = CaseTypeData(
    name="Boligændring (serviceloven § 116)",
    centre=CSS,
    description=(
        "Sagen handler om, hvorvidt kommunen kan hjælpe med at indrette din bolig, så du bedre "
        "kan klare dig selv – for eksempel ved at fjerne dørtrin, udvide døre eller ændre "
        "badeværelset."
    ),
    legal_basis="Serviceloven § 116",
    legal_url=RETSINFORMATION,
    rules=(
        "Kommunen giver hjælp til at indrette din bolig, hvis du har en varigt nedsat fysisk "
        "eller psykisk funktionsevne, og ændringen er nødvendig for at gøre boligen bedre egnet "
        "for dig. Vi dækker den løsning, der er nødvendig for dit behov. Bor du til leje, skal "
        "udlejeren give lov til ændringen."
    ),
    processing_weeks=16,
    hearing_days=14,
    hearing_minimum_days=7,
    second_discipline="Ergoterapeut og byggesagkyndig",
    frame=(
        (OPEN, "Hvordan ændringen passer ind i din hverdag og din bolig", ""),
        (OPEN, "Hvornår håndværkerne kan komme", ""),
        (OPEN, "Hvem der skal være med til hjemmebesøget", ""),
        (
            FIXED,
            "Betingelserne for at få hjælp til boligændring",
            "De står i serviceloven § 116, og vi skal træffe afgørelse efter dem.",
        ),
        (
            FIXED,
            "Vi betaler for den nødvendige løsning",
            "Loven giver ret til den indretning, dit behov kræver. Ønsker du en dyrere løsning, "
            "betaler du selv forskellen.",
        ),
    ),
    steps=(
        ("Første samtale i telefonen", StepKind.CONTACT, 0),
        ("Hjemmebesøg med ergoterapeut", StepKind.MEETING, 10),
        ("Vurdering og tilbud fra håndværkere", StepKind.ASSESSMENT, 40),
        ("Partshøring: du kan kommentere vores udkast", StepKind.HEARING, 80),
        ("Afgørelse", StepKind.DECISION, 100),
    ),
)

BOERNEFAGLIG = CaseTypeData(
    name="Børnefaglig undersøgelse (barnets lov § 20)",
    centre=CBF,
    description=(
        "Sagen handler om at finde ud af, hvordan jeres barn har det, og om barnet eller familien "
        "har brug for støtte. Vi gør det sammen med jer og med barnet."
    ),
    legal_basis="Barnets lov § 20",
    legal_url="https://www.retsinformation.dk/eli/lta/2023/721",
    rules=(
        "Kommunen skal undersøge et barns forhold, når der er grund til at tro, at barnet har "
        "brug for særlig støtte. Undersøgelsen skal være færdig senest fire måneder efter, at "
        "kommunen blev opmærksom på behovet. Vi taler med barnet, og barnets egne ønsker indgår "
        "i vurderingen med den vægt, der passer til barnets alder og modenhed."
    ),
    processing_weeks=17,
    hearing_days=14,
    hearing_minimum_days=7,
    second_discipline="Sundhedsplejerske eller skole",
    frame=(
        (OPEN, "Hvem fra jeres netværk der skal være med", ""),
        (OPEN, "Hvor og hvornår vi taler med barnet", ""),
        (OPEN, "Hvad der er vigtigst for jer som familie", ""),
        (
            FIXED,
            "At undersøgelsen skal gennemføres",
            "Når der er grund til at tro, at et barn har brug for særlig støtte, skal kommunen "
            "undersøge det efter barnets lov § 20.",
        ),
        (
            FIXED,
            "Fristen på fire måneder",
            "Den står i loven, så familien ikke skal vente for længe på at få støtte.",
        ),
    ),
    steps=(
        ("Første samtale med familien", StepKind.CONTACT, 0),
        ("Samtale med barnet", StepKind.MEETING, 14),
        ("Oplysninger fra skole og sundhedspleje", StepKind.ASSESSMENT, 35),
        ("Partshøring om undersøgelsen", StepKind.HEARING, 100),
        ("Afgørelse om støtte", StepKind.DECISION, 115),
    ),
)

CASE_TYPES: tuple[CaseTypeData, ...] = (HJAELPEMIDLER, BOLIGAENDRING, BOERNEFAGLIG)

# The demo case: opened 20 days ago; the first two steps done, the assessment next.
CASE_TITLE = "Hjælpemidler til badeværelset"
OLD_TITLES = ("Din sag om hjælpemidler",)  # the demo case before it had a case type
CASE_OPENED_DAYS_AGO = 20
CASE_STEPS_DONE = (0, 6)  # days after opening each of the first steps was done
WHAT_MATTERS = (
    "Jeg vil gerne kunne gå i bad selv om morgenen uden at vente på hjemmeplejen. Og jeg vil ikke "
    "have, at badeværelset kommer til at ligne et hospital."
)


def seed_case_types() -> dict[str, CaseType]:
    """The case types by name, with their frame and steps replaced."""
    centres = {c.name: c for c in Centre.objects.all()}
    types = {}
    for data in CASE_TYPES:
        case_type, _created = CaseType.objects.update_or_create(
            name=data.name,
            defaults={
                "centre": centres[data.centre],
                "description": data.description,
                "legal_basis": data.legal_basis,
                "legal_url": data.legal_url,
                "rules": data.rules,
                "processing_weeks": data.processing_weeks,
                "hearing_days": data.hearing_days,
                "hearing_minimum_days": data.hearing_minimum_days,
                "second_discipline": data.second_discipline,
                "active": True,
            },
        )
        case_type.frame_items.all().delete()
        case_type.steps.all().delete()
        CaseTypeFrameItem.objects.bulk_create(
            CaseTypeFrameItem(case_type=case_type, kind=k, text=t, reason=r, order=n)
            for n, (k, t, r) in enumerate(data.frame, start=1)
        )
        CaseTypeStep.objects.bulk_create(
            CaseTypeStep(case_type=case_type, title=t, kind=k, day=d, order=n)
            for n, (t, k, d) in enumerate(data.steps, start=1)
        )
        types[data.name] = case_type
    return types


def seed_case(types: dict[str, CaseType], users: dict[str, User], today: datetime.date) -> Process:
    """The demo case, made again from its type on every run."""
    Process.objects.filter(kind=Process.Kind.CASE, title__in=(CASE_TITLE, *OLD_TITLES)).delete()
    opened = today - datetime.timedelta(days=CASE_OPENED_DAYS_AGO)
    once = create_case(
        CaseData(
            case_type=types[HJAELPEMIDLER.name],
            citizen=users[CITIZEN],
            title=CASE_TITLE,
            esdh_reference="2026-011873",
            contact_phone="44 77 23 41",
            contact_email="sagsbehandler@ballerup.example",
            contact_hours="Mandag–torsdag kl. 9–12",
        ),
        users[CASEWORKER],
        today=opened,
    )
    case = CaseFile.objects.get(process_id=once.object_id)
    for step, days in zip(case.steps.order_by("order"), CASE_STEPS_DONE, strict=False):
        step.done_on = opened + datetime.timedelta(days=days)
        step.save(update_fields=["done_on"])
    save_what_matters(case, WHAT_MATTERS, users[CITIZEN])
    CaseFile.objects.filter(pk=case.pk).update(
        what_matters_at=timezone.now() - datetime.timedelta(days=12)
    )
    seed_messages(case, users)
    seed_meeting(case, users, today)
    seed_access(case, users)
    return case.process


def seed_access(case: CaseFile, users: dict[str, User]) -> None:
    """Karen's son may see and write in her case for half a year (she gave it 10 days ago), and
    the occupational therapist is added with her role (written directly: no e-mails)."""
    CaseGrant.objects.create(
        case=case,
        person=users[RELATIVE],
        level=GrantLevel.WRITE,
        basis=GrantBasis.CITIZEN,
        expires_on=case.opened_on + datetime.timedelta(days=200),
        granted_by=users[CITIZEN],
        granted_at=timezone.now() - datetime.timedelta(days=10),
    )
    CaseProfessional.objects.create(
        case=case,
        user=users[OCCUPATIONAL_THERAPIST],
        role=ProfessionalRole.ERGOTERAPEUT,
        added_by=users[CASEWORKER],
        added_at=timezone.now() - datetime.timedelta(days=12),
    )
    CaseFile.objects.filter(pk=case.pk).update(
        companion_asked_on=case.opened_on + datetime.timedelta(days=1),
        companion_answer="relative",
    )


# The demo case's messages: (days ago, from the citizen?, text, answer days ago or None, answer).
MESSAGES = (
    (
        15,
        True,
        "Skal jeg selv købe badebænken, eller låner jeg den af kommunen?",
        14,
        "Du låner den af kommunen. Vi bestiller den, når vi har været på hjemmebesøg.",
    ),
    (
        9,
        False,
        "Tak for hjemmebesøget. Ergoterapeuten skriver sin vurdering i denne uge.",
        None,
        "",
    ),
    (
        2,
        True,
        "Kan toiletstolen være i hvid i stedet for grå? Den skal passe til resten af badeværelset.",
        None,
        "",
    ),
)


def seed_messages(case: CaseFile, users: dict[str, User]) -> None:
    """One answered and one unanswered input from the citizen, and one message from the
    caseworker (written directly: the demo sends no e-mails)."""
    now = timezone.now()
    for days, from_citizen, text, answered_days, answer in MESSAGES:
        CaseMessage.objects.create(
            case=case,
            author=users[CITIZEN] if from_citizen else users[CASEWORKER],
            text=text,
            is_input=from_citizen,
            sent_at=now - datetime.timedelta(days=days),
            answer=answer,
            answered_by=users[CASEWORKER] if answered_days is not None else None,
            answered_at=now - datetime.timedelta(days=answered_days)
            if answered_days is not None
            else None,
        )


# --- The citizens' evaluations (the report at /personale/sager/evaluering/) ----------------------

# Answers per case type in each of the last six complete months, oldest first. Hjælpemidler has
# enough every month; boligændring falls under the threshold (5) in two months, whose answers
# are then counted nowhere; the børnefaglige undersøgelser never reach it, so the report shows
# "Færre end 5 svar …" for them — as a small case type would.
EVALUATIONS_PER_MONTH = {
    HJAELPEMIDLER.name: (9, 12, 7, 11, 8, 10),
    BOLIGAENDRING.name: (6, 3, 5, 7, 2, 6),
    BOERNEFAGLIG.name: (2, 3, 1, 4, 2, 3),
}
# How each type tends to be answered: (knew what to influence, felt heard, time enough), the
# weights of 1 … 5.
EVALUATION_WEIGHTS = {
    HJAELPEMIDLER.name: ((1, 1, 3, 8, 7), (1, 1, 2, 7, 9), (1, 2, 4, 7, 6)),
    BOLIGAENDRING.name: ((2, 3, 5, 6, 4), (1, 2, 4, 7, 6), (4, 5, 5, 4, 2)),
    BOERNEFAGLIG.name: ((3, 4, 5, 4, 2), (2, 4, 5, 5, 2), (3, 4, 5, 4, 2)),
}
# One comment in each month with enough answers, in turn; the phone number is held back.
EVALUATION_COMMENTS = {
    HJAELPEMIDLER.name: (
        "Ergoterapeuten forklarede godt, hvad jeg selv kunne vælge.",
        "Det tog lang tid, før jeg hørte noget efter hjemmebesøget.",
        "Rart at kunne skrive til sagsbehandleren i stedet for at ringe.",
        "Jeg forstod ikke helt, hvorfor jeg ikke kunne få den model, jeg ønskede.",
        "Ring gerne til mig på 22 33 44 55, hvis I vil høre mere.",
        "Badebænken kom hurtigt, og den passer fint.",
    ),
    BOLIGAENDRING.name: (
        "Fristen for at svare på udkastet var for kort til, at jeg kunne nå at få hjælp.",
        "Godt, at jeg kunne se, hvad der lå fast, og hvad jeg kunne være med til at bestemme.",
        "Håndværkerne og kommunen talte ikke sammen.",
        "Jeg følte mig lyttet til ved mødet hjemme hos mig.",
    ),
}


def seed_evaluations(types: dict[str, CaseType], today: datetime.date) -> int:
    """Anonymous evaluations of the demo case types over the last six complete months (and a
    few in this month, which the report leaves out), made again on every run."""
    CaseEvaluation.objects.filter(case_type__in=types.values()).delete()
    chance = random.Random(11)  # the same answers on every run
    this_month = today.replace(day=1)
    rows = []
    for name, counts in EVALUATIONS_PER_MONTH.items():
        case_type = types[name]
        weights = EVALUATION_WEIGHTS[name]
        comments = iter(EVALUATION_COMMENTS.get(name, ()))
        for back, count in zip(range(6, 0, -1), counts, strict=True):
            month = add_months(this_month, -back)
            for n in range(count):
                answers = [chance.choices((1, 2, 3, 4, 5), w)[0] for w in weights]
                comment = next(comments, "") if n == 0 and count >= 5 else ""
                rows.append(
                    CaseEvaluation(
                        case_type=case_type,
                        centre_id=case_type.centre_id,
                        month=month,
                        knew_influence=answers[0],
                        felt_heard=answers[1],
                        time_enough=answers[2],
                        comment=comment,
                    )
                )
    for _ in range(3):  # this month: not in the report until the month is over
        case_type = types[HJAELPEMIDLER.name]
        rows.append(
            CaseEvaluation(
                case_type=case_type,
                centre_id=case_type.centre_id,
                month=this_month,
                knew_influence=5,
                felt_heard=4,
                time_enough=4,
            )
        )
    CaseEvaluation.objects.bulk_create(rows)
    return len(rows)


# The demo case's booked meeting: a home visit in a few days, its time picked by the citizen.
MEETING_IN_DAYS = 6
MEETING_PURPOSE = (
    "Vi afprøver badebænken og toiletstolen hjemme hos dig og finder sammen ud af, hvor de skal "
    "stå. Du bestemmer, hvad der skal prøves først."
)


def seed_meeting(case: CaseFile, users: dict[str, User], today: datetime.date) -> None:
    """A home visit booked by the citizen, with their needs (written directly: the demo sends no
    e-mails). The other time proposed stays unchosen."""
    now = timezone.now()
    day = today + datetime.timedelta(days=MEETING_IN_DAYS)
    meeting = CaseMeeting.objects.create(
        case=case,
        kind=MeetingKind.HOME_VISIT,
        purpose=MEETING_PURPOSE,
        attendees=f"{users[CASEWORKER].display_name} og en hjælpemiddelkonsulent",
        status=CaseMeeting.Status.BOOKED,
        times_proposed_at=now - datetime.timedelta(days=3),
        booked_at=now - datetime.timedelta(days=2),
        companion=True,
        other_needs="Jeg hører dårligt. Ring på to gange, og giv mig tid til at komme ud.",
        needs_at=now - datetime.timedelta(days=2),
        created_by=users[CASEWORKER],
        created_at=now - datetime.timedelta(days=3),
    )
    for hour, chosen in ((10, True), (13, False)):
        starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=COPENHAGEN)
        meeting.slots.create(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=1), chosen=chosen
        )


# --- The caseworker's other cases: one at each stage ("Mine sager" shows them side by side) -----


@dataclass(frozen=True)
class StagedCase:
    title: str
    case_type: str
    citizen: str
    opened_days_ago: int
    esdh: str
    what_matters: str = ""
    steps_done: tuple[int, ...] = ()  # days after opening each of the first steps was done


HEARING_CASE = StagedCase(
    title="Trappelift og fjernelse af dørtrin",
    case_type=BOLIGAENDRING.name,
    citizen=CITIZEN,
    opened_days_ago=86,
    esdh="2026-009412",
    what_matters=(
        "Jeg vil gerne kunne komme ud i haven og ned i kælderen til vaskemaskinen selv. Jeg har "
        "boet her i 40 år og vil ikke flytte."
    ),
    steps_done=(0, 9, 41),
)
HEARING_DRAFT = (
    "Vi forventer at give dig hjælp til at fjerne dørtrinnene mellem stue, køkken og have og til "
    "en rampe ved terrassedøren (serviceloven § 116).\n\n"
    "Vi forventer at give afslag på en trappelift til kælderen. Vaskemaskinen kan flyttes op i "
    "bryggerset, som ergoterapeuten har foreslået, og det dækker dit behov for at vaske selv. "
    "Loven giver ret til den nødvendige løsning, ikke til den dyreste.\n\n"
    "Du kan kommentere udkastet, før vi træffer afgørelsen."
)
DECIDED_CASE = StagedCase(
    title="Rollator og toiletforhøjer",
    case_type=HJAELPEMIDLER.name,
    citizen=CITIZEN_DECIDED,
    opened_days_ago=52,
    esdh="2026-010227",
    what_matters="At jeg kan gå tur med hunden igen og klare toilettet uden hjælp om natten.",
    steps_done=(0, 5, 19, 33, 46),
)
DECISION_REASONS = (
    "Du får en rollator og en toiletforhøjer som udlån efter serviceloven § 112. Ergoterapeuten "
    "har vurderet, at de afhjælper de varige følger af din hofteoperation og gør dig i stand til "
    "at klare dig selv.\n\nDu får ikke en elektrisk kørestol. Den er ikke nødvendig for dit "
    "behov nu, fordi du kan gå de strækninger, du har brug for, med rollatoren."
)
DECISION_USED = (
    "Rollatoren er valgt, så den kan bruges på grusstier, og du kan gå tur med hunden. "
    "Toiletforhøjeren gør, at du kan klare toilettet selv om natten."
)
NEW_CASE = StagedCase(
    title="Bredere døre til kørestol",
    case_type=BOLIGAENDRING.name,
    citizen=CITIZEN_NEW,
    opened_days_ago=0,
    esdh="2026-012904",
)
STAGED = (HEARING_CASE, DECIDED_CASE, NEW_CASE)


def _open_staged(
    data: StagedCase, types: dict[str, CaseType], users: dict[str, User], today: datetime.date
) -> CaseFile:
    opened = today - datetime.timedelta(days=data.opened_days_ago)
    once = create_case(
        CaseData(
            case_type=types[data.case_type],
            citizen=users[data.citizen],
            title=data.title,
            esdh_reference=data.esdh,
            contact_phone="44 77 23 41",
            contact_email="sagsbehandler@ballerup.example",
            contact_hours="Mandag–torsdag kl. 9–12",
        ),
        users[CASEWORKER],
        today=opened,
    )
    case = CaseFile.objects.get(process_id=once.object_id)
    for step, days in zip(case.steps.order_by("order"), data.steps_done, strict=False):
        step.done_on = opened + datetime.timedelta(days=days)
        step.save(update_fields=["done_on"])
    if data.what_matters:
        CaseFile.objects.filter(pk=case.pk).update(
            what_matters=data.what_matters,
            what_matters_by=users[data.citizen],
            what_matters_at=timezone.now() - datetime.timedelta(days=data.opened_days_ago - 2),
            companion_asked_on=opened + datetime.timedelta(days=1),
            companion_answer="none",
        )
        case.refresh_from_db()
    return case


def seed_staged_cases(
    types: dict[str, CaseType], users: dict[str, User], today: datetime.date
) -> list[Process]:
    """A case with the partshøring open (Karen's second, so the demo citizen can answer it), a
    decided one with its evaluation, and one opened today — written directly, no e-mails; made
    again on every run."""
    Process.objects.filter(kind=Process.Kind.CASE, title__in=[d.title for d in STAGED]).delete()
    now = timezone.now()

    hearing_case = _open_staged(HEARING_CASE, types, users, today)
    CaseHearing.objects.create(
        case=hearing_case,
        draft=HEARING_DRAFT,
        deadline=today + datetime.timedelta(days=10),
        sent_at=now - datetime.timedelta(days=4),
        sent_by=users[CASEWORKER],
    )

    decided = _open_staged(DECIDED_CASE, types, users, today)
    decided_on = today - datetime.timedelta(days=DECIDED_CASE.opened_days_ago - 46)
    CaseHearing.objects.create(
        case=decided,
        draft="Vi forventer at give dig en rollator og en toiletforhøjer, men ikke en el-kørestol.",
        deadline=decided_on - datetime.timedelta(days=1),
        sent_at=now - datetime.timedelta(days=20),
        sent_by=users[CASEWORKER],
        answer=CaseHearing.Answer.NO_COMMENTS,
        answered_at=now - datetime.timedelta(days=15),
    )
    decision = CaseDecision.objects.create(
        case=decided,
        outcome=CaseDecision.Outcome.PARTLY,
        reasons=DECISION_REASONS,
        complaint_guidance=(
            "Du kan klage over afgørelsen til Ankestyrelsen. Send klagen til os: vi ser sagen "
            "igennem igen først, og er vi ikke enige med dig, sender vi den videre."
        ),
        decided_on=decided_on,
        complaint_deadline=complaint_deadline(decided_on),
        recorded_at=now - datetime.timedelta(days=6),
        recorded_by=users[CASEWORKER],
    )
    DecisionInput.objects.create(
        decision=decision, source="what_matters", said=decided.what_matters, used=DECISION_USED
    )
    Process.objects.filter(pk=decided.process_id).update(status=Process.Status.DECIDED)
    evaluate(decided, EvaluationData(knew_influence=4, felt_heard=5, time_enough=3))

    new = _open_staged(NEW_CASE, types, users, today)
    return [hearing_case.process, decided.process, new.process]
