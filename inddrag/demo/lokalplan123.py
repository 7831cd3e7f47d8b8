"""The open Lokalplan 123 hearing's demo responses: about 300 contributions for the analysis.

Everything here is invented for the demo and written for this purpose; no real person's text.
Names are common Danish first names and surnames put together, e-mail addresses use the reserved
``example`` domains (example.com/.net and the .example top-level domain).

What the hearing holds, besides the six hand-made contributions in ``contributions.DEMO``:

- ``LETTERS``: responses written one by one, under seven topics that fit the plan (height and
  shadow, traffic and parking, the path to the station, green areas and the playground, railway
  noise, schools and institutions, the station square) and a few that are about something else.
  Short outbursts, questions, long letters from associations, for and against, spelling mistakes,
  text without æøå or with "aa", all caps, emoji, two in English. A few contain a phone number or
  an address, so screening has something to flag; three were sent twice (identical).
- ``TREES``: a campaign — the form letter of "Bevar Stationsvej" against the 5 storeys and for
  the old lime trees — sent by ``TREES.copies`` signers, each copy varied the way real copies
  vary (greeting, closing, signature, a personal sentence, a sentence dropped or reworded,
  paragraphs joined, typos, a copy without æøå).
- ``BIKES``: a smaller campaign from the cyclists' local branch for a wide, lit path.
- ``TURNED``: letters that reuse the tree campaign's wording but argue for the plan; they are
  not part of the campaign.

``responses(start, now)`` turns them into ``Response`` rows with received times spread over the
hearing so far (more in the latest days, the campaign in a wave), the same on every run.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field

BALLERUP, SKOVLUNDE, MALOV, WHOLE = "Ballerup", "Skovlunde", "Måløv", ""


@dataclass(frozen=True)
class Letter:
    text: str
    name: str = ""  # empty: a name is made up from FIRST_NAMES and SURNAMES
    age_band: str = ""
    district: str = BALLERUP
    speaking_as: str = "private"
    on_behalf_of: str = ""
    consent: str = "name"
    source: str = "online"  # "letter" and "email" are registered by staff
    twice: bool = False  # the sender sent the very same text twice
    # Screening finds a phone number or an address in it: staff have not looked yet.
    flagged: bool = False


@dataclass(frozen=True)
class Response:
    """One contribution as seed_contributions submits it."""

    text: str
    name: str
    email: str
    district: str
    age_band: str
    speaking_as: str
    on_behalf_of: str
    consent: str
    source: str
    received_at: datetime.datetime
    reviewed: bool  # staff have reviewed it, so it is published (unanswered)
    campaign: str = ""  # "trees" or "bikes" for a campaign copy


L = Letter

# --- Letters written one by one, by topic --------------------------------------------------------

HEIGHT = (
    L("Hvem har bestemt at det skal være 5 etager? Det har ingen spurgt os om.", age_band="65-79"),
    L(
        "Fint projekt. Men lad være med at gøre taget fladt på alle blokkene, saddeltag ville "
        "passe bedre til kvarteret.",
        age_band="50-64",
    ),
    L("Jeg støtter planen. Ballerup skal udvikle sig.", age_band="30-49", district=MALOV),
    L(
        "For tæt byggeri giver mørke gårde. Jeg har selv boet i sådan en gård på Nørrebro, og "
        "solen kom aldrig ned til bunden.",
        age_band="30-49",
    ),
    L("4 etager mod Stationsvej er 2 for meget", age_band="50-64"),
    L(
        "Vi er naboer og har faktisk ikke noget imod højden. Vi er mere bekymrede for, hvor "
        "lang tid byggeriet kommer til at tage.",
        age_band="30-49",
    ),
    L(
        "Jeg har regnet på det: med 180 boliger på 1,6 ha bliver bebyggelsesprocenten langt "
        "over resten af kvarteret. Skriv den i planen, så vi kan se den.",
        age_band="65-79",
    ),
    L("NEJ NEJ NEJ", consent="anonymous", age_band="65-79"),
    L(
        "hvorfor skal vi altid lide for at københavnerne skal have et sted at bo. byg dog i herlev",
        age_band="50-64",
    ),
    L(
        "Skyggen fra blok C rammer ifølge diagrammet vores carport og halvdelen af haven i marts. "
        "Det er ikke acceptabelt.",
        age_band="50-64",
    ),
    L(
        "Jeg kan godt lide, at den høje del ligger mod banen. Det skærmer også for larmen.",
        age_band="30-49",
    ),
    L(
        "Tænk på vinden! Høje huse giver træk og vindtunneller ved stationen, det kender alle "
        "fra Ballerup Centret.",
        age_band="65-79",
    ),
    L("Nej tak til 5 etager!!", age_band="50-64"),
    L("5 etager er alt for højt til Ballerup. Vi er ikke København.", age_band="65-79"),
    L(
        "Fem etager ud mod pladsen er OK, det er jo ved en station. Men mod rækkehusene bør "
        "det være 2-3 etager, ikke 4.",
        age_band="30-49",
    ),
    L(
        "Jeg bor i rækkehusene på den anden side af Stationsvej. Skyggediagrammerne i bilaget "
        "viser kun kl. 12 og kl. 15 ved jævndøgn. Hvad med kl. 17 om sommeren, hvor vi faktisk "
        "sidder i haven? Jeg vil gerne se diagrammer for hele dagen.",
        age_band="50-64",
    ),
    L("Hvor høj er en etage egentlig i meter? Står det nogen steder?", age_band="18-29"),
    L(
        "Jeg synes det er fint med høje huse tæt på stationen. Så skal man ikke bygge på de "
        "grønne marker i stedet.",
        age_band="18-29",
    ),
    L(
        "Tæthed ved stationer er god klimapolitik. Byg gerne de 5 etager, og giv flere af "
        "os unge en chance for at bo i Ballerup.",
        age_band="18-29",
        district=SKOVLUNDE,
    ),
    L("for højt. for tæt. for grimt.", consent="anonymous"),
    L(
        "Vi kommer til at kunne kigge direkte ind i hinandens stuer. Altanerne på 4. sal mod "
        "Stationsvej skal fjernes fra planen, ellers er der ingen privatliv tilbage i vores haver.",
        age_band="65-79",
    ),
    L(
        "Jeg er bekymret for indbliksgener fra altanerne. Kan man stille krav om, at altanerne "
        "vender mod syd og ikke mod os?",
        age_band="50-64",
    ),
    L(
        "Det er rigtig godt at der kommer boliger i stedet for de tomme lagerhaller. Grunden "
        "har været et skummelt sted i mange år.",
        age_band="30-49",
    ),
    L(
        "hvorfor skal alt bygges så tæt nu om dage? 180 boliger på så lille en grund, det bliver "
        "en betonørken",
        age_band="65-79",
    ),
    L(
        "Jeg forstår ikke, hvorfor højden ikke kan ændres. Den står jo bare i kommuneplanen, som "
        "I selv har skrevet. Så lav et tillæg.",
        age_band="50-64",
        twice=True,
    ),
    L(
        "Høringssvar fra Grundejerforeningen Stationsvej\n\n"
        "Grundejerforeningen repræsenterer 64 husstande i rækkehusene og villaerne på "
        "Stationsvej og Lindevej. Vi har drøftet forslaget på et ekstraordinært medlemsmøde, "
        "hvor 41 husstande deltog.\n\n"
        "1. Højde. Vi anerkender, at kommuneplanen giver mulighed for 5 etager. Vi beder om, "
        "at delområde II mod Stationsvej begrænses til 3 etager, og at 4. etage trækkes mindst "
        "3 meter tilbage fra facaden.\n\n"
        "2. Skygge. Skyggediagrammerne bør suppleres med sommeraftener. Flere af vores medlemmer "
        "har kun haven mod nordvest.\n\n"
        "3. Trafik. Al biltrafik til området kommer ad Stationsvej. Vi ønsker en vurdering af "
        "trafikken i myldretiden og en hastighedsdæmpning ud for nr. 2-20.\n\n"
        "4. Træerne. Lindetræerne langs Stationsvej er en del af vejens karakter. Formuleringen "
        "'hvor det er muligt' er for svag.\n\n"
        "Vi står gerne til rådighed for et møde.\n\n"
        "Med venlig hilsen\nBestyrelsen, Grundejerforeningen Stationsvej\nv/ Henrik Dahl, formand",
        name="Henrik Dahl",
        age_band="65-79",
        speaking_as="association",
        on_behalf_of="Grundejerforeningen Stationsvej",
        source="email",
    ),
    L("Skygge på vores terrasse fra kl 16. Tak for ingenting.", age_band="50-64"),
    L(
        "Kan I garantere, at vi ikke får mere skygge end i dag? Den gamle lagerhal er jo kun "
        "8 meter høj.",
        age_band="65-79",
    ),
    L(
        "Jeg synes ikke højden er problemet, men at alle blokkene ligner hinanden. Variér "
        "højderne, så det ikke bliver en mur.",
        age_band="30-49",
    ),
    L("NEJ TIL HØJHUSE I BALLERUP. VI VIL IKKE HAVE ET NYT ØRESTAD.", age_band="65-79"),
    L(
        "Jeg gør indsigelse mod lokalplanens højde. Vores hus bliver mindre værd, når der står "
        "en 5-etagers blok 30 meter fra haven. Hvem erstatter det tab?",
        age_band="50-64",
    ),
    L("Byg lavere og bredere i stedet for. Der er plads nok på grunden.", age_band="65-79"),
    L(
        "Det er fint nok med 180 boliger, men så må I skære ned på noget andet, fx de 5 etager "
        "mod pladsen. 4 er rigeligt",
        age_band="30-49",
    ),
    L(
        "Hej. Jeg har læst forslaget og synes generelt det er godt. Det eneste er hjørnet ved "
        "Lindevej, hvor 4 etager kommer meget tæt på. Kan den blok rykkes bare 10 meter?",
        age_band="30-49",
    ),
    L(
        "Hvorfor er der ikke lavet en 3D model man kan se? Det er svært at forestille sig 5 "
        "etager ud fra en tegning ovenfra.",
        age_band="18-29",
    ),
    L("Fem etager? Seriøst? 😡", age_band="30-49"),
    L(
        "Jeg har boet på Lindevej i 38 aar og har aldrig set noget saa stort planlagt i vores "
        "kvarter. Det er ikke den by jeg flyttede til.",
        age_band="80+",
        source="letter",
    ),
    L(
        "vi er imod højden, men for boligerne. Bare så det er sagt, vi er ikke bare nogen der "
        "brokker os.",
        age_band="30-49",
    ),
    L(
        "Skyggen fra byggeriet vil ramme solcellerne på vores tag om eftermiddagen. Er det "
        "undersøgt?",
        age_band="50-64",
    ),
    L(
        "Good plan. Denser housing next to the station makes sense, and Ballerup needs smaller "
        "flats for young people and seniors. Please don't cut the number of homes.",
        name="Daniel Moore",
        age_band="30-49",
        consent="anonymous",
    ),
)

TRAFFIC = (
    L("Flere p-pladser!!!", age_band="50-64", district=SKOVLUNDE),
    L(
        "Hvor skal flyttebiler og håndværkere holde når alle p-pladser er under jorden?",
        age_band="30-49",
    ),
    L(
        "Lav en kiss-and-ride ved stationen, så folk ikke holder i anden række på pladsen når "
        "de henter.",
        age_band="30-49",
    ),
    L(
        "Jeg synes man skal gøre hele området bilfrit. Det ligger ved en station!",
        age_band="18-29",
    ),
    L(
        "Parkeringen bliver et problem. Det bliver den altid. Jeg har set det ved alle nye "
        "byggerier i kommunen.",
        age_band="65-79",
    ),
    L(
        "Der mangler fortov på Stationsvejs østside. Med 180 nye husstande kommer der mange "
        "flere gående.",
        age_band="50-64",
    ),
    L("Hvor mange ekstra biler kommer der på Stationsvej om dagen?", age_band="30-49"),
    L(
        "Spørgsmål: bliver parkeringen gratis for beboerne eller skal man betale? Hvis man "
        "skal betale, holder folk på vejen i stedet.",
        age_band="30-49",
    ),
    L(
        "0,5 p-plads pr bolig er helt urealistisk. Folk har biler, også når de bor ved en "
        "station. De kommer til at holde på vores vej.",
        age_band="50-64",
    ),
    L("Hvor skal gæsterne parkere?", age_band="65-79"),
    L(
        "Stationsvej kan ikke klare 180 boligers trafik oven i pendlerne. Om morgenen holder vi "
        "allerede i kø fra rundkørslen.",
        age_band="30-49",
    ),
    L(
        "Super at der er delebiler med i planen. Sæt gerne flere pladser af til dem og færre "
        "til private biler.",
        age_band="30-49",
    ),
    L(
        "Indfør beboerparkering på Stationsvej og Lindevej før byggeriet går i gang, ellers "
        "bliver det pendlerparkering for hele Ballerup.",
        age_band="50-64",
        twice=True,
    ),
    L(
        "Parkeringsnormen er for lav. I Ballerup har de fleste familier 1-2 biler. Sæt den til "
        "1 plads pr bolig.",
        age_band="50-64",
        district=MALOV,
    ),
    L("Lav en p-kælder! Så er problemet løst.", age_band="30-49"),
    L(
        "Jeg er glad for den lave parkeringsnorm. Vi har ikke bil og vil gerne bo et sted, hvor "
        "gården ikke er en parkeringsplads.",
        age_band="18-29",
    ),
    L(
        "Hvordan kommer lastbilerne ind under byggeriet? Hvis det er ad Stationsvej, skal der "
        "være en plan for skolebørnene, der går der hver morgen.",
        age_band="30-49",
    ),
    L(
        "Jeg bor på Stationsvej 18 og har i forvejen svært ved at komme ud af min indkørsel om "
        "morgenen. Ring gerne, hvis I vil se det: 41 52 63 74.",
        age_band="65-79",
        flagged=True,
    ),
    L("hvad med hastigheden på stationsvej? den er allerede for høj. bump tak", age_band="30-49"),
    L(
        "Der skal være en vendeplads til taxier og flextrafik tæt på indgangene. Mange ældre "
        "kommer ikke med toget.",
        age_band="80+",
    ),
    L(
        "Det bliver kaos ved Banegårdspladsen når der også skal køres ind til 180 boliger. "
        "Busserne holder der jo.",
        age_band="50-64",
    ),
    L(
        "Parkering: Hvis normen er 0,5, så skal I også sikre, at beboerne ikke kan få "
        "parkeringstilladelse på de omkringliggende veje. Ellers flytter problemet bare.",
        age_band="30-49",
    ),
    L("Parkeringen er det vigtigste for os. Resten er fint.", age_band="65-79"),
    L(
        "Jeg savner en trafiktælling i materialet. Hvad bygger tallet '300 ture i døgnet' på?",
        age_band="50-64",
    ),
    L(
        "Husk ladestandere til elbiler på alle p-pladser, ikke kun nogle af dem.",
        age_band="30-49",
        district=SKOVLUNDE,
    ),
    L(
        "Vejadgangen bør komme fra Banegårdspladsen og ikke fra Stationsvej, som er en smal "
        "villavej.",
        age_band="50-64",
    ),
    L("BILER BILER BILER. Hvor skal de holde????", age_band="50-64"),
    L(
        "Kan man lave ensretning på Stationsvej? Så kører pendlerne ikke den vej for at slippe "
        "for lyskrydset.",
        age_band="30-49",
    ),
    L(
        "Kære kommune. Min mand er gangbesværet, og vi er afhængige af at kunne holde tæt på "
        "døren. Husk handicapparkering ved hver opgang.",
        age_band="65-79",
        source="letter",
    ),
    L(
        "Jeg vil bare sige at parkeringen ved stationen i forvejen er fuld kl 8. Nye beboere "
        "kommer til at tage pendlernes pladser, og så kører pendlerne i bil til København i "
        "stedet. Det er vel ikke meningen?",
        age_band="30-49",
        district=MALOV,
    ),
)

PATH = (
    L("Sti og cykler: godt. Resten: skidt.", age_band="50-64"),
    L(
        "Stien bør få en ordentlig belysning, der ikke lyser ind i soveværelserne. Brug "
        "nedadrettet lys.",
        age_band="50-64",
    ),
    L(
        "Kan man få en elevator eller rampe fra stien op til perronen? Trapperne er umulige "
        "med barnevogn.",
        age_band="30-49",
    ),
    L("Gør stien bred nok til ladcykler. Mindst 4 m.", age_band="30-49"),
    L(
        "Stien ender blindt ved Centret. Forbind den til Bymidten hele vejen, ellers bruger "
        "ingen den.",
        age_band="18-29",
    ),
    L(
        "Som cykelpendler: tak! Men husk at der skal kunne cykles uden at stå af ved hver "
        "bom og trappe.",
        age_band="30-49",
        district=SKOVLUNDE,
    ),
    L(
        "Den nye sti til stationen er det bedste ved planen. Byg den først, før husene.",
        age_band="30-49",
    ),
    L(
        "Stien skal være adskilt, så cyklister og gående ikke støder sammen. 3 meter er for "
        "smalt til begge dele.",
        age_band="30-49",
    ),
    L("Bliver stien åben om natten? Og er den oplyst?", age_band="18-29"),
    L(
        "Jeg cykler hver dag fra Måløv til stationen. Forbind stien med cykelstien på "
        "Ballerup Byvej, så slipper vi for at krydse pladsen mellem busserne.",
        age_band="30-49",
        district=MALOV,
    ),
    L(
        "Stien må ikke blive et mørkt hjørne, hvor unge hænger ud om aftenen. Lys og udsyn, tak.",
        age_band="65-79",
    ),
    L(
        "Jeg går med rollator. Stien skal være uden trapper og have bænke undervejs.",
        age_band="80+",
    ),
    L("stien er en god ide 👍", age_band="18-29"),
    L(
        "Kan stien føres helt ind til perronen i den nordlige ende? Det vil spare 5 minutter "
        "for alle nord for banen.",
        age_band="50-64",
    ),
    L(
        "Der skal være cykelparkering ved begge ender af stien, ikke kun ved stationen.",
        age_band="30-49",
    ),
    L(
        "Hvorfor skal stien gå igennem vores grønne område? Læg den langs jernbanen i stedet.",
        age_band="50-64",
    ),
    L(
        "Cykelparkering ved stationen er altid fyldt op med gamle cykler. Husk at planlægge "
        "oprydning.",
        age_band="50-64",
    ),
    L(
        "Stien til Bymidten bør være belagt med asfalt og ikke grus. Grus er umuligt med "
        "barnevogn og kørestol.",
        age_band="30-49",
    ),
    L("Tak for stien. Den har vi ønsket os i 20 år.", age_band="65-79"),
)

GREEN = (
    L("En skøjtebane om vinteren på det grønne område?", age_band="u18"),
    L(
        "Grønne tage på alle bygninger, tak. Det er godt for regnvand og for fugle.",
        age_band="30-49",
    ),
    L(
        "Legepladsen skal være åben for alle, ikke kun beboerne. Ingen hegn og låger.",
        age_band="30-49",
    ),
    L("Mere grønt, mindre beton 🌳🌳🌳", age_band="18-29"),
    L(
        "Der er et gammelt pæretræ midt på grunden ved den gamle port. Kan det ikke blive "
        "stående i den nye gård?",
        age_band="65-79",
    ),
    L(
        "Legeplads med vand! Børn elsker at lege med vand, og det kan kobles med regnvandet.",
        age_band="30-49",
    ),
    L("Hvor stor bliver legepladsen i m2?", age_band="30-49", district=MALOV),
    L(
        "Legepladsen skal være for større børn også. Der er masser af små gynger i Ballerup, "
        "men intet for de 10-14 årige.",
        age_band="30-49",
    ),
    L(
        "30 procent grønt lyder af meget, men hvor meget af det er græsplæne ovenpå en "
        "p-kælder? Det er ikke rigtig natur.",
        age_band="50-64",
    ),
    L("Plant frugttræer! 🍎🍐", age_band="18-29"),
    L(
        "Lav en fælles køkkenhave for beboerne og naboerne. Det skaber fællesskab mellem de nye "
        "og os der bor her i forvejen.",
        age_band="30-49",
    ),
    L(
        "Legepladsen bør ligge væk fra jernbanen og støjskærmen. Ingen børn skal lege 20 meter "
        "fra godstog.",
        age_band="30-49",
    ),
    L(
        "Hvem skal vedligeholde de grønne områder? Kommunen eller boligselskabet? Det skal stå i "
        "planen, ellers forfalder det.",
        age_band="65-79",
    ),
    L(
        "Regnvandet skal blive på grunden. Lav regnbede og en lille sø i stedet for at lede det "
        "i kloakken.",
        age_band="50-64",
        district=SKOVLUNDE,
    ),
    L("Flere bænke. Og skraldespande.", age_band="65-79"),
    L(
        "Det ville være dejligt med en hundeskov eller bare et indhegnet område til hunde. Der "
        "er mange hunde i kvarteret.",
        age_band="50-64",
    ),
    L(
        "Legeplads ja, men ikke lige op ad vores hæk. Børnelarm fra morgen til aften er ikke "
        "det vi købte hus for.",
        age_band="65-79",
    ),
    L("Vildeng i stedet for græsplæne, tak. For bierne.", age_band="30-49"),
    L(
        "Høringssvar fra Ballerup Naturfredningsforenings lokalgruppe om biodiversitet\n\n"
        "Vi foreslår, at mindst halvdelen af de grønne arealer anlægges som vild natur med "
        "hjemmehørende arter, at der opsættes redekasser til mursejlere og flagermus på "
        "facaderne, og at der ikke bruges sprøjtemidler. Vi foreslår også, at støjskærmen "
        "beplantes med klatreplanter på begge sider.",
        name="Ulla Vinther",
        age_band="65-79",
        speaking_as="association",
        on_behalf_of="Ballerup Naturfredningsforening, lokalgruppen",
        source="email",
    ),
    L(
        "I need a place to play basketball near the station. Could the new green area have a "
        "small court?",
        name="Adam Novak",
        age_band="u18",
    ),
    L("Jeg er 12 år. Vi vil have en svævebane!", age_band="u18", consent="anonymous"),
    L(
        "Legepladsen skal have skygge. De nye legepladser i kommunen er bare sand og sol, og "
        "om sommeren kan man ikke være der.",
        age_band="30-49",
    ),
    L(
        "der skal vaere plads til at spille bold. ikke kun smaa legeredskaber",
        age_band="u18",
    ),
    L(
        "Tænk på de ældre: bænke med ryglæn og armlæn, og et toilet i nærheden.",
        age_band="80+",
    ),
)

NOISE = (
    L(
        "Jeg arbejder som lokomotivfører. Godstogene kører om natten og bremser ved stationen. "
        "Boligerne mod banen får et støjproblem, uanset skærmen.",
        age_band="50-64",
        district=SKOVLUNDE,
    ),
    L("Hvor høj bliver støjmuren? 3 m? 5 m?", age_band="30-49"),
    L(
        "Støjskærmen må ikke tage udsigten fra perronen over til parken. Lav den i glas det sted.",
        age_band="18-29",
    ),
    L(
        "Vi har boet ved banen i 20 år og har vænnet os til toget. Det nye byggeri vil faktisk "
        "dæmpe støjen for os.",
        age_band="65-79",
    ),
    L(
        "Hvor høj bliver støjskærmen, og hvordan kommer den til at se ud fra vores side af banen?",
        age_band="50-64",
        district=BALLERUP,
    ),
    L(
        "Støjen fra godstogene om natten er værst. Skærmen hjælper ikke de øverste etager, så "
        "husk lydruder.",
        age_band="30-49",
    ),
    L(
        "Vi bor syd for banen. Kan den nye bebyggelse og skærmen kaste togstøjen tilbage mod os? "
        "Det har vi hørt om andre steder.",
        age_band="65-79",
    ),
    L("Støjskærmen bliver malet med graffiti på en uge. Plant den til.", age_band="50-64"),
    L(
        "Jeg vil ikke bo 30 meter fra en jernbane. Hvem vil det? Boligerne mod banen bliver de "
        "sidste der bliver udlejet.",
        age_band="30-49",
    ),
    L(
        "Er der målt på vibrationer fra togene? Vores gamle hus ryster når godstoget kommer.",
        age_band="65-79",
    ),
    L(
        "Støjskærm i glas, så vi ikke får en betonmur. Og så fuglestickers på, så fuglene ikke "
        "flyver ind i den.",
        age_band="30-49",
    ),
    L(
        "Det er godt at der kommer en skærm. Det vil også gøre det stillere for os i rækkehusene.",
        age_band="50-64",
    ),
    L("Togstøj. Er det virkelig et sted for børnefamilier?", age_band="50-64"),
)

SCHOOLS = (
    L(
        "Der står ikke et ord om børnehaver i hele planen. Det er for dårligt.",
        age_band="30-49",
    ),
    L(
        "Vi flytter gerne ind i de nye boliger, men kun hvis vi kan få plads i skolen ved "
        "Lindevej. Kan I garantere det?",
        age_band="30-49",
        district=SKOVLUNDE,
    ),
    L(
        "Høringssvar fra forældrebestyrelsen i Børnehuset Stationen\n\n"
        "Vi er allerede fyldt op, og vi har ikke udearealer til flere børn. Hvis der kommer "
        "mange familier i de nye boliger, skal der bygges en ny institution, gerne i området "
        "selv, så forældrene ikke skal køre børnene over pladsen. Vi beder om, at der afsættes "
        "en grund til det i planen.\n\n"
        "Venlig hilsen\nForældrebestyrelsen",
        name="Line Østergaard",
        age_band="30-49",
        speaking_as="association",
        on_behalf_of="Forældrebestyrelsen, Børnehuset Stationen",
    ),
    L(
        "Hvor skal børnene fra 180 nye boliger gå i skole? Skolen ved Lindevej har allerede "
        "pavilloner i skolegården.",
        age_band="30-49",
    ),
    L(
        "Høringssvar fra skolebestyrelsen ved Hedeskolen\n\n"
        "Skolebestyrelsen har læst forslaget til Lokalplan 123 med særligt fokus på skolevejen "
        "og skolens kapacitet.\n\n"
        "Skolen har i dag 3 spor og er fuld på flere årgange. Forvaltningens egen prognose "
        "viser, at der kommer flere børn i skoledistriktet de næste år, også uden de nye "
        "boliger. Vi savner, at lokalplanen forholder sig til det, og vi beder om, at "
        "Børne- og Skoleudvalget får sagen forelagt, før planen vedtages.\n\n"
        "Skolevejen fra det nye område går ad Stationsvej, hvor der ikke er fortov i hele "
        "længden. Vi foreslår et sikkert fortov eller en sti til skolen, og at byggetrafikken "
        "ikke må køre kl. 7.30-8.15.\n\n"
        "Med venlig hilsen\nSkolebestyrelsen\nv/ Marianne Friis, formand",
        name="Marianne Friis",
        age_band="30-49",
        speaking_as="council",
        on_behalf_of="Skolebestyrelsen, Hedeskolen",
        source="email",
    ),
    L(
        "Vi står på venteliste til vuggestue i 7 måneder allerede. Hvor skal de nye familiers "
        "børn passes?",
        age_band="30-49",
    ),
    L(
        "Byg en daginstitution i stueetagen. Så er der både butikker, liv og plads til de små.",
        age_band="30-49",
    ),
    L("Er der tænkt på skolepladser?", age_band="50-64"),
    L(
        "Min datter skal gå i skole ad Stationsvej, og jeg tør ikke lade hende cykle alene når "
        "der kommer byggetrafik. Lav en sikker skolevej FØR byggeriet starter!!",
        age_band="30-49",
    ),
    L(
        "Hvis der bygges mange små lejligheder, kommer der ikke så mange børn. Hvordan er "
        "boligfordelingen?",
        age_band="50-64",
    ),
    L(
        "Klubben og ungdomsskolen mangler også lokaler. Kunne et fælleshus i området bruges af "
        "de unge om aftenen?",
        age_band="30-49",
        speaking_as="employee",
    ),
)

SQUARE = (
    L(
        "Pladsen trænger til et toilet. Og en ordentlig cykelparkering. Og noget grønt.",
        age_band="50-64",
    ),
    L(
        "Stop med de kedelige kasser. Giv facaderne variation, altaner i forskellige farver, "
        "noget der er værd at se på.",
        age_band="30-49",
    ),
    L("Behold lindetræerne, tak 🙏", age_band="30-49"),
    L(
        "Jeg vil gerne have en overdækket markedsplads på Banegårdspladsen om lørdagen, ligesom "
        "i gamle dage.",
        age_band="65-79",
    ),
    L(
        "Facaderne mod pladsen skal have butikker, ja. Men ikke flere kæder — giv de små "
        "lokale forretninger en chance med billig husleje.",
        age_band="30-49",
    ),
    L(
        "Træerne langs stationsvej skal fældes for at give plads til fortov. Det er fint med "
        "mig, bare der plantes nye.",
        age_band="50-64",
    ),
    L(
        "Banegårdspladsen er grim i dag. Det her er en chance for at gøre den til et sted man "
        "har lyst til at være. Gør det ordentligt.",
        age_band="30-49",
    ),
    L(
        "Facaderne mod pladsen skal være i tegl, ikke de grå plader man ser alle steder nu.",
        age_band="65-79",
    ),
    L("Røde mursten. Ikke beton.", age_band="65-79"),
    L(
        "Butikker i stueetagen lyder godt, men der står allerede tomme butikker i Centret. "
        "Hvem skal lejes ind?",
        age_band="50-64",
    ),
    L(
        "Bevar de store lindetræer ved pladsen. De er det eneste grønne, man ser, når man "
        "kommer ud af stationen.",
        age_band="50-64",
    ),
    L(
        "Kunne der komme en café med udeservering mod syd på pladsen? Det er der solen er.",
        age_band="30-49",
    ),
    L(
        "Som erhvervsdrivende ved stationen bakker vi op om en levende stueetage. Vi beder om, "
        "at der er plads til varelevering bag husene og ikke foran butikkerne.",
        name="Kasper Lauridsen",
        age_band="50-64",
        speaking_as="business",
        on_behalf_of="Ballerup Station Kiosk & Kaffe",
    ),
    L(
        "Facader med altaner ud mod pladsen vil se rodede ud. Lav dem mod gården.",
        age_band="50-64",
    ),
    L(
        "Lys på pladsen om aftenen, og en overdækning hvor man kan vente på bussen tørt.",
        age_band="65-79",
    ),
    L(
        "Jeg elsker de gamle træer på Stationsvej. Kan I ikke bare love, at de bliver stående?",
        age_band="30-49",
    ),
    L(
        "Træerne ved pladsen er syge og halvdøde. Fæld dem og plant nye, der kan klare sig.",
        age_band="50-64",
        twice=True,
    ),
    L("Kunstværk på pladsen? Ballerup har gode lokale kunstnere.", age_band="65-79"),
)

ACCESS = (
    L(
        "Der bør være seniorboliger i stueetagen, så man kan blive boende i kvarteret, når "
        "huset bliver for stort.",
        age_band="65-79",
    ),
    L(
        "Vi er et ældre par der gerne vil sælge huset og flytte i en lejlighed her. Bliver der "
        "elevator i alle opgange?",
        age_band="65-79",
    ),
    L("Billige boliger til unge. Ikke flere luksuslejligheder.", age_band="18-29"),
    L(
        "Høringssvar fra Handicaprådet i Ballerup Kommune\n\n"
        "Handicaprådet har følgende bemærkninger til forslaget:\n\n"
        "- Alle boliger bør kunne nås uden trin, og mindst 10 procent bør indrettes, så de kan "
        "bruges af en kørestolsbruger.\n"
        "- Stien til stationen skal have en hældning på højst 1:20, fast belægning og "
        "ledelinjer for blinde og svagsynede.\n"
        "- Der skal være handicapparkering ved hver opgang og ved legepladsen.\n"
        "- Legepladsen skal have redskaber, som børn med handicap også kan bruge.\n\n"
        "Rådet deltager gerne i en dialog om udformningen.\n\n"
        "På Handicaprådets vegne\nBente Kristiansen, formand",
        name="Bente Kristiansen",
        age_band="65-79",
        district=WHOLE,
        speaking_as="council",
        on_behalf_of="Handicaprådet",
        source="email",
    ),
    L(
        "Høringssvar fra Ældrerådet\n\n"
        "Ældrerådet hilser velkommen, at der bygges boliger tæt på station og bymidte. Mange "
        "ældre i Ballerup ønsker at flytte fra hus til en mindre bolig i nærheden af, hvor de "
        "bor i dag. Vi opfordrer til, at en del af boligerne bliver seniorbofællesskab eller "
        "almene ældreboliger med elevator.\n\n"
        "Vi beder om bænke langs stien for hver 100 meter, belysning og toiletter ved "
        "stationen.\n\n"
        "Med venlig hilsen\nÆldrerådet\nPoul Mogensen",
        name="Poul Mogensen",
        age_band="80+",
        district=WHOLE,
        speaking_as="council",
        on_behalf_of="Ældrerådet",
        source="letter",
    ),
    L(
        "Høringssvar fra Cyklistforbundet Ballerup\n\n"
        "Vi støtter planens stiforbindelse til stationen og har tre forslag:\n\n"
        "1. Stien skal være 4 meter og opdelt i en cykelbane og en gangbane.\n"
        "2. Der skal være 2,5 cykelparkeringspladser pr. bolig, heraf mindst 10 procent til "
        "ladcykler, og overdækket parkering ved hver opgang.\n"
        "3. Stien skal videreføres under jernbanen til Ballerup Byvej, så cyklister fra syd "
        "ikke skal over Banegårdspladsen.\n\n"
        "Mvh\nCyklistforbundet, lokalafdelingen i Ballerup\nTroels Bech",
        name="Troels Bech",
        age_band="50-64",
        speaking_as="association",
        on_behalf_of="Cyklistforbundet, lokalafdelingen i Ballerup",
    ),
    L(
        "Høringssvar fra Beboerforeningen Banegården\n\n"
        "Vi er 120 lejemål i blokkene øst for pladsen. Vi er glade for, at området bliver "
        "ryddet op, og for stien. Vi er bekymrede for, at de nye boliger bliver så dyre, at "
        "ingen af vores egne unge har råd til at flytte ind. Vi foreslår, at en fjerdedel af "
        "boligerne bliver almene.\n\n"
        "Vi håber også, at det nye fælleshus kan lånes af alle i kvarteret.\n\n"
        "Venlig hilsen\nBeboerforeningen Banegården, bestyrelsen",
        name="Nadia Hussein",
        age_band="30-49",
        speaking_as="association",
        on_behalf_of="Beboerforeningen Banegården",
    ),
    L(
        "Bliver det almene boliger eller ejerlejligheder? Det står der intet om.",
        age_band="30-49",
    ),
    L(
        "Der mangler boliger til enlige med børn. Lav nogle 3-værelses til en pris vi kan betale.",
        age_band="30-49",
        district=SKOVLUNDE,
    ),
)

OTHER = (
    L("Hvem er bygherren? Det burde stå i høringen.", age_band="50-64"),
    L(
        "Jeg har prøvet at sende mit svar 3 gange, men siden siger fejl. Har I fået det?",
        age_band="65-79",
    ),
    L("Ballerup Kommune lytter jo alligevel ikke.", consent="anonymous", age_band="50-64"),
    L(
        "Kan I ringe til mig angående planen? Jeg har svært ved at skrive. Mit nummer er "
        "22 81 47 90.",
        age_band="80+",
        flagged=True,
    ),
    L(
        "Det ville være rart med et skilt på grunden, der fortæller hvad der skal ske. Mange "
        "ved ikke at der er høring.",
        age_band="30-49",
    ),
    L("Jeg kan ikke åbne bilaget med skyggediagrammerne. Den siger fejl.", age_band="65-79"),
    L(
        "Hvorfor er høringsperioden så kort? Mange er på ferie, og vi nåede ikke at holde "
        "generalforsamling.",
        age_band="50-64",
    ),
    L("Hvornår er borgermødet? Jeg kan ikke finde tidspunktet.", age_band="65-79"),
    L("Fix lige hullerne i vejen på Lindevej før I bygger nyt.", age_band="50-64"),
    L(
        "Generelt synes jeg kommunen bruger for mange penge på byggeri og for få på ældreplejen.",
        age_band="80+",
        district=MALOV,
    ),
    L("Tak for en god byvandring i går. Meget informativt 🙂", age_band="50-64"),
    L("test", consent="none"),
    L(
        "Min nabo på Lindevej 7 har brændeovn, der ryger helt ind i vores stue. Kan I ikke "
        "gøre noget ved det når I alligevel er i gang?",
        age_band="65-79",
        flagged=True,
    ),
    L(
        "Jeg skrev også til jer sidste år om idéerne, men fik aldrig svar. Bliver det her "
        "overhovedet læst?",
        age_band="50-64",
    ),
    L(
        "Is there an English summary of the plan? I live near the station and would like to "
        "comment but my Danish is not good enough.",
        name="Priya Sharma",
        age_band="30-49",
    ),
)

LETTERS: tuple[Letter, ...] = (
    HEIGHT + TRAFFIC + PATH + GREEN + NOISE + SCHOOLS + SQUARE + ACCESS + OTHER
)


# --- Campaigns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Campaign:
    """A form letter and what its signers vary. Each sentence of a paragraph is a tuple: the
    form letter's wording first, then rewordings some signers used instead."""

    key: str
    copies: int
    title: tuple[str, ...]  # a title line some keep and others drop
    paragraphs: tuple[tuple[tuple[str, ...], ...], ...]
    greetings: tuple[str, ...]
    closings: tuple[str, ...]
    personal: tuple[str, ...]  # hand-written sentences, each used at most once
    ages: tuple[str, ...]
    districts: tuple[str, ...] = (BALLERUP,)
    # Days before now the wave started and how long it lasted.
    wave: tuple[float, float] = (6.0, 5.0)
    streets: tuple[str, ...] = field(default=())


