"""Demo stakeholders for the Ballerup demo data (called by ``manage.py seed_demo``).

Safe to run again: topics, stakeholders and population figures are updated or created by their
natural keys (a duty by its stakeholder and legal basis), and each stakeholder's districts
and topics are replaced. The names of the
local councils, boards, associations and businesses are illustrative — they show the kinds of
stakeholder Ballerup has, not an authoritative list. E-mail addresses use the reserved
``example`` domain.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from inddrag.contributions.models import AgeBand
from inddrag.organisation.models import Centre, District
from inddrag.processes.models import Process
from inddrag.stakeholders.models import HearingDuty, PopulationFigure, Stakeholder, Topic

T = Stakeholder.Type

AELDRE = "Ældre"
HANDICAP = "Handicap"
BOERN = "Børn og unge"
SKOLE = "Skole"
BYUDVIKLING = "Byudvikling"
TRAFIK = "Trafik"
NATUR = "Natur og miljø"
KULTUR = "Kultur og fritid"
INTEGRATION = "Integration"
BESKAEFTIGELSE = "Beskæftigelse"
SUNDHED = "Sundhed"
ERHVERV = "Erhverv"

# Each topic with the topics that border on it ("look beyond the task").
TOPICS: dict[str, tuple[str, ...]] = {
    AELDRE: (SUNDHED, HANDICAP, KULTUR),
    HANDICAP: (SUNDHED, BESKAEFTIGELSE),
    BOERN: (SKOLE, KULTUR, SUNDHED),
    SKOLE: (BOERN, TRAFIK),
    BYUDVIKLING: (TRAFIK, NATUR, ERHVERV),
    TRAFIK: (BYUDVIKLING, NATUR),
    NATUR: (KULTUR,),
    KULTUR: (),
    INTEGRATION: (BESKAEFTIGELSE, BOERN),
    BESKAEFTIGELSE: (ERHVERV,),
    SUNDHED: (),
    ERHVERV: (),
}

BALLERUP = "Ballerup"
SKOVLUNDE = "Skovlunde"
MALOV = "Måløv"
WHOLE = "Hele kommunen"


@dataclass(frozen=True)
class StakeholderData:
    name: str
    type: str
    email: str
    topics: tuple[str, ...]
    districts: tuple[str, ...] = (WHOLE,)
    contact_name: str = ""
    phone: str = ""
    centre: str = ""
    # A statutory duty: (legal basis, topics it applies to).
    duty: tuple[str, tuple[str, ...]] | None = None


STAKEHOLDERS: tuple[StakeholderData, ...] = (
    # Councils (råd). The four municipal councils exist in Ballerup; the lokalråd names are
    # illustrative.
    StakeholderData(
        "Seniorrådet",
        T.COUNCIL,
        "seniorraadet@ballerup.example",
        (AELDRE, SUNDHED),
        contact_name="Formand for Seniorrådet",
        duty=("Retssikkerhedsloven § 30 (høring om forhold, der vedrører ældre)", (AELDRE,)),
    ),
    StakeholderData(
        "Handicaprådet",
        T.COUNCIL,
        "handicapraadet@ballerup.example",
        (HANDICAP, SUNDHED, BESKAEFTIGELSE),
        contact_name="Formand for Handicaprådet",
        duty=(
            "Retssikkerhedsloven § 37 a (høring om initiativer af betydning for mennesker "
            "med handicap)",
            (HANDICAP,),
        ),
    ),
    StakeholderData(
        "Integrationsrådet",
        T.COUNCIL,
        "integrationsraadet@ballerup.example",
        (INTEGRATION, BESKAEFTIGELSE),
    ),
    StakeholderData("Ungerådet", T.COUNCIL, "ungeraadet@ballerup.example", (BOERN, KULTUR)),
    StakeholderData(
        "Måløv Lokalråd",
        T.COUNCIL,
        "lokalraad@maaloev.example",
        (BYUDVIKLING, TRAFIK, NATUR),
        (MALOV,),
    ),
    StakeholderData(
        "Skovlunde Lokalråd",
        T.COUNCIL,
        "lokalraad@skovlunde.example",
        (BYUDVIKLING, TRAFIK, KULTUR),
        (SKOVLUNDE,),
    ),
    StakeholderData(
        "Ballerup Bymidte Lokalråd",
        T.COUNCIL,
        "lokalraad@ballerup-bymidte.example",
        (BYUDVIKLING, ERHVERV),
        (BALLERUP,),
    ),
    StakeholderData(
        "Grønt Råd Ballerup",
        T.COUNCIL,
        "groentraad@ballerup.example",
        (NATUR,),
    ),
    # Committees and boards of appeal (nævn).
    StakeholderData(
        "Folkeoplysningsudvalget",
        T.APPEALS_BOARD,
        "folkeoplysning@ballerup.example",
        (KULTUR, BOERN),
    ),
    # School and institution boards (bestyrelser) — illustrative names.
    StakeholderData(
        "Skolebestyrelsen ved Hedegårdsskolen",
        T.BOARD,
        "bestyrelse@hedegaardsskolen.example",
        (SKOLE, BOERN, TRAFIK),
        (BALLERUP,),
    ),
    StakeholderData(
        "Skolebestyrelsen ved Skovlunde Skole",
        T.BOARD,
        "bestyrelse@skovlunde-skole.example",
        (SKOLE, BOERN, TRAFIK),
        (SKOVLUNDE,),
    ),
    StakeholderData(
        "Skolebestyrelsen ved Måløvhøj Skole",
        T.BOARD,
        "bestyrelse@maaloevhoej-skole.example",
        (SKOLE, BOERN),
        (MALOV,),
    ),
    StakeholderData(
        "Skolebestyrelsen ved Baltorpskolen",
        T.BOARD,
        "bestyrelse@baltorpskolen.example",
        (SKOLE, BOERN),
        (BALLERUP,),
    ),
    StakeholderData(
        "Forældrebestyrelsen i Daginstitution Måløv Nord",
        T.BOARD,
        "bestyrelse@dagtilbud-maaloev.example",
        (BOERN,),
        (MALOV,),
    ),
    StakeholderData(
        "Forældrebestyrelsen i Børnehuset Skovlunde",
        T.BOARD,
        "bestyrelse@boernehuset-skovlunde.example",
        (BOERN,),
        (SKOVLUNDE,),
    ),
    StakeholderData(
        "Brugerrådet for plejecentrene",
        T.BOARD,
        "brugerraad@plejecentre.example",
        (AELDRE, SUNDHED),
    ),
    # Associations (foreninger) — illustrative names.
    StakeholderData(
        "Ballerup Idrætsforening",
        T.ASSOCIATION,
        "kontakt@ballerup-if.example",
        (KULTUR, BOERN, SUNDHED),
        (BALLERUP,),
    ),
    StakeholderData(
        "Skovlunde Boldklub",
        T.ASSOCIATION,
        "kontakt@skovlunde-bk.example",
        (KULTUR, BOERN),
        (SKOVLUNDE,),
    ),
    StakeholderData(
        "Danmarks Naturfredningsforening, Ballerup",
        T.ASSOCIATION,
        "ballerup@dn.example",
        (NATUR,),
    ),
    StakeholderData(
        "Cyklistforbundet, Ballerup",
        T.ASSOCIATION,
        "ballerup@cyklistforbundet.example",
        (TRAFIK, SUNDHED),
    ),
    StakeholderData(
        "Ældre Sagen Ballerup",
        T.ASSOCIATION,
        "ballerup@aeldresagen.example",
        (AELDRE, SUNDHED, KULTUR),
    ),
    StakeholderData(
        "DH Ballerup (Danske Handicaporganisationer)",
        T.ASSOCIATION,
        "ballerup@dh.example",
        (HANDICAP,),
    ),
    StakeholderData(
        "Ballerup Erhvervsforening",
        T.ASSOCIATION,
        "kontakt@ballerup-erhverv.example",
        (ERHVERV, BESKAEFTIGELSE, BYUDVIKLING),
    ),
    StakeholderData(
        "Grundejerforeningen Stationsbyen",
        T.ASSOCIATION,
        "bestyrelse@ge-stationsbyen.example",
        (BYUDVIKLING, TRAFIK),
        (BALLERUP,),
    ),
    StakeholderData(
        "Boligselskabet Ballerup, afdelingsbestyrelserne",
        T.ASSOCIATION,
        "afdelinger@boligselskab-ballerup.example",
        (BYUDVIKLING, INTEGRATION),
        (BALLERUP, SKOVLUNDE),
    ),
    # Businesses (virksomheder) — illustrative names.
    StakeholderData(
        "Ballerup Centret, centerforeningen",
        T.BUSINESS,
        "centerforening@ballerup-centret.example",
        (ERHVERV, BYUDVIKLING, TRAFIK),
        (BALLERUP,),
    ),
    StakeholderData(
        "Erhvervsområdet Lautrupgård, virksomhedsnetværk",
        T.BUSINESS,
        "netvaerk@lautrupgaard.example",
        (ERHVERV, TRAFIK, BESKAEFTIGELSE),
        (BALLERUP,),
    ),
    StakeholderData(
        "Skovlunde Erhvervsby, virksomhedsnetværk",
        T.BUSINESS,
        "netvaerk@skovlunde-erhverv.example",
        (ERHVERV, TRAFIK),
        (SKOVLUNDE,),
    ),
    # Authorities (myndigheder).
    StakeholderData("Vejdirektoratet", T.AUTHORITY, "hoering@vejdirektoratet.example", (TRAFIK,)),
    StakeholderData(
        "Hovedstadens Beredskab",
        T.AUTHORITY,
        "hoering@hbr.example",
        (BYUDVIKLING, TRAFIK),
    ),
    StakeholderData("Movia", T.AUTHORITY, "hoering@movia.example", (TRAFIK, BYUDVIKLING)),
    StakeholderData(
        "Banedanmark", T.AUTHORITY, "hoering@banedanmark.example", (TRAFIK, BYUDVIKLING)
    ),
    StakeholderData(
        "Region Hovedstaden", T.AUTHORITY, "hoering@regionh.example", (SUNDHED, TRAFIK)
    ),
    StakeholderData("Miljøstyrelsen", T.AUTHORITY, "hoering@mst.example", (NATUR, BYUDVIKLING)),
    StakeholderData("Københavns Vestegns Politi", T.AUTHORITY, "hoering@politi.example", (TRAFIK,)),
    # Internal: centres, professional disciplines and a MED committee.
    StakeholderData(
        "Center for Miljø, Plan og Byggeri",
        T.CENTRE,
        "plan@ballerup.example",
        (BYUDVIKLING, TRAFIK, NATUR),
        centre="Center for Miljø, Plan og Byggeri",
    ),
    StakeholderData(
        "Center for Social og Sundhed",
        T.CENTRE,
        "social-sundhed@ballerup.example",
        (AELDRE, HANDICAP, SUNDHED),
        centre="Center for Social og Sundhed",
    ),
    StakeholderData(
        "Center for Skole og Uddannelse",
        T.CENTRE,
        "skole@ballerup.example",
        (SKOLE, BOERN),
        centre="Center for Skole og Uddannelse",
    ),
    StakeholderData(
        "Vej og trafik",
        T.DISCIPLINE,
        "vej-trafik@ballerup.example",
        (TRAFIK, BYUDVIKLING),
        centre="Center for Miljø, Plan og Byggeri",
    ),
    StakeholderData(
        "Natur og miljø (faggruppe)",
        T.DISCIPLINE,
        "natur-miljoe@ballerup.example",
        (NATUR,),
        centre="Center for Miljø, Plan og Byggeri",
    ),
    StakeholderData(
        "Sundhedsplejen",
        T.DISCIPLINE,
        "sundhedsplejen@ballerup.example",
        (BOERN, SUNDHED),
        centre="Center for Børn og Familier",
    ),
    StakeholderData(
        "Hjemmeplejen",
        T.DISCIPLINE,
        "hjemmeplejen@ballerup.example",
        (AELDRE, SUNDHED),
        centre="Center for Social og Sundhed",
    ),
    StakeholderData(
        "Jobcentrets virksomhedskonsulenter",
        T.DISCIPLINE,
        "jobcenter@ballerup.example",
        (BESKAEFTIGELSE, INTEGRATION, ERHVERV),
        centre="Center for Arbejdsmarked og Borgerservice",
    ),
    StakeholderData(
        "Fritidskonsulenterne",
        T.DISCIPLINE,
        "fritid@ballerup.example",
        (KULTUR, BOERN),
        centre="Center for Kultur, Fritid og Idræt",
    ),
    StakeholderData(
        "MED-udvalget i Center for Social og Sundhed",
        T.MED,
        "med-css@ballerup.example",
        (AELDRE, SUNDHED, HANDICAP),
        centre="Center for Social og Sundhed",
    ),
)

# Rounded inhabitants per district and age band. Illustrative: the whole municipality is about
# 52,000, split over the three districts by rough share; not exact published figures.
POPULATION_YEAR = 2025
POPULATION_SOURCE = "Afrundede tal baseret på Danmarks Statistik, FOLK1A, 2025 — illustrative"
POPULATION: dict[str, dict[str, int]] = {
    BALLERUP: {
        AgeBand.UNDER_18: 5700,
        AgeBand.AGE_18_29: 3900,
        AgeBand.AGE_30_49: 6900,
        AgeBand.AGE_50_64: 5100,
        AgeBand.AGE_65_79: 4200,
        AgeBand.AGE_80: 1700,
    },
    SKOVLUNDE: {
        AgeBand.UNDER_18: 2800,
        AgeBand.AGE_18_29: 1700,
        AgeBand.AGE_30_49: 3400,
        AgeBand.AGE_50_64: 2600,
        AgeBand.AGE_65_79: 2200,
        AgeBand.AGE_80: 800,
    },
    MALOV: {
        AgeBand.UNDER_18: 2500,
        AgeBand.AGE_18_29: 1300,
        AgeBand.AGE_30_49: 2800,
        AgeBand.AGE_50_64: 2100,
        AgeBand.AGE_65_79: 1700,
        AgeBand.AGE_80: 600,
    },
}

# What the demo processes are about, by title (a title that is not there is skipped).
PROCESS_TOPICS: dict[str, tuple[str, ...]] = {
    "Lokalplan 123 for boliger ved Ballerup Station": (BYUDVIKLING, TRAFIK),
    "Nye aktiviteter i Måløv Bypark": (NATUR, KULTUR, BOERN),
    "Kommuneplan 2027 — forslag": (BYUDVIKLING, ERHVERV, NATUR, TRAFIK),
    "Ny ældrepolitik": (AELDRE, SUNDHED),
    "Skolestruktur i Skovlunde": (SKOLE, BOERN),
    "Trafiksikkerhedsplan 2026-2030": (TRAFIK,),
    "Lokalplan 118 for ny daginstitution i Måløv Nord": (BYUDVIKLING, BOERN),
    "Udvidelse af Ballerup Idrætsby": (KULTUR, BYUDVIKLING),
}


def seed_topics() -> dict[str, Topic]:
    topics = {name: Topic.objects.get_or_create(name=name)[0] for name in TOPICS}
    for name, related in TOPICS.items():
        topics[name].related.add(*(topics[r] for r in related))
    return topics


def seed_population() -> int:
    districts = {d.name: d for d in District.objects.filter(name__in=POPULATION)}
    count = 0
    for district_name, bands in POPULATION.items():
        district = districts.get(district_name)
        if district is None:
            continue
        for band, inhabitants in bands.items():
            PopulationFigure.objects.update_or_create(
                district=district,
                age_band=band,
                year=POPULATION_YEAR,
                defaults={"count": inhabitants, "source": POPULATION_SOURCE},
            )
            count += 1
    return count


@transaction.atomic
def seed_stakeholders(now: datetime.datetime | None = None) -> dict[str, int]:
    """Topics, stakeholders with duties, population figures and the demo processes' topics.

    ``now`` is accepted for symmetry with the other seeders; nothing here depends on the date.
    Returns how many of each were seeded.
    """
    topics = seed_topics()
    districts = {d.name: d for d in District.objects.all()}
    centres = {c.name: c for c in Centre.objects.all()}
    duties = 0
    for data in STAKEHOLDERS:
        stakeholder, _created = Stakeholder.objects.update_or_create(
            name=data.name,
            defaults={
                "type": data.type,
                "email": data.email,
                "contact_name": data.contact_name,
                "phone": data.phone,
                "centre": centres.get(data.centre),
                "active": True,
            },
        )
        stakeholder.districts.set([districts[n] for n in data.districts if n in districts])
        stakeholder.topics.set([topics[n] for n in data.topics])
        if data.duty:
            legal_basis, duty_topics = data.duty
            duty, _created = HearingDuty.objects.get_or_create(
                stakeholder=stakeholder, legal_basis=legal_basis
            )
            duty.topics.set([topics[n] for n in duty_topics])
            duties += 1
    tagged = 0
    for process in Process.objects.filter(title__in=PROCESS_TOPICS):
        process.topic_tags.set([topics[n] for n in PROCESS_TOPICS[process.title]])
        tagged += 1
    return {
        "topics": len(topics),
        "stakeholders": len(STAKEHOLDERS),
        "duties": duties,
        "population": seed_population(),
        "processes": tagged,
    }
