"""Demo data for Ballerup Kommune, used by ``manage.py seed_demo``.

Everything here is plain data. Dates are offsets in days from today, so the demo always looks
current; the command turns them into real dates (moved to the next working day where needed).
Contact details use the reserved ``.example`` domain and made-up phone numbers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from inddrag.organisation.models import DecisionBody
from inddrag.processes.models import (
    Activity,
    FrameItem,
    HearingType,
    InfluenceLevel,
    Process,
    Proportionality,
    TargetGroup,
)

DEMO_PASSWORD = "inddrag-demo"  # noqa: S105 — a documented demo login, never used in production

# --- Reference data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CentreData:
    name: str
    short_name: str
    contact_email: str
    contact_phone: str


@dataclass(frozen=True)
class BodyData:
    name: str
    kind: str
    order: int


@dataclass(frozen=True)
class DistrictData:
    name: str
    postcode: str
    order: int
    is_whole_municipality: bool = False


CMPB = "Center for Miljø, Plan og Byggeri"
CBF = "Center for Børn og Familier"
CSU = "Center for Skole og Uddannelse"
CSS = "Center for Social og Sundhed"
CKFI = "Center for Kultur, Fritid og Idræt"
CAB = "Center for Arbejdsmarked og Borgerservice"

CENTRES: tuple[CentreData, ...] = (
    CentreData(CMPB, "CMPB", "plan@ballerup.example", "44 77 00 10"),
    CentreData(CBF, "CBF", "boern-familie@ballerup.example", "44 77 00 20"),
    CentreData(CSU, "CSU", "skole@ballerup.example", "44 77 00 25"),
    CentreData(CSS, "CSS", "social-sundhed@ballerup.example", "44 77 00 30"),
    CentreData(CKFI, "CKFI", "kultur-fritid@ballerup.example", "44 77 00 40"),
    CentreData(CAB, "CAB", "borgerservice@ballerup.example", "44 77 00 00"),
)

TMU = "Teknik- og Miljøudvalget"
BSU = "Børne- og Skoleudvalget"
SSU = "Social- og Sundhedsudvalget"
KFU = "Kultur- og Fritidsudvalget"
BIU = "Beskæftigelses- og Integrationsudvalget"
OU = "Økonomiudvalget"
KB = "Kommunalbestyrelsen"

DECISION_BODIES: tuple[BodyData, ...] = (
    BodyData(TMU, DecisionBody.Kind.COMMITTEE, 10),
    BodyData(BSU, DecisionBody.Kind.COMMITTEE, 20),
    BodyData(SSU, DecisionBody.Kind.COMMITTEE, 30),
    BodyData(KFU, DecisionBody.Kind.COMMITTEE, 40),
    BodyData(BIU, DecisionBody.Kind.COMMITTEE, 50),
    BodyData(OU, DecisionBody.Kind.FINANCE, 90),
    BodyData(KB, DecisionBody.Kind.COUNCIL, 100),
)

BALLERUP = "Ballerup"
SKOVLUNDE = "Skovlunde"
MALOV = "Måløv"
WHOLE = "Hele kommunen"

DISTRICTS: tuple[DistrictData, ...] = (
    DistrictData(BALLERUP, "2750", 10),
    DistrictData(SKOVLUNDE, "2740", 20),
    DistrictData(MALOV, "2760", 30),
    DistrictData(WHOLE, "", 90, is_whole_municipality=True),
)

ELECTION_PERIODS: tuple[datetime.date, ...] = (
    datetime.date(2022, 1, 1),
    datetime.date(2026, 1, 1),
)

# --- Users --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UserData:
    username: str
    first_name: str
    last_name: str
    email: str
    role: str = "staff"
    title: str = ""
    centre: str | None = None
    can_log_in: bool = True  # False: the user only appears as responsible; no password
    is_superuser: bool = False


PLANNER = "planlaegger"
CASEWORKER = "sagsbehandler"
ADMIN = "admin"
CITIZEN = "borger"
CULTURE = "kulturkonsulent"
SCHOOL = "skolekonsulent"
ELDERLY = "udviklingskonsulent"
PRIVACY_OFFICER = "databeskyttelse"  # in the group that may find, export and erase a person's data
RELATIVE = "paarorende"  # Karen's son, with "see and write" access to her case
OCCUPATIONAL_THERAPIST = "ergoterapeut"  # added to the demo case as a professional
CITIZEN_DECIDED = "lars.pedersen"  # a decided case, evaluated
CITIZEN_NEW = "henrik.nielsen"  # a case opened today
CENTRE_MANAGER = "centerchef"  # in the group that may see the evaluation report of cases

USERS: tuple[UserData, ...] = (
    UserData(
        PLANNER, "Mette", "Holm", "planlaegger@ballerup.example", title="Byplanlægger", centre=CMPB
    ),
    UserData(
        CASEWORKER,
        "Jonas",
        "Lund",
        "sagsbehandler@ballerup.example",
        title="Sagsbehandler, hjælpemidler",
        centre=CSS,
    ),
    UserData(ADMIN, "Admin", "Istrator", "admin@ballerup.example", is_superuser=True),
    UserData(CITIZEN, "Karen", "Jensen", "karen.jensen@example.com", role="citizen"),
    UserData(RELATIVE, "Ole", "Jensen", "ole.jensen@example.com", role="citizen"),
    # Citizens with cases of their own at other stages (they do not log in in the demo).
    UserData(
        CITIZEN_DECIDED,
        "Lars",
        "Pedersen",
        "lars.pedersen@example.com",
        "citizen",
        can_log_in=False,
    ),
    UserData(
        CITIZEN_NEW, "Henrik", "Nielsen", "henrik.nielsen@example.com", "citizen", can_log_in=False
    ),
    UserData(
        OCCUPATIONAL_THERAPIST,
        "Anne",
        "Krogh",
        "ergoterapeut@ballerup.example",
        title="Ergoterapeut",
        centre=CSS,
        can_log_in=False,
    ),
    UserData(
        PRIVACY_OFFICER,
        "Dorte",
        "Nielsen",
        "databeskyttelse@ballerup.example",
        title="Databeskyttelsesrådgiver",
    ),
    UserData(
        CENTRE_MANAGER,
        "Birgitte",
        "Krog",
        "centerchef@ballerup.example",
        title="Centerchef",
        centre=CSS,
    ),
    UserData(
        CULTURE,
        "Sara",
        "Dahl",
        "kulturkonsulent@ballerup.example",
        title="Fritidskonsulent",
        centre=CKFI,
        can_log_in=False,
    ),
    UserData(
        SCHOOL,
        "Peter",
        "Friis",
        "skolekonsulent@ballerup.example",
        title="Skolekonsulent",
        centre=CSU,
        can_log_in=False,
    ),
    UserData(
        ELDERLY,
        "Lene",
        "Bach",
        "udviklingskonsulent@ballerup.example",
        title="Udviklingskonsulent, ældreområdet",
        centre=CSS,
        can_log_in=False,
    ),
)

# --- Processes ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameData:
    kind: str
    text: str
    reason: str = ""


def can(text: str) -> FrameData:
    """Something citizens can influence."""
    return FrameData(FrameItem.Kind.OPEN, text)


def fixed(text: str, reason: str) -> FrameData:
    """Something that is fixed, and why ("fordi …")."""
    return FrameData(FrameItem.Kind.FIXED, text, reason)


@dataclass(frozen=True)
class PhaseData:
    key: str
    title: str
    start: int  # days from today
    end: int
    description: str = ""


@dataclass(frozen=True)
class MilestoneData:
    key: str
    body: str
    day: int  # days from today; moved to the next working day
    decides: str


@dataclass(frozen=True)
class ActivityData:
    title: str
    method: str
    day: int  # days from today; moved to the next working day
    days: int = 0  # length in calendar days; the end is moved to the next working day
    starts: datetime.time = datetime.time(0, 0)
    ends: datetime.time = datetime.time(23, 59)
    description: str = ""
    location: str = ""
    online_url: str = ""
    hearing_type: str = HearingType.NONE
    phase: str | None = None  # a PhaseData key
    feeds: str | None = None  # a MilestoneData key


@dataclass(frozen=True)
class ProcessData:
    title: str
    summary: str
    centre: str
    responsible: str
    status: str
    influence_level: str
    proportionality: str
    how_to_take_part: str = ""
    kind: str = Process.Kind.PROJECT
    published: int | None = None  # days from today; None for drafts and cases
    districts: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    esdh_reference: str = ""
    kle_number: str = ""
    planned_hours: int | None = None
    used_hours: int = 0
    frame: tuple[FrameData, ...] = ()
    phases: tuple[PhaseData, ...] = ()
    milestones: tuple[MilestoneData, ...] = ()
    activities: tuple[ActivityData, ...] = ()
    should_fail_checks: bool = False  # the draft that shows what the checks catch


EVENING = {"starts": datetime.time(19, 0), "ends": datetime.time(21, 0)}
AFTERNOON = {"starts": datetime.time(16, 30), "ends": datetime.time(18, 0)}
LATE_AFTERNOON = {"starts": datetime.time(17, 0), "ends": datetime.time(20, 0)}
MORNING = {"starts": datetime.time(10, 0), "ends": datetime.time(11, 30)}

RADHUS = "Ballerup Rådhus, Hold-an Vej 7, 2750 Ballerup"
RADHUS_MEETING_ROOM = "Ballerup Rådhus, mødelokale 1, Hold-an Vej 7, 2750 Ballerup"
MALOV_KULTURHUS = "Måløv Kulturhus, Måløv Hovedgade, 2760 Måløv"
SKOVLUNDE_KULTURHUS = "Kulturhuset Skovlunde, 2740 Skovlunde"

A = Activity.Method
T = TargetGroup
S = Process.Status

LOKALPLAN_123 = ProcessData(
    title="Lokalplan 123 for boliger ved Ballerup Station",
    summary=(
        "Den tidligere erhvervsgrund nord for Ballerup Station skal omdannes til et boligområde "
        "med ca. 180 nye boliger. Forslaget til lokalplan beskriver, hvor højt og tæt der må "
        "bygges, hvordan området forbindes med stationen, og hvor der skal være grønne "
        "opholdsarealer. Vi vil gerne høre dine kommentarer, før planen vedtages endeligt."
    ),
    how_to_take_part=(
        "Du kan også sende dit høringssvar med brev til Center for Miljø, Plan og Byggeri, "
        "Hold-an Vej 7, 2750 Ballerup. Kom til borgermødet på Ballerup Rådhus, hvor vi "
        "fremlægger forslaget og svarer på spørgsmål."
    ),
    centre=CMPB,
    responsible=PLANNER,
    status=S.OPEN,
    influence_level=InfluenceLevel.CONSULT,
    proportionality=Proportionality.EXTENSIVE,
    published=-120,
    districts=(BALLERUP,),
    target_groups=(T.CITIZENS, T.BUSINESSES, T.EMPLOYEES, T.ASSOCIATIONS, T.AUTHORITIES),
    esdh_reference="2026-004512",
    kle_number="01.02.05",
    planned_hours=220,
    used_hours=145,
    frame=(
        can("Udformningen af de grønne opholdsarealer og legepladsen i området"),
        can("Stiforbindelserne til stationen og til Ballerup Bymidte"),
        can("Placeringen af cykelparkering og pladser til delebiler"),
        can("Beplantning og facader mod Banegårdspladsen"),
        fixed(
            "Bebyggelsen må højst være 5 etager",
            "Kommuneplanens rammer for området fastsætter den største tilladte "
            "bygningshøjde. Højere byggeri ville kræve et nyt tillæg til kommuneplanen.",
        ),
        fixed(
            "Området udlægges til boliger",
            "Kommunalbestyrelsen har besluttet at omdanne erhvervsområdet til boliger i "
            "kommuneplanen, og lokalplanen udmønter den beslutning.",
        ),
        fixed(
            "Støjafskærmningen langs jernbanen",
            "Miljøstyrelsens grænseværdier for støj fra jernbanen skal overholdes ved "
            "boligerne og på de udendørs opholdsarealer.",
        ),
    ),
    phases=(
        PhaseData(
            "ideas",
            "Forudgående idéfase",
            -110,
            -85,
            "Inden vi skrev forslaget, spurgte vi borgere, naboer og fagfolk om idéer til området.",
        ),
        PhaseData(
            "hearing",
            "Offentlig høring af forslaget",
            -14,
            21,
            "Forslaget til lokalplan er i offentlig høring i fem uger.",
        ),
        PhaseData(
            "decision",
            "Behandling af høringssvar og endelig vedtagelse",
            22,
            75,
            "Vi læser og besvarer alle høringssvar og skriver et høringsnotat til politikerne.",
        ),
    ),
    milestones=(
        MilestoneData(
            "proposal", TMU, -35, "Forslaget til Lokalplan 123 sendes i offentlig høring"
        ),
        MilestoneData(
            "tmu", TMU, 60, "Indstilling om endelig vedtagelse af Lokalplan 123 efter høringen"
        ),
        MilestoneData("ou", OU, 67, "Indstilling til Kommunalbestyrelsen"),
        MilestoneData("kb", KB, 74, "Endelig vedtagelse af Lokalplan 123"),
    ),
    activities=(
        ActivityData(
            "Idéindsamling om stationsområdet",
            A.IDEAS,
            -110,
            21,
            description="Hvad skal der til, for at området bliver et godt sted at bo og færdes?",
            phase="ideas",
            feeds="proposal",
        ),
        ActivityData(
            "Tværfaglig workshop med medarbejdere",
            A.WORKSHOP,
            -95,
            starts=datetime.time(9, 0),
            ends=datetime.time(12, 0),
            description=(
                "Medarbejdere fra vej og park, natur og miljø, dagtilbud og skole kigger på "
                "området med hver deres faglige briller."
            ),
            location=RADHUS_MEETING_ROOM,
            phase="ideas",
            feeds="proposal",
        ),
        ActivityData(
            "Offentlig høring af forslag til Lokalplan 123",
            A.HEARING,
            -14,
            35,
            description=(
                "Læs forslaget og send dit høringssvar. Alle svar bliver læst og besvaret i "
                "høringsnotatet, som politikerne får sammen med den endelige plan."
            ),
            hearing_type=HearingType.LOCAL_PLAN,
            phase="hearing",
            feeds="tmu",
        ),
        ActivityData(
            "Byvandring på grunden ved stationen",
            A.SITE_WALK,
            -5,
            description="Vi går rundt på grunden og viser, hvor de nye bygninger og stier kommer.",
            location="Banegårdspladsen ved Ballerup Station",
            phase="hearing",
            feeds="tmu",
            **AFTERNOON,
        ),
        ActivityData(
            "Borgermøde om Lokalplan 123",
            A.PUBLIC_MEETING,
            7,
            description=(
                "Planlæggerne fremlægger forslaget, og du kan stille spørgsmål og drøfte det med "
                "naboer og bygherre. Der er kaffe og kage."
            ),
            location=RADHUS,
            phase="hearing",
            feeds="tmu",
            **EVENING,
        ),
    ),
)

MALOV_BYPARK = ProcessData(
    title="Nye aktiviteter i Måløv Bypark",
    summary=(
        "Kultur- og Fritidsudvalget har afsat penge til nye aktiviteter i Måløv Bypark. Vi vil "
        "gerne høre, hvad du savner i parken — til leg, motion, ophold eller fællesskab."
    ),
    how_to_take_part=(
        "Kom med på byvandringen i parken, eller læg en idé i postkassen på Måløv Bibliotek. "
        "Alle idéer bliver læst og besvaret, uanset hvordan de kommer ind."
    ),
    centre=CKFI,
    responsible=CULTURE,
    status=S.OPEN,
    influence_level=InfluenceLevel.INVOLVE,
    proportionality=Proportionality.LIGHT,
    published=-14,
    districts=(MALOV,),
    target_groups=(T.CITIZENS, T.ASSOCIATIONS),
    esdh_reference="2026-007731",
    kle_number="04.01.00",
    planned_hours=60,
    used_hours=22,
    frame=(
        can("Hvilke nye aktiviteter der skal være i parken, fx udendørs fitness eller bålplads"),
        can("Hvor i parken de nye aktiviteter skal placeres"),
        fixed(
            "Der er 1,2 mio. kr. til projektet",
            "Beløbet er afsat i anlægsbudgettet, som Kommunalbestyrelsen har vedtaget.",
        ),
        fixed(
            "De store træer og søen bevares",
            "De er en del af parkens bevaringsværdige landskab og levested for fugle og flagermus.",
        ),
    ),
    phases=(
        PhaseData("ideas", "Idéindsamling", -10, 18),
        PhaseData("choice", "Udvælgelse af aktiviteter", 19, 60),
    ),
    milestones=(
        MilestoneData(
            "kfu", KFU, 60, "Beslutter, hvilke nye aktiviteter der anlægges i Måløv Bypark"
        ),
    ),
    activities=(
        ActivityData(
            "Idévæg: Hvad savner du i Måløv Bypark?",
            A.IDEAS,
            -10,
            28,
            description="Skriv din idé, og giv gerne et hjerte til andres idéer.",
            phase="ideas",
            feeds="kfu",
        ),
        ActivityData(
            "Byvandring i Måløv Bypark",
            A.SITE_WALK,
            8,
            description="Vi går en tur i parken og ser på de steder, hvor der er plads til nyt.",
            location="legepladsen i Måløv Bypark",
            phase="ideas",
            feeds="kfu",
            **AFTERNOON,
        ),
    ),
)

KOMMUNEPLAN_2027 = ProcessData(
    title="Kommuneplan 2027 — forslag",
    summary=(
        "Kommuneplanen er den samlede plan for, hvordan Ballerup Kommune skal udvikle sig de "
        "næste tolv år: hvor der skal bygges boliger og erhverv, hvor naturen skal beskyttes, og "
        "hvordan vi kommer rundt. Forslaget kommer i offentlig høring i otte uger."
    ),
    how_to_take_part=(
        "Når høringen åbner, kan du læse forslaget og sende dit høringssvar her på siden. Kom "
        "også til et af de tre borgermøder i Ballerup, Skovlunde og Måløv."
    ),
    centre=CMPB,
    responsible=PLANNER,
    status=S.PUBLISHED,
    influence_level=InfluenceLevel.CONSULT,
    proportionality=Proportionality.EXTENSIVE,
    published=-5,
    districts=(WHOLE,),
    target_groups=(
        T.CITIZENS,
        T.BUSINESSES,
        T.EMPLOYEES,
        T.COUNCILS,
        T.ASSOCIATIONS,
        T.AUTHORITIES,
    ),
    esdh_reference="2026-001208",
    kle_number="01.02.00",
    planned_hours=400,
    used_hours=120,
    frame=(
        can("Hvor der skal udlægges nye områder til boliger og erhverv"),
        can("Hvordan grønne områder og stier skal forbinde bydelene"),
        can("Retningslinjer for klimatilpasning og regnvand"),
        fixed(
            "Fingerplanens rammer for byudvikling i hovedstadsområdet",
            "Fingerplanen er et landsplandirektiv, som kommuneplanen skal følge.",
        ),
        fixed(
            "Planperioden er tolv år",
            "Planloven fastsætter, at kommuneplanen skal gælde for en periode på tolv år.",
        ),
    ),
    phases=(
        PhaseData(
            "hearing",
            "Offentlig høring",
            14,
            75,
            "Forslaget til Kommuneplan 2027 er i offentlig høring i otte uger.",
        ),
        PhaseData(
            "decision",
            "Høringsnotat og endelig vedtagelse",
            76,
            125,
        ),
    ),
    milestones=(
        MilestoneData(
            "proposal", KB, -12, "Vedtager forslaget til Kommuneplan 2027 til offentlig høring"
        ),
        MilestoneData("tmu", TMU, 112, "Behandler høringssvarene og indstiller kommuneplanen"),
        MilestoneData("ou", OU, 119, "Indstilling til Kommunalbestyrelsen"),
        MilestoneData("kb", KB, 126, "Endelig vedtagelse af Kommuneplan 2027"),
    ),
    activities=(
        ActivityData(
            "Offentlig høring af forslag til Kommuneplan 2027",
            A.HEARING,
            14,
            60,
            description="Læs forslaget, og send dit høringssvar inden fristen.",
            hearing_type=HearingType.PLAN_PROPOSAL,
            phase="hearing",
            feeds="tmu",
        ),
        ActivityData(
            "Borgermøde i Ballerup",
            A.PUBLIC_MEETING,
            21,
            location=RADHUS,
            phase="hearing",
            feeds="tmu",
            **EVENING,
        ),
        ActivityData(
            "Borgermøde i Skovlunde",
            A.PUBLIC_MEETING,
            28,
            location=SKOVLUNDE_KULTURHUS,
            phase="hearing",
            feeds="tmu",
            **EVENING,
        ),
        ActivityData(
            "Borgermøde i Måløv",
            A.PUBLIC_MEETING,
            35,
            location=MALOV_KULTURHUS,
            phase="hearing",
            feeds="tmu",
            **EVENING,
        ),
    ),
)

AELDREPOLITIK = ProcessData(
    title="Ny ældrepolitik",
    summary=(
        "Ældrepolitikken skal fornyes. Den nye politik sætter retningen for, hvordan kommunen "
        "støtter et godt og aktivt ældreliv — i eget hjem, på plejecentrene og i fællesskaber. "
        "Høringen er slut, og vi er ved at læse og besvare alle høringssvar."
    ),
    how_to_take_part=(
        "Høringen er afsluttet. På tidslinjen kan du se, hvornår politikerne behandler sagen."
    ),
    centre=CSS,
    responsible=ELDERLY,
    status=S.PROCESSING,
    influence_level=InfluenceLevel.INVOLVE,
    proportionality=Proportionality.STANDARD,
    published=-100,
    districts=(WHOLE,),
    target_groups=(T.CITIZENS, T.COUNCILS, T.EMPLOYEES, T.ASSOCIATIONS),
    esdh_reference="2026-002390",
    kle_number="27.00.00",
    planned_hours=150,
    used_hours=118,
    frame=(
        can("Hvilke temaer politikken skal prioritere, fx ensomhed, bevægelse og digitalisering"),
        can("Hvordan kommunen samarbejder med frivillige og foreninger"),
        fixed(
            "Politikken ændrer ikke serviceniveauet for hjemmehjælp",
            "Serviceniveauet fastsættes i kvalitetsstandarderne, som Social- og "
            "Sundhedsudvalget vedtager for sig.",
        ),
        fixed(
            "Den økonomiske ramme for ældreområdet",
            "Budgettet er vedtaget af Kommunalbestyrelsen i budgetaftalen.",
        ),
    ),
    phases=(
        PhaseData("dialogue", "Dialog om det gode ældreliv", -92, -60),
        PhaseData("hearing", "Høring af udkast til ældrepolitik", -35, -7),
        PhaseData("decision", "Høringsnotat og politisk behandling", -6, 36),
    ),
    milestones=(
        MilestoneData("draft", SSU, -42, "Godkender udkast til ældrepolitik til høring"),
        MilestoneData("ssu", SSU, 21, "Behandler høringssvarene og indstiller ældrepolitikken"),
        MilestoneData("ou", OU, 28, "Indstilling til Kommunalbestyrelsen"),
        MilestoneData("kb", KB, 35, "Vedtager den nye ældrepolitik"),
    ),
    activities=(
        ActivityData(
            "Spørgeskema: Hvad er et godt ældreliv for dig?",
            A.SURVEY,
            -92,
            21,
            description="Spørgeskemaet kunne også udfyldes på papir i seniorcentrene.",
            phase="dialogue",
            feeds="draft",
        ),
        ActivityData(
            "Workshop om det gode ældreliv",
            A.WORKSHOP,
            -70,
            description="Borgere, pårørende, frivillige og medarbejdere fra hjemmeplejen.",
            location=RADHUS,
            phase="dialogue",
            feeds="draft",
            **LATE_AFTERNOON,
        ),
        ActivityData(
            "Dialogmøde med Seniorrådet og Handicaprådet",
            A.DIALOGUE,
            -64,
            location=RADHUS_MEETING_ROOM,
            phase="dialogue",
            feeds="draft",
            **MORNING,
        ),
        ActivityData(
            "Høring af udkast til ældrepolitik",
            A.HEARING,
            -35,
            28,
            description="Seniorrådet, Handicaprådet og alle borgere kunne sende høringssvar.",
            phase="hearing",
            feeds="ssu",
        ),
    ),
)

SKOLESTRUKTUR = ProcessData(
    title="Skolestruktur i Skovlunde",
    summary=(
        "Der bliver færre børn i Skovlunde i de kommende år. Vi skal derfor se på, hvordan "
        "skolerne i bydelen bedst kan give alle børn en god skolegang. Vi vil gerne udvikle "
        "mulighederne sammen med forældre, elever og medarbejdere, før politikerne drøfter dem."
    ),
    how_to_take_part=(
        "Kom til borgermødet på Skovlunde Skole, eller deltag i en workshop gennem din "
        "skolebestyrelse. Eleverne inddrages gennem elevrådene."
    ),
    centre=CSU,
    responsible=SCHOOL,
    status=S.OPEN,
    influence_level=InfluenceLevel.INVOLVE,
    proportionality=Proportionality.STANDARD,
    published=-45,
    districts=(SKOVLUNDE,),
    target_groups=(T.CITIZENS, T.BOARDS, T.EMPLOYEES, T.COUNCILS),
    esdh_reference="2026-005067",
    kle_number="17.01.00",
    planned_hours=180,
    used_hours=64,
    frame=(
        can("Hvordan skoledistrikterne i Skovlunde afgrænses"),
        can("Hvordan en eventuel overgang for eleverne tilrettelægges"),
        can("Hvordan skolernes bygninger bruges til fritidsliv om eftermiddagen"),
        fixed(
            "Befolkningsprognosen for Skovlunde",
            "Alle scenarier skal bygge på kommunens officielle prognose for antallet af "
            "børn. Vi forklarer gerne tallene.",
        ),
        fixed(
            "Den økonomiske ramme for skoleområdet",
            "Budgettet er vedtaget af Kommunalbestyrelsen, og en ny struktur skal holdes "
            "inden for det.",
        ),
    ),
    phases=(
        PhaseData("ideas", "Idéfase", -40, -20),
        PhaseData("dialogue", "Dialog om scenarier", -10, 20),
        PhaseData("decision", "Politisk drøftelse", 21, 77),
    ),
    milestones=(
        MilestoneData("bsu", BSU, 49, "Drøfter scenarierne for skolestrukturen i Skovlunde"),
        MilestoneData("kb", KB, 77, "Beslutter, hvilket scenarie der sendes i høring"),
    ),
    activities=(
        ActivityData(
            "Idéindsamling: Hvad kendetegner en god skole i Skovlunde?",
            A.IDEAS,
            -40,
            14,
            phase="ideas",
            feeds="bsu",
        ),
        ActivityData(
            "Spørgeskema om tre mulige scenarier",
            A.SURVEY,
            -8,
            24,
            description="Til forældre, elever i udskolingen og medarbejdere på skolerne.",
            phase="dialogue",
            feeds="bsu",
        ),
        ActivityData(
            "Workshop med skolebestyrelserne",
            A.WORKSHOP,
            -5,
            location="Skovlunde Skole, personalerummet",
            phase="dialogue",
            feeds="bsu",
            **LATE_AFTERNOON,
        ),
        ActivityData(
            "Dialogmøde med elevrådene",
            A.DIALOGUE,
            6,
            location="Skovlunde Skole, biblioteket",
            phase="dialogue",
            feeds="bsu",
            **MORNING,
        ),
        ActivityData(
            "Borgermøde om skolerne i Skovlunde",
            A.PUBLIC_MEETING,
            14,
            location="Skovlunde Skole, aulaen",
            phase="dialogue",
            feeds="bsu",
            **EVENING,
        ),
    ),
)

TRAFIKSIKKERHED = ProcessData(
    title="Trafiksikkerhedsplan 2026-2030",
    summary=(
        "Trafiksikkerhedsplanen beskriver, hvor og hvordan kommunen gør vejene mere sikre, især "
        "for børn på vej til skole. Planen bygger på borgernes egne erfaringer med utrygge steder "
        "i trafikken og er nu vedtaget."
    ),
    how_to_take_part=(
        "Planen er vedtaget. Tidslinjen viser, hvordan forløbet gik, og hvornår planen blev "
        "vedtaget."
    ),
    centre=CMPB,
    responsible=PLANNER,
    status=S.DECIDED,
    influence_level=InfluenceLevel.INVOLVE,
    proportionality=Proportionality.STANDARD,
    published=-207,
    districts=(WHOLE,),
    target_groups=(T.CITIZENS, T.BOARDS, T.EMPLOYEES, T.AUTHORITIES, T.ASSOCIATIONS),
    esdh_reference="2025-019874",
    kle_number="05.01.00",
    planned_hours=160,
    used_hours=151,
    frame=(
        can("Hvilke steder i trafikken der skal prioriteres først"),
        can("Hvilke løsninger der passer til de enkelte skoleveje"),
        fixed(
            "Statens veje er ikke en del af planen",
            "Vejdirektoratet er vejmyndighed for motorvejene og statsvejene, ikke kommunen.",
        ),
    ),
    phases=(
        PhaseData("ideas", "Kortlægning af utrygge steder", -200, -150),
        PhaseData("hearing", "Høring af udkast til planen", -110, -82),
        PhaseData("decision", "Politisk behandling", -81, -46),
    ),
    milestones=(
        MilestoneData("draft", TMU, -130, "Godkender udkast til trafiksikkerhedsplan til høring"),
        MilestoneData("tmu", TMU, -60, "Indstiller trafiksikkerhedsplanen til vedtagelse"),
        MilestoneData("ou", OU, -53, "Indstilling til Kommunalbestyrelsen"),
        MilestoneData("kb", KB, -46, "Vedtog Trafiksikkerhedsplan 2026-2030"),
    ),
    activities=(
        ActivityData(
            "Spørgeskema: Hvor er du utryg i trafikken?",
            A.SURVEY,
            -200,
            28,
            phase="ideas",
            feeds="draft",
        ),
        ActivityData(
            "Dialogmøde med skolebestyrelserne",
            A.DIALOGUE,
            -165,
            location=RADHUS_MEETING_ROOM,
            phase="ideas",
            feeds="draft",
            **LATE_AFTERNOON,
        ),
        ActivityData(
            "Byvandring på skolevejene i Skovlunde",
            A.SITE_WALK,
            -155,
            location="Skovlunde Skole",
            phase="ideas",
            feeds="draft",
            **AFTERNOON,
        ),
        ActivityData(
            "Høring af udkast til trafiksikkerhedsplan",
            A.HEARING,
            -110,
            28,
            phase="hearing",
            feeds="tmu",
        ),
    ),
)

LOKALPLAN_118 = ProcessData(
    title="Lokalplan 118 for ny daginstitution i Måløv Nord",
    summary=(
        "Lokalplanen gav mulighed for at bygge en ny daginstitution med plads til 120 børn i "
        "Måløv Nord. Planen er vedtaget, og institutionen er under opførelse."
    ),
    centre=CMPB,
    responsible=PLANNER,
    status=S.CLOSED,
    influence_level=InfluenceLevel.CONSULT,
    proportionality=Proportionality.STANDARD,
    published=-310,
    districts=(MALOV,),
    target_groups=(T.CITIZENS, T.BOARDS, T.EMPLOYEES),
    esdh_reference="2025-011402",
    kle_number="01.02.05",
    planned_hours=80,
    used_hours=92,
    frame=(
        can("Placeringen af bygningen og legepladsen på grunden"),
        can("Trafikken til og fra institutionen, herunder afsætningspladser"),
        fixed(
            "Grunden bruges til daginstitution",
            "Kommunalbestyrelsen har besluttet at bygge en ny institution i Måløv Nord for "
            "at skaffe pladser nok til bydelens børn.",
        ),
    ),
    milestones=(
        MilestoneData("tmu", TMU, -250, "Indstiller Lokalplan 118 til endelig vedtagelse"),
        MilestoneData("ou", OU, -243, "Indstilling til Kommunalbestyrelsen"),
        MilestoneData("kb", KB, -236, "Vedtog Lokalplan 118 endeligt"),
    ),
    activities=(
        ActivityData(
            "Dialogmøde med naboerne",
            A.DIALOGUE,
            -300,
            location=MALOV_KULTURHUS,
            feeds="tmu",
            **EVENING,
        ),
        ActivityData(
            "Offentlig høring af forslag til Lokalplan 118",
            A.HEARING,
            -303,
            21,
            hearing_type=HearingType.MINOR_LOCAL_PLAN,
            feeds="tmu",
        ),
    ),
)

IDRAETSBY = ProcessData(
    title="Udvidelse af Ballerup Idrætsby",
    summary=(
        "Idrætsbyen skal udvides med nye udendørs baner og et klubhus. Forslaget er under "
        "udarbejdelse og er endnu ikke offentliggjort."
    ),
    centre=CKFI,
    responsible=PLANNER,
    status=S.DRAFT,
    influence_level=InfluenceLevel.CONSULT,
    proportionality=Proportionality.STANDARD,
    districts=(BALLERUP,),
    target_groups=(T.ASSOCIATIONS, T.CITIZENS, T.EMPLOYEES),
    esdh_reference="2026-009015",
    kle_number="01.02.05",
    planned_hours=120,
    frame=(
        can("Indretningen af de nye udendørs baner"),
        fixed(
            "Der bygges ikke en ny svømmehal",
            "Kommunalbestyrelsen har prioriteret svømmehallen i Skovlunde i budget 2027.",
        ),
    ),
    phases=(PhaseData("hearing", "Offentlig høring", 35, 56),),
    milestones=(
        MilestoneData("kfu", KFU, 90, "Indstiller lokalplanen for Idrætsbyen til vedtagelse"),
        MilestoneData("kb", KB, 105, "Endelig vedtagelse af lokalplanen for Idrætsbyen"),
    ),
    activities=(
        ActivityData(
            "Workshop med idrætsforeningerne",
            A.WORKSHOP,
            21,
            location="Ballerup Idrætsby, mødelokalet i hallen",
            feeds="kfu",
            **LATE_AFTERNOON,
        ),
        # Deliberately too short: a local plan needs at least four weeks.
        ActivityData(
            "Offentlig høring af lokalplanforslag for Idrætsbyen",
            A.HEARING,
            35,
            21,
            hearing_type=HearingType.LOCAL_PLAN,
            phase="hearing",
            feeds="kfu",
        ),
    ),
    should_fail_checks=True,
)

# --- In the previous half of the election period -------------------------------------------------
# Seeded with the last day of the previous half as "today" (seed_demo), so the finished
# evaluation round of that half has projects behind its figures whatever day the demo is seeded.

CYKELSTIER = ProcessData(
    title="Cykelstiplan for Ballerup Kommune",
    summary=(
        "Cykelstiplanen prioriterede, hvilke nye cykelstier og supercykelstier kommunen bygger "
        "de næste ti år. Borgerne pegede på de strækninger, hvor de mangler en sikker sti."
    ),
    centre=CMPB,
    responsible=PLANNER,
    status=S.CLOSED,
    influence_level=InfluenceLevel.INVOLVE,
    proportionality=Proportionality.STANDARD,
    published=-190,
    districts=(WHOLE,),
    target_groups=(T.CITIZENS, T.ASSOCIATIONS, T.EMPLOYEES),
    esdh_reference="2025-004411",
    kle_number="05.01.00",
    planned_hours=110,
    used_hours=124,
    frame=(
        can("Rækkefølgen af de nye cykelstier"),
        can("Hvor cykelparkering ved stationerne skal ligge"),
        fixed(
            "Budgettet er 40 mio. kr. over ti år",
            "Kommunalbestyrelsen har afsat beløbet i investeringsoversigten i budget 2025.",
        ),
    ),
    milestones=(
        MilestoneData("tmu", TMU, -60, "Indstiller cykelstiplanen til vedtagelse"),
        MilestoneData("kb", KB, -45, "Vedtog cykelstiplanen"),
    ),
    activities=(
        ActivityData(
            "Kortlægning: Hvor mangler du en cykelsti?",
            A.SURVEY,
            -180,
            35,
            feeds="tmu",
        ),
        ActivityData(
            "Høring af forslag til cykelstiplan",
            A.HEARING,
            -120,
            28,
            feeds="tmu",
        ),
    ),
)

SFO_TIDER = ProcessData(
    title="Nye åbningstider i SFO",
    summary=(
        "Børne- og Skoleudvalget ændrede SFO'ernes åbningstider fra skoleåret 2025/26. "
        "Forældre, skolebestyrelser og medarbejdere blev hørt om, hvordan tiderne passer til "
        "familiernes hverdag."
    ),
    centre=CSU,
    responsible=SCHOOL,
    status=S.CLOSED,
    influence_level=InfluenceLevel.CONSULT,
    proportionality=Proportionality.LIGHT,
    published=-150,
    districts=(WHOLE,),
    target_groups=(T.CITIZENS, T.BOARDS, T.EMPLOYEES),
    esdh_reference="2025-007730",
    kle_number="17.02.00",
    planned_hours=40,
    used_hours=38,
    frame=(
        can("Om SFO'en åbner kl. 6.30 eller kl. 7.00"),
        can("Lukketiden om fredagen"),
        fixed(
            "Det samlede antal åbne timer om ugen",
            "Budgettet til SFO er fastlagt i budget 2025 og svarer til det nuværende antal timer.",
        ),
    ),
    milestones=(MilestoneData("bsu", BSU, -90, "Besluttede de nye åbningstider"),),
    activities=(
        ActivityData(
            "Høring af skolebestyrelser og forældre",
            A.HEARING,
            -140,
            28,
            feeds="bsu",
        ),
    ),
)

PREVIOUS_HALF_PROCESSES: tuple[ProcessData, ...] = (CYKELSTIER, SFO_TIDER)

PROCESSES: tuple[ProcessData, ...] = (
    LOKALPLAN_123,
    MALOV_BYPARK,
    SKOLESTRUKTUR,
    KOMMUNEPLAN_2027,
    AELDREPOLITIK,
    TRAFIKSIKKERHED,
    LOKALPLAN_118,
    IDRAETSBY,
)