TREES = Campaign(
    key="trees",
    copies=78,
    title=("Indsigelse mod Lokalplan 123", "Vedr. forslag til Lokalplan 123", "Lokalplan 123"),
    paragraphs=(
        (
            (
                "Jeg gør hermed indsigelse mod forslaget til Lokalplan 123 for boliger ved "
                "Ballerup Station.",
                "Jeg vil gerne gøre indsigelse mod forslaget til Lokalplan 123 ved Ballerup "
                "Station.",
                "Hermed min indsigelse mod lokalplanforslag 123 ved stationen.",
            ),
            (
                "Bebyggelse i 5 etager hører ikke hjemme i et kvarter af rækkehuse og villaer i "
                "1-2 etager.",
                "Byggeri i fem etager passer ikke ind i et kvarter med rækkehuse og villaer i "
                "1-2 etager.",
                "5 etager hører ikke hjemme mellem rækkehuse og villaer.",
            ),
        ),
        (
            (
                "De gamle lindetræer langs Stationsvej er over 80 år gamle og giver kvarteret "
                "dets karakter.",
                "Lindetræerne på Stationsvej er mere end 80 år gamle og er det, der giver "
                "vejen sin karakter.",
            ),
            (
                'Forslaget siger kun, at træerne bevares, "hvor det er muligt", og det er ikke '
                "godt nok.",
                'At træerne kun bevares "hvor det er muligt", er ikke godt nok.',
            ),
            (
                "Når først træerne er fældet, kommer de aldrig igen.",
                "Et fældet træ kommer ikke igen.",
            ),
        ),
        (
            (
                "Jeg kræver, at bebyggelsen begrænses til 3 etager, og at alle lindetræerne "
                "langs Stationsvej bevares.",
                "Jeg beder om, at byggeriet holdes på højst 3 etager, og at samtlige "
                "lindetræer på Stationsvej bevares.",
            ),
            (
                "Vi er ikke imod nye boliger ved stationen, men de skal bygges, så de passer "
                "til byen.",
                "Jeg er ikke imod boliger ved stationen, men de skal passe til byen.",
            ),
        ),
        (
            (
                "Jeg forventer, at kommunen lytter til de mange borgere, der har skrevet.",
                "Jeg håber, at politikerne lytter til de mange, der har skrevet.",
            ),
        ),
    ),
    greetings=(
        "Til Ballerup Kommune",
        "Kære Center for Miljø, Plan og Byggeri",
        "Hej",
        "Til rette vedkommende",
        "Kære politikere",
        "",
    ),
    closings=("Med venlig hilsen", "Venlig hilsen", "Mvh", "Mvh.", "Hilsen", "De bedste hilsner"),
    personal=(
        "Vores have ligger lige over for grunden, så det er os, der kommer til at sidde i skyggen.",
        "Jeg er født i huset på Stationsvej og har klatret i de træer som barn.",
        "Om foråret summer lindetræerne af bier, det kan man ikke erstatte med nye små træer.",
        "Mine børnebørn samler lindeblomster hver sommer.",
        "Vi flyttede hertil for 3 år siden netop på grund af den grønne vej.",
        "Jeg går tur med hunden under træerne hver morgen.",
        "Jeg frygter, at mit hus bliver mindre værd.",
        "Der bor ugler i det store træ ved hjørnet af Lindevej.",
        "Jeg har underskrevet fordi jeg ikke synes vi er blevet hørt.",
        "Det er nok at der allerede er bygget højt ved Centret.",
        "Vi har været med til at plante nye lindetræer i 1990 da et væltede i stormen.",
        "Kom ud og se vejen en sommerdag, så forstår I det.",
        "Byggeriet ved Hold-an Vej viste, hvad der sker med træer 'hvor det er muligt'.",
        "Jeg sidder i kørestol og nyder skyggen fra træerne på min daglige tur.",
        "Min mor på 91 bor på Lindevej og har ikke selv kunnet skrive.",
        "Jeg var til borgermødet, og vi fik ingen svar om træerne.",
        "Vi har to små børn og vil ikke have byggetrafik under træerne i årevis.",
        "I burde lave en fredning af hele alléen.",
        "Jeg har boet her i 45 år.",
        "Fem etager er også for meget for dem, der skal bo i boligerne ud mod banen.",
        "Jeg har delt brevet med mine naboer, fordi det siger det, vi alle mener.",
        "Tak til grundejerforeningen for at skrive brevet.",
        "Vi vil gerne have nye naboer, bare ikke på den måde.",
        "Sæt jer i vores sted.",
        "Husk at vi også er vælgere.",
        "Jeg er selv arkitekt og kan godt se, at det kunne være tegnet bedre.",
        "Jeg kører ikke bil, så jeg går ad Stationsvej hver dag.",
        "Skyggen vil også ramme vores solceller.",
    ),
    ages=("50-64", "65-79", "65-79", "30-49", "80+", "50-64", "30-49", "18-29"),
    districts=(BALLERUP,) * 9 + (MALOV, SKOVLUNDE),
    wave=(8.0, 6.0),
    streets=("Stationsvej", "Lindevej", "Banegårdsvej", "Rosenvænget", "Poppelvej"),
)

