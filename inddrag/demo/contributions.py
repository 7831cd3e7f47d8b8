"""Demo contributions for the Ballerup demo data (called by ``manage.py seed_demo``).

Each run deletes the demo processes' contributions and creates them again, so running the
command twice gives the same result. E-mail addresses use the reserved ``example`` domain.
The open Lokalplan 123 hearing also gets about 300 responses, with a campaign, from
``inddrag.demo.lokalplan123``, so the text analysis has something to show.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inddrag.accounts.models import User
from inddrag.contributions import services
from inddrag.contributions.models import Answer, Contribution, Flag, ProjectEvaluation, Source
from inddrag.demo import lokalplan123
from inddrag.memos.models import MemoTopic
from inddrag.organisation.models import District
from inddrag.processes.models import Activity, FrameItem, Process
from inddrag.stakeholders.breadth import min_group


@dataclass(frozen=True)
class DemoContribution:
    text: str
    speaking_as: str = "private"
    consent: str = "name"
    name: str = ""
    on_behalf_of: str = ""
    district: str = ""
    age_band: str = ""
    email: bool = True
    # The answer: (outcome, reason); "outside_frame" uses the process's first fixed item.
    answer: tuple[str, str] | None = None
    # Staff handle the screening: "redact" or "approve" every flag; None leaves them open.
    screening: str | None = "approve"
    source: str = Source.ONLINE
    # For the hearing memo: the topic staff grouped it under, and their short summary.
    topic: str = ""
    summary: str = ""


LOKALPLAN_123 = "Lokalplan 123 for boliger ved Ballerup Station"
BYPARK = "Nye aktiviteter i Måløv Bypark"
AELDREPOLITIK = "Ny ældrepolitik"
TRAFIK = "Trafiksikkerhedsplan 2026-2030"
CYKELSTIER = "Cykelstiplan for Ballerup Kommune"
SFO = "Nye åbningstider i SFO"
LOKALPLAN_118 = "Lokalplan 118 for ny daginstitution i Måløv Nord"

DEMO: dict[str, tuple[DemoContribution, ...]] = {
    LOKALPLAN_123: (
        DemoContribution(
            "Fem etager ud mod Banegårdspladsen er for højt. Byg lavere mod de eksisterende "
            "rækkehuse, så vi ikke mister eftermiddagssolen i haverne.",
            name="Lise Mortensen",
            district="Ballerup",
            age_band="50-64",
            answer=(
                "partly",
                "Bebyggelsen trappes ned til tre etager mod rækkehusene. Mod "
                "stationen fastholdes fem etager, som kommuneplanen fastsætter.",
            ),
            topic="Bebyggelsens højde",
            summary="Ønsker lavere byggeri mod rækkehusene for at bevare eftermiddagssolen.",
        ),
        DemoContribution(
            "Der mangler cykelparkering under tag ved stationen. Tænk det ind i planen fra "
            "starten, også til ladcykler.",
            name="Jonas Berg",
            district="Ballerup",
            age_band="30-49",
            answer=(
                "accommodated",
                "Planen stiller nu krav om 200 overdækkede cykelpladser, heraf 20 til ladcykler.",
            ),
            topic="Cykler og parkering",
            summary="Ønsker overdækket cykelparkering ved stationen, også til ladcykler.",
        ),
        DemoContribution(
            "Vi vil gerne bevare de gamle lindetræer langs Stationsvej. De giver skygge og "
            "er levested for fugle.",
            speaking_as="association",
            on_behalf_of="Ballerup Naturfredningsforening",
            name="Karen Holt",
            answer=(
                "noted",
                "Træernes tilstand undersøges, før området "
                "udformes. Vi vender tilbage i høringsnotatet.",
            ),
            topic="Træer og natur",
            summary="Ønsker de gamle lindetræer langs Stationsvej bevaret.",
        ),
        DemoContribution(
            "Ring gerne til mig på 23 45 67 89, hvis I vil høre mere om trafikken om "
            "morgenen på Banegårdspladsen.",
            name="Peter Skov",
            district="Ballerup",
            screening=None,
        ),
        DemoContribution(
            "Jeg er nabo til grunden (mit cpr er 010203-1234, hvis I skal bruge det). "
            "Byggepladsen må ikke larme om natten.",
            consent="anonymous",
            screening="redact",
            answer=(
                "accommodated",
                "Byggearbejde uden for hverdage kl. 7–18 kræver "
                "kommunens tilladelse. Det skrives ind i planens bestemmelser.",
            ),
            topic="Gener i byggeperioden",
            summary="Ønsker, at byggepladsen ikke larmer om natten.",
        ),
        DemoContribution(
            "Lokalplanen bør kræve, at stueetagen mod pladsen bruges til butikker og "
            "caféer, så pladsen bliver levende om aftenen.",
            speaking_as="business",
            on_behalf_of="Ballerup Handelsstandsforening",
            name="Mads Jørgensen",
        ),
    ),
    BYPARK: (
        DemoContribution(
            "En udendørs fitnessplads ved søen — der er mange, der løber i parken.",
            name="Sara Lund",
            district="Måløv",
            age_band="30-49",
        ),
        DemoContribution(
            "Shelters og et bålsted, så børnehaverne kan bruge parken hele året.",
            speaking_as="employee",
            on_behalf_of="Børnehuset Måløv",
            name="Hanne Frost",
        ),
        DemoContribution(
            "Flere bænke på stien rundt om søen. Vi ældre har brug for at hvile os.",
            consent="anonymous",
            district="Måløv",
            age_band="80+",
        ),
    ),
    AELDREPOLITIK: (
        DemoContribution(
            "Politikken skal sige tydeligt, at ensomhed er et fælles ansvar — også for "
            "foreningerne.",
            speaking_as="council",
            on_behalf_of="Seniorrådet",
            name="Birgit Hansen",
            source=Source.LETTER,
            answer=(
                "accommodated",
                "Et nyt afsnit om fællesskaber og ensomhed er skrevet ind i forslaget.",
            ),
        ),
        DemoContribution(
            "Hjemmehjælpen skal have mere tid hos den enkelte borger.",
            name="Erik Poulsen",
            age_band="65-79",
            source=Source.MEETING,
            answer=(
                "outside_frame",
                "Tiden hos den enkelte fastsættes i kvalitetsstandarderne, ikke i politikken.",
            ),
        ),
        DemoContribution(
            "Tænk på pårørende: de har brug for én fast kontaktperson.",
            name="Mona Rask",
            source=Source.EMAIL,
        ),
    ),
    CYKELSTIER: (
        DemoContribution(
            "Der mangler en cykelsti langs Måløv Byvej mellem stationen og skolen.",
            name="Jesper Holt",
            district="Måløv",
            age_band="30-49",
            answer=("accommodated", "Strækningen er med i planens første etape i 2026."),
        ),
        DemoContribution(
            "Byg overdækket cykelparkering ved Skovlunde Station.",
            name="Maria Lind",
            district="Skovlunde",
            age_band="18-29",
            answer=("accommodated", "Planen har 200 overdækkede pladser ved Skovlunde Station."),
        ),
        DemoContribution(
            "Supercykelstien til København skal prioriteres før de lokale stier.",
            name="Karsten Bo",
            district="Ballerup",
            age_band="50-64",
            answer=(
                "partly",
                "Supercykelstien er med i anden etape; skolevejene kommer først af hensyn til "
                "børnenes sikkerhed.",
            ),
        ),
        DemoContribution(
            "Brug pengene på vedligehold af de stier, vi har, i stedet for nye.",
            name="Inge Falk",
            age_band="65-79",
            answer=(
                "not_accommodated",
                "Vedligehold betales af driftsbudgettet og er ikke en del af planens anlægsramme.",
            ),
        ),
        DemoContribution(
            "Motorvejsbroen ved Ballerup Boulevard er farlig for cyklister.",
            name="Peter Juul",
            district="Ballerup",
            age_band="30-49",
            answer=(
                "outside_frame",
                "Broen er Vejdirektoratets. Vi har sendt bidraget videre til dem.",
            ),
        ),
        DemoContribution(
            "Grundejerforeningen Egebjerg støtter stien langs Egebjergvej.",
            speaking_as="association",
            on_behalf_of="Grundejerforeningen Egebjerg",
            name="Lone Egeberg",
            district="Ballerup",
            answer=("accommodated", "Stien langs Egebjergvej er med i første etape."),
        ),
    ),
    SFO: (
        DemoContribution(
            "Vi har brug for, at SFO'en åbner kl. 6.30, fordi vi begge pendler.",
            name="Camilla Ravn",
            district="Skovlunde",
            age_band="30-49",
            answer=("accommodated", "SFO'erne åbner kl. 6.30 fra august 2025."),
        ),
        DemoContribution(
            "Luk gerne kl. 16 om fredagen, så børnene får en kortere uge.",
            name="Morten Gram",
            district="Ballerup",
            age_band="30-49",
            answer=(
                "partly",
                "SFO'erne lukker kl. 16.30 om fredagen; kl. 16 gav for få timer til forældre med "
                "lang transport.",
            ),
        ),
        DemoContribution(
            "Skolebestyrelsen på Måløvhøj Skole anbefaler åbning kl. 7.00 og flere "
            "medarbejdere om eftermiddagen.",
            speaking_as="association",
            on_behalf_of="Skolebestyrelsen, Måløvhøj Skole",
            name="Hanne Lykke",
            district="Måløv",
            answer=(
                "not_accommodated",
                "Flest forældre ønskede åbning kl. 6.30; bemandingen følger det nye skema.",
            ),
        ),
        DemoContribution(
            "Flere timer i alt, tak — SFO'en er for kort om sommeren.",
            name="Signe Dam",
            age_band="30-49",
            answer=(
                "outside_frame",
                "Det samlede antal timer ligger fast i budgettet; sommerferieåbningen er uændret.",
            ),
        ),
        DemoContribution(
            "Som pædagog i SFO: Tidlig åbning kræver, at vi kan holde pause senere.",
            speaking_as="employee",
            name="Rasmus Bak",
            answer=("accommodated", "Vagtplanen er lagt om, så pauserne følger åbningstiden."),
        ),
    ),
    TRAFIK: (
        DemoContribution(
            "Krydset ved Skovlunde Byvej og Ballerup Byvej er farligt for skolebørn om "
            "morgenen. Der mangler en fodgængerovergang.",
            name="Thomas Kjær",
            district="Skovlunde",
            age_band="30-49",
            answer=(
                "accommodated",
                "Krydset er med i planens første etape med en ny signalreguleret overgang i 2027.",
            ),
            topic="Skoleveje og krydsninger",
            summary="Ønsker en fodgængerovergang i krydset Skovlunde Byvej/Ballerup Byvej.",
        ),
        DemoContribution(
            "Sæt hastigheden ned til 40 km/t i hele Måløv by.",
            name="Anne Vestergaard",
            district="Måløv",
            answer=(
                "partly",
                "Planen indfører 40 km/t ved skoler og institutioner i Måløv, "
                "men ikke på de større veje gennem byen.",
            ),
            topic="Hastighed",
            summary="Ønsker 40 km/t i hele Måløv by.",
        ),
        DemoContribution(
            "Motorvejsafkørslen ved Ballerup skal have lysregulering.",
            name="Ole Sand",
            age_band="50-64",
            answer=(
                "outside_frame",
                "Motorvejsafkørslen er Vejdirektoratets ansvar. Vi har "
                "sendt jeres forslag videre til Vejdirektoratet.",
            ),
            topic="Statens veje",
            summary="Ønsker lysregulering ved motorvejsafkørslen ved Ballerup.",
        ),
        DemoContribution(
            "Mere belysning på stien gennem Hareskoven, den er mørk om vinteren.",
            consent="anonymous",
            district="Skovlunde",
            answer=(
                "not_accommodated",
                "Stien ligger i fredet skov, hvor belysning ikke er "
                "tilladt. I stedet markeres stien med reflekser.",
            ),
            topic="Stier og belysning",
            summary="Ønsker belysning på stien gennem Hareskoven.",
        ),
        DemoContribution(
            "Tak for en god byvandring — det var rart at blive hørt.",
            name="Jytte Bro",
            source=Source.MEETING,
            answer=("noted", "Tak for din tilbagemelding."),
            topic="Andet",
            summary="Ros for byvandringen.",
        ),
    ),
    LOKALPLAN_118: (
        DemoContribution(
            "Vi bor på Solsikkevej lige op ad grunden. Når forældre skal aflevere 120 børn om "
            "morgenen, kommer bilerne til at holde på vores villavej. Læg afsætningspladserne "
            "på institutionens egen grund.",
            name="Bent Olsen",
            district="Måløv",
            age_band="65-79",
            answer=(
                "accommodated",
                "Afsætningspladserne flyttes ind på institutionens egen grund ved indkørslen fra "
                "Måløv Byvej.",
            ),
            topic="Trafik og afsætning",
            summary="Frygter, at forældrenes biler holder på Solsikkevej; ønsker afsætning på "
            "egen grund.",
        ),
        DemoContribution(
            "Bevar det gamle levende hegn mod nord. Det skærmer for indkig til haverne og er et "
            "godt sted for fuglene.",
            speaking_as="association",
            on_behalf_of="Grundejerforeningen Måløv Nord",
            name="Inge Krog",
            answer=(
                "accommodated",
                "Hegnet bevares og suppleres med nye træer. Det er skrevet ind i planens "
                "bestemmelser om beplantning.",
            ),
            topic="Beplantning",
            summary="Ønsker det levende hegn mod nord bevaret.",
        ),
        DemoContribution(
            "Bygningen bør kun være i én etage, så den passer til husene omkring.",
            name="Per Holm",
            district="Måløv",
            answer=(
                "not_accommodated",
                "To etager giver plads til 120 børn og mere legeareal på grunden. Højden er "
                "holdt på 8,5 meter, som for villaerne omkring.",
            ),
            topic="Bebyggelse og legeplads",
            summary="Ønsker byggeri i én etage.",
        ),
        DemoContribution(
            "Som pædagoger ønsker vi, at legepladsen vender mod syd og ligger væk fra parkeringen.",
            speaking_as="employee",
            on_behalf_of="Pædagogisk MED-udvalg, dagtilbud",
            name="Hanne Frost",
            answer=(
                "partly",
                "Legepladsen placeres mod syd. Et mindre udeareal til vuggestuen ligger mod vest "
                "ved parkeringen, adskilt af et hegn.",
            ),
            topic="Bebyggelse og legeplads",
            summary="Ønsker legepladsen mod syd og væk fra parkeringen.",
        ),
    ),
}


def clear_contributions() -> None:
    """Remove the demo processes' contributions (before the processes' frames are replaced:
    answers point to frame items)."""
    Contribution.objects.filter(process__title__in=list(DEMO)).delete()


@transaction.atomic
def seed_contributions(now: datetime.datetime) -> int:
    """Create the demo contributions; returns how many were created."""
    staff = User.objects.filter(role=User.Role.STAFF).order_by("pk").first()
    districts = {d.name: d for d in District.objects.all()}
    created = 0
    for title, items in DEMO.items():
        process = Process.objects.filter(title=title).first()
        if process is None:
            continue
        Contribution.objects.filter(process=process).delete()
        services.recount(Process.objects.filter(pk=process.pk))  # a queryset delete passes by
        process = Process.objects.prefetch_related("activities").get(pk=process.pk)
        taking = process.contribution_activities()
        hearing = taking[-1] if taking else None
        fixed = FrameItem.objects.filter(process=process, kind="fixed").first()
        topics: dict[str, MemoTopic] = {}
        for number, item in enumerate(items, start=1):
            online = process.status == Process.Status.OPEN and item.source == Source.ONLINE
            received = now - datetime.timedelta(hours=5 * number)
            if not online and hearing is not None:
                received = min(received, hearing.ends_at - datetime.timedelta(days=number))
            data = services.SubmissionData(
                text=item.text,
                speaking_as=item.speaking_as,
                consent=item.consent,
                on_behalf_of=item.on_behalf_of,
                name=item.name,
                email=f"borger{number}@{'ballerup'}.example" if item.email else "",
                district=districts.get(item.district),
                age_band=item.age_band,
                activity=None if online else hearing,
            )
            result = services.submit(
                process,
                data,
                [],
                source=Source.ONLINE
                if online
                else (item.source if item.source != Source.ONLINE else Source.LETTER),
                registered_by=None if online else staff,
                received_at=None if online else received,
            )
            contribution = result.contribution
            created += 1
            if item.screening:
                resolution = (
                    Flag.Resolution.REDACTED
                    if item.screening == "redact"
                    else Flag.Resolution.APPROVED
                )
                for flag in contribution.flags.all():
                    services.resolve_flag(flag, resolution, staff)
                services.approve(contribution, staff)
            if item.topic or item.summary:
                if item.topic and item.topic not in topics:
                    topics[item.topic] = MemoTopic.objects.update_or_create(
                        process=process, name=item.topic, defaults={"order": len(topics)}
                    )[0]
                contribution.topic = topics.get(item.topic)
                contribution.summary = item.summary
                contribution.save(update_fields=["topic", "summary"])
            if item.answer:
                outcome, reason = item.answer
                services.answer(
                    [contribution],
                    outcome=outcome,
                    reason=reason,
                    frame_item=fixed if outcome == "outside_frame" else None,
                    author=staff,
                )
                if item.topic:  # in the memo: the administration's recommendation to the committee
                    changes = outcome in (Answer.Outcome.ACCOMMODATED, Answer.Outcome.PARTLY)
                    Answer.objects.filter(contribution=contribution).update(
                        recommendation=Answer.Recommendation.CHANGE
                        if changes
                        else Answer.Recommendation.NO_CHANGE
                    )
        if title == LOKALPLAN_123 and hearing is not None:
            created += _seed_responses(process, hearing, staff, districts, now)
        if process.status in (Process.Status.DECIDED, Process.Status.CLOSED):
            services.publish_answers(process, staff, now=_answered_at(process, now))
    return created


def _seed_responses(
    process: Process,
    hearing: Activity,
    staff: User | None,
    districts: dict[str, District],
    now: datetime.datetime,
) -> int:
    """Lokalplan 123's hearing responses (``lokalplan123.responses``), submitted through the same
    service as a citizen's, at the time each came in: none answered yet, and only those staff
    reviewed in the first days are published; the rest wait for review. Returns how many."""
    if hearing.starts_at >= now:
        return 0
    responses = lokalplan123.responses(hearing.starts_at, now)
    addresses: list[Contribution] = []
    for response in responses:
        online = response.source == Source.ONLINE
        data = services.SubmissionData(
            text=response.text,
            speaking_as=response.speaking_as,
            consent=response.consent,
            on_behalf_of=response.on_behalf_of,
            name=response.name,
            district=districts.get(response.district),
            age_band=response.age_band,
            activity=None if online else hearing,
        )
        contribution = services.submit(
            process,
            data,
            [],
            source=response.source,
            registered_by=None if online else staff,
            received_at=response.received_at,
            now=response.received_at,
        ).contribution
        if response.reviewed:
            services.approve(contribution, staff)
        if response.email:
            # Set afterwards: a receipt e-mail for each of ~300 letters "received" days ago
            # would be queued again on every run of the command.
            contribution.email = response.email
            addresses.append(contribution)
    Contribution.objects.bulk_update(addresses, ["email"])
    return len(responses)


def _answered_at(process: Process, now: datetime.datetime) -> datetime.datetime:
    """Answers of a decided process were published the morning of the meeting that decided it
    (the last one so far), not today."""
    today = timezone.localdate(now)
    meetings = [m.meeting_date for m in process.milestones.all() if m.meeting_date <= today]
    if not meetings:
        return now
    return timezone.make_aware(datetime.datetime.combine(max(meetings), datetime.time(9, 0)))


# How the contributors of the decided projects answered the short evaluation (1–5 weights for
# knew what they could influence, felt heard, had time enough).
PROJECT_EVALUATION_WEIGHTS = ((1, 1, 2, 5, 3), (1, 2, 3, 4, 2), (2, 3, 3, 2, 1))


def seed_project_evaluations(today: datetime.date) -> int:
    """Anonymous evaluations after the decision on the demo's decided projects, made again on
    every run, in the last complete month: the first decided project over the privacy threshold
    (shown on the indicators page), the second under it (left out). Returns how many."""
    decided = list(
        Process.objects.filter(
            title__in=list(DEMO), kind=Process.Kind.PROJECT, decision__isnull=False
        ).order_by("decision__meeting_date", "pk")
    )
    ProjectEvaluation.objects.filter(process__in=decided).delete()
    month = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    chance = random.Random(13)  # the same answers on every run
    threshold = min_group()
    rows = []
    for process, count in zip(decided, (threshold + 3, max(1, threshold - 2)), strict=False):
        for n in range(count):
            answers = [chance.choices((1, 2, 3, 4, 5), w)[0] for w in PROJECT_EVALUATION_WEIGHTS]
            rows.append(
                ProjectEvaluation(
                    process=process,
                    month=month,
                    knew_influence=answers[0],
                    felt_heard=answers[1],
                    time_enough=answers[2],
                    comment="Godt, at vi fik at vide, hvad der blev ændret." if n == 0 else "",
                )
            )
    ProjectEvaluation.objects.bulk_create(rows)
    return len(rows)
