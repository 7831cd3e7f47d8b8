"""Demo case types and the demo case (a citizen's own case), created the way a caseworker does:
from its type (``cases.services.create_case``), then with steps at different stages.

The links to the law: barnets lov points at the act on retsinformation.dk; the consolidated
serviceloven changes number with each consolidation, so its links point at retsinformation.dk
for the administrator to set to the current one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.cases.models import (
    CaseFile,
    CaseGrant,
    CaseMessage,
    CaseProfessional,
    CaseType,
    CaseTypeFrameItem,
    CaseTypeStep,
    GrantBasis,
    GrantLevel,
    ProfessionalRole,
    StepKind,
)
from inddrag.cases.services import CaseData, create_case, save_what_matters
from inddrag.demo.processes import (
    CASEWORKER,
    CBF,
    CITIZEN,
    CSS,
    OCCUPATIONAL_THERAPIST,
    RELATIVE,
)
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