BIKES = Campaign(
    key="bikes",
    copies=21,
    title=("Ja til stien — men gør den bred nok", "Høringssvar: stien til stationen"),
    paragraphs=(
        (
            (
                "Jeg cykler til Ballerup Station og bakker op om den nye sti gennem området.",
                "Som cyklist bakker jeg op om den nye sti til Ballerup Station.",
            ),
            (
                "Men 3 meter er for smalt, når både cykler, løbehjul og gående skal dele stien.",
                "Men en sti på 3 meter er for smal til både cykler og gående.",
            ),
        ),
        (
            (
                "Jeg beder om, at stien bliver 4 meter bred med en adskilt gangbane, og at den "
                "får lys hele natten.",
                "Gør stien 4 meter bred med en gangbane for sig og lys hele natten.",
            ),
            (
                "Der skal også være overdækket cykelparkering ved begge ender af stien.",
                "Husk overdækket cykelparkering i begge ender.",
            ),
        ),
    ),
    greetings=("Hej", "Til Ballerup Kommune", "Kære planlæggere", ""),
    closings=("Mvh", "Venlig hilsen", "Cykelhilsner", "Hilsen"),
    personal=(
        "Jeg har en ladcykel med to børn i, og der er ikke plads til den nogen steder i dag.",
        "Min søn på 13 skal cykle den vej til klub.",
        "Om vinteren er det helt mørkt ved banen kl. 16.",
        "Jeg pendler til Lyngby og tager cyklen med i toget.",
        "Det er farligt at krydse mellem busserne på pladsen.",
        "Vi er mange, der gerne vil lade bilen stå.",
    ),
    ages=("30-49", "30-49", "18-29", "50-64"),
    districts=(BALLERUP,) * 3 + (MALOV, SKOVLUNDE),
    wave=(4.0, 3.0),
)

# Letters that use the tree campaign's wording but argue for the plan: not part of it.
TURNED: tuple[Letter, ...] = (
    L(
        "Til Ballerup Kommune\n\n"
        "Jeg gør hermed IKKE indsigelse mod forslaget til Lokalplan 123 for boliger ved Ballerup "
        "Station — tværtimod. Bebyggelse i 5 etager hører netop hjemme ved en station, også "
        "selv om kvarteret ellers er rækkehuse og villaer i 1-2 etager.\n\n"
        "Jeg kræver ikke, at bebyggelsen begrænses til 3 etager. Vi har brug for de boliger, og "
        "de skal bygges, så de passer til fremtidens by.\n\n"
        "Med venlig hilsen\nMathias Lund",
        name="Mathias Lund",
        age_band="18-29",
    ),
    L(
        "Jeg har set brevet fra Bevar Stationsvej, og jeg vil gerne sige det modsatte. De gamle "
        "lindetræer langs Stationsvej er over 80 år gamle, ja, men flere af dem er syge. Det er "
        "godt nok, at træerne bevares, hvor det er muligt, og at der plantes nye. Jeg støtter "
        "planen med 5 etager mod pladsen.\n\nHilsen Julie",
        name="Julie Thomsen",
        age_band="30-49",
    ),
    L(
        "Kære politikere\n\nJeg forventer, at kommunen lytter til de mange borgere, der har "
        "skrevet — også os, der ikke har skrevet under på noget. Bebyggelse i 5 etager hører "
        "hjemme ved stationen. Vi er for nye boliger ved stationen, og de skal ikke skæres ned "
        "til 3 etager.\n\nMvh\nAhmad Karimi",
        name="Ahmad Karimi",
        age_band="30-49",
        district=SKOVLUNDE,
    ),
)


# --- Names, addresses and times ------------------------------------------------------------------

FIRST_NAMES = (  # noqa: SIM905 (a list of names reads better as one string)
    "Anne Kirsten Hanne Mette Anna Helle Susanne Lene Maria Marianne Lone Camilla "
    "Pia Louise Charlotte Tina Gitte Inge Karin Bente Julie Ida Emma Sofie Laura "
    "Line Rikke Birgitte Jette Dorte Peter Jens Michael Lars Henrik Thomas Søren Jan "
    "Christian Martin Niels Anders Morten Jesper Mads Rasmus Per Hans Ole Kim Steen "
    "Jørgen Frederik Mikkel Kasper Jakob Bo Allan Simon Erik Torben Brian"
).split()
SURNAMES = (  # noqa: SIM905 (a list of names reads better as one string)
    "Nielsen Jensen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen "
    "Jørgensen Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen "
    "Johansen Møller Mortensen Knudsen Jakobsen Jacobsen Mikkelsen Olesen "
    "Frederiksen Laursen Henriksen Lund Schmidt Eriksen Holm Kristiansen Clausen "
    "Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard Dam Bak Krogh Skov "
    "Berg Friis Vinther Lauridsen Dahl Bech"
).split()
DOMAINS = ("example.com", "example.net", "post.example", "mail.example", "ballerup.example")


def _ascii(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _email(name: str, chance: random.Random) -> str:
    first, *rest = name.split()
    last = rest[-1] if rest else ""
    local = chance.choice(
        (
            f"{first}.{last}",
            f"{first}{last}",
            f"{first}{chance.randint(1, 99)}",
            f"{first[0]}{last}",
        )
    )
    return f"{_ascii(local)}@{chance.choice(DOMAINS)}"


class _Names:
    """Made-up names, none used twice."""

    def __init__(self, chance: random.Random, taken: set[str]) -> None:
        self.chance = chance
        self.taken = set(taken)

    def __call__(self) -> str:
        while True:
            name = f"{self.chance.choice(FIRST_NAMES)} {self.chance.choice(SURNAMES)}"
            if name not in self.taken:
                self.taken.add(name)
                return name


def _fold(text: str) -> str:
    """Without æøå, as typed on a foreign keyboard."""
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(a, b)
    return text


def _typo(text: str, chance: random.Random) -> str:
    """One slip of the finger inside a word: two letters swapped, one dropped or doubled."""
    words = [i for i, w in enumerate(text.split(" ")) if len(w) > 4 and w.isalpha()]
    if not words:
        return text
    parts = text.split(" ")
    i = chance.choice(words)
    word = parts[i]
    j = chance.randrange(1, len(word) - 2)
    kind = chance.randrange(3)
    if kind == 0:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif kind == 1:
        word = word[:j] + word[j + 1 :]
    else:
        word = word[:j] + word[j] + word[j:]
    parts[i] = word
    return " ".join(parts)


def campaign_copies(campaign: Campaign, chance: random.Random, names: _Names) -> list[dict]:
    """The copies the signers sent: text, name and address fields, and when (days ago)."""
    personal = list(campaign.personal)
    chance.shuffle(personal)
    copies = []
    for _n in range(campaign.copies):
        name = names()
        paragraphs = []
        for paragraph in campaign.paragraphs:
            sentences = []
            for variants in paragraph:
                roll = chance.random()
                if roll < 0.08 and len(paragraph) > 1:
                    continue  # dropped
                sentences.append(
                    variants[0] if roll < 0.8 else chance.choice(variants[1:] or variants)
                )
            if sentences:
                paragraphs.append(" ".join(sentences))
        if personal and chance.random() < 0.45:
            extra = personal.pop()
            if chance.random() < 0.5:
                paragraphs.insert(0, extra)
            else:
                paragraphs.append(extra)
        if chance.random() < 0.3 and len(paragraphs) > 2:  # paragraphs run together
            k = chance.randrange(len(paragraphs) - 1)
            paragraphs[k : k + 2] = [paragraphs[k] + " " + paragraphs[k + 1]]
        body = "\n\n".join(paragraphs)
        for _ in range(chance.choice((0, 0, 0, 1, 1, 2))):
            body = _typo(body, chance)
        head = []
        if chance.random() < 0.35:
            head.append(chance.choice(campaign.title))
        greeting = chance.choice(campaign.greetings)
        if greeting:
            head.append(greeting)
        signature = name if chance.random() < 0.7 else name.split()[0]
        if campaign.streets and chance.random() < 0.25:
            signature += f"\n{chance.choice(campaign.streets)}"
            if chance.random() < 0.3:  # with the house number: screening flags it
                signature += f" {chance.randint(2, 60)}"
        text = "\n\n".join([*head, body, f"{chance.choice(campaign.closings)}\n{signature}"])
        if chance.random() < 0.06:
            text = _fold(text)
        if chance.random() < 0.15:
            text = text.replace("\n\n", "\n")
        start, length = campaign.wave
        copies.append(
            {
                "text": text,
                "name": name,
                "age_band": chance.choice(campaign.ages),
                "district": chance.choice(campaign.districts),
                "days_ago": max(0.05, start - length * chance.betavariate(1.4, 1.2)),
            }
        )
    return copies


def responses(start: datetime.datetime, now: datetime.datetime) -> list[Response]:
    """Every response, oldest first, received between ``start`` (the hearing opened) and
    ``now``; the same list for the same ``start`` and ``now``."""
    chance = random.Random(123)
    span = (now - start).total_seconds() / 86400
    names = _Names(chance, {letter.name for letter in LETTERS + TURNED if letter.name})
    rows: list[dict] = []
    for letter in LETTERS + TURNED:
        name = letter.name or names()
        # More responses in the latest days: the deadline comes closer and the word spreads.
        days_ago = span * chance.betavariate(1.0, 1.8)
        rows.append(
            {
                "text": letter.text,
                "name": name,
                "age_band": letter.age_band,
                "district": letter.district,
                "speaking_as": letter.speaking_as,
                "on_behalf_of": letter.on_behalf_of,
                "consent": letter.consent,
                "source": letter.source,
                "days_ago": days_ago,
                "flagged": letter.flagged,
            }
        )
        if letter.twice:  # the very same text again, a little later
            rows.append({**rows[-1], "days_ago": max(0.02, days_ago - chance.uniform(0.02, 1.5))})
    for campaign in (TREES, BIKES):
        for row in campaign_copies(campaign, chance, names):
            rows.append({**row, "campaign": campaign.key})
    emails: dict[str, str] = {}  # one address a person (the same for a letter sent twice)
    result = []
    for row in rows:
        days_ago = min(row.pop("days_ago"), span - 0.05)
        received = now - datetime.timedelta(days=days_ago)
        anonymous = row.get("consent") == "anonymous"
        if row["name"] not in emails:
            writes = row.get("source", "online") != "letter" and chance.random() < (
                0.5 if anonymous else 0.9
            )
            emails[row["name"]] = _email(row["name"], chance) if writes else ""
        flagged = row.pop("flagged", False)
        result.append(
            Response(
                text=row["text"],
                name=row["name"],
                email=emails[row["name"]],
                district=row["district"],
                age_band=row["age_band"],
                speaking_as=row.get("speaking_as", "private"),
                on_behalf_of=row.get("on_behalf_of", ""),
                consent=row.get("consent", "name"),
                source=row.get("source", "online"),
                received_at=received,
                # Staff have reviewed those of the first days that screening did not flag.
                reviewed=not flagged and days_ago > span * 0.6 and row.get("consent") != "none",
                campaign=row.get("campaign", ""),
            )
        )
    result.sort(key=lambda r: r.received_at)
    return result
