"""Labelled evaluation cases for CPR-number screening of hearing responses.

Written independently of ``inddrag/contributions/screening.py``: the cases
come from how Danish citizens actually write (høringssvar, name fields,
attachments and attachment file names), not from what the code handles.

A CPR number is DDMMYY-SSSS: a valid calendar date followed by four digits.
There is no modulus-11 check (numbers issued since 2007 need not satisfy it).
The serial numbers below follow the century rule of the CPR register (7th
digit 4-9 for people born 2000 or later), so every birth year is realistic.

* ``POSITIVES`` must all be caught as CPR (the platform must catch 100 %).
* ``HARD_POSITIVES`` are real CPR numbers written in ways that are plausible
  but unusual (an extra space inside the serial, a PDF line wrap, digits
  spaced out by form boxes); a good screener should catch them too.
* ``NEGATIVES`` must not be flagged as CPR. ``other`` names the kinds that
  may rightly be flagged instead; empty means neither cpr nor phone.

Invisible or look-alike characters are written as escapes:
``\\u00a0`` no-break space, ``\\u202f`` narrow no-break space,
``\\u2011`` non-breaking hyphen, ``\\u2212`` minus sign. En dash (–) and
em dash (—) are written as they are.

Run ``python3 tests/contributions/cpr_cases.py`` for a self-check.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    text: str  # the text as the citizen wrote it
    # "text", "name", "on_behalf_of", "file_name", "docx", "pdf" or "odt"
    channel: str
    cpr: str | None  # positives: the CPR exactly as written in text; negatives: None
    # negatives: kinds that MAY rightly be flagged ("phone", "email", "address")
    other: frozenset[str] = frozenset()


EMPTY: frozenset[str] = frozenset()
PHONE = frozenset({"phone"})
EMAIL = frozenset({"email"})
ADDRESS = frozenset({"address"})
PHONE_EMAIL = frozenset({"phone", "email"})
PHONE_ADDRESS = frozenset({"phone", "address"})


# ---------------------------------------------------------------------------
# POSITIVES
# ---------------------------------------------------------------------------

POSITIVES: list[Case] = [
    # === channel "text": the contribution body ===========================
    # --- hyphen-minus, with and without labels, in ordinary sentences ---
    Case(
        "Jeg er født 12. marts 1967 og mit cpr-nr. er 120367-1234, så I kan finde min sag.",
        "text",
        "120367-1234",
    ),
    Case("Mit cpr er 311299-2046 hvis I skal bruge det.", "text", "311299-2046"),
    Case(
        "Undertegnede Poul Erik Madsen, CPR-nr: 030759-1451, ejer af Vestervej 14, "
        "gør hermed indsigelse mod lokalplan 112.",
        "text",
        "030759-1451",
    ),
    Case(
        "Min datter Freja, cpr 140508-4412, går i 3. klasse på Højvangskolen, og vi er "
        "meget bekymrede for den nye skolevej.",
        "text",
        "140508-4412",
    ),
    Case(
        "Vores søn er født i februar (cprnr 280223-5031), og vi står stadig på venteliste "
        "til vuggestue i Skovlunde.",
        "text",
        "280223-5031",
    ),
    Case(
        "Jeg har fået afslag på min ansøgning om handicapparkering. Mit personnr. er 170690-2377.",
        "text",
        "170690-2377",
    ),
    Case(
        "CPR 010100-4053: Jeg bor på Skolevej og cykler hver dag til Ballerup Station.",
        "text",
        "010100-4053",
    ),
    Case(
        "Hej. Jeg skriver angående busrute 350S, som I vil nedlægge. Jeg er pensionist og "
        "helt afhængig af bussen.\nMvh Karen Nielsen 060138-1170",
        "text",
        "060138-1170",
    ),
    Case(
        "cpr. nr. 221155-0943 - jeg har boet i Hedehusene i 40 år og har aldrig set så "
        "meget trafik som nu.",
        "text",
        "221155-0943",
    ),
    Case(
        "Jeg har tidligere sendt en klage (cpr.nr. 150845-1022), men har ikke hørt noget "
        "fra forvaltningen.",
        "text",
        "150845-1022",
    ),
    Case(
        "personnummer: 091172-1983\nJeg ønsker svar pr. brev, da jeg ikke har e-Boks.",
        "text",
        "091172-1983",
    ),
    Case(
        "Pers.nr. 050592-3310. Jeg vil gerne indsende høringssvar vedr. den nye affaldsordning.",
        "text",
        "050592-3310",
    ),
    Case("Jeg er enig i forslaget. CPR-nummer 180874-2265", "text", "180874-2265"),
    Case(
        "Til Teknik og Miljø\nJeg skal gøre opmærksom på, at min adresse er forkert i "
        "jeres system. Cpr 250781-1347.",
        "text",
        "250781-1347",
    ),
    Case(
        "Jeg hedder Ahmad Rahimi og mit CPR er 010185-2939. Jeg bor i Gellerupparken og er "
        "imod nedrivningen af blok B.",
        "text",
        "010185-2939",
    ),
    Case("Se vedhæftede. cpr:271049-0617", "text", "271049-0617"),
    Case(
        "CPR-NR.:300662-1205 Jeg er imod lukningen af Ølstykke Bibliotek.",
        "text",
        "300662-1205",
    ),
    Case(
        "Jeg (041278-1636) vil gerne klage over støjen fra Motorring 3.",
        "text",
        "041278-1636",
    ),
    Case(
        "Min far (f. 1945) har cpr-nummer 190345-0415 og er dement; jeg er hans værge og "
        "svarer derfor på hans vegne.",
        "text",
        "190345-0415",
    ),
    Case('"210999-1458" er mit cpr-nummer, hvis I skal slå mig op.', "text", "210999-1458"),
    Case(
        "Jeg er født d. 29/2-1964, cpr 290264-3317, og har boet på Kirkevej hele mit liv.",
        "text",
        "290264-3317",
    ),
    Case(
        "Hvis I vil kontakte mig, kan I bruge mit CPR nummer: 160431-0218.",
        "text",
        "160431-0218",
    ),
    Case(
        "Mit cpr nr er 131088-1941 og jeg er utilfreds med hjemmeplejen.",
        "text",
        "131088-1941",
    ),
    Case(
        "310175-2423 Lone Dahl, Bakkevej 7, 4000 Roskilde: "
        "Jeg støtter forslaget om en ny cykelsti.",
        "text",
        "310175-2423",
    ),
    Case(
        "Jeg vil gerne være anonym i referatet. (Til sagsbehandleren: cpr 120456-1329.)",
        "text",
        "120456-1329",
    ),
    Case(
        "Jeg stemmer for, at skolen bliver. Med venlig hilsen Søren, cpr 060606-4217; "
        "far til to i 0.A",
        "text",
        "060606-4217",
    ),
    Case(
        "Ansøger: Mette Frederiksen Holm, personnummer 071070-1884, Nørregade 3, 6000 Kolding",
        "text",
        "071070-1884",
    ),
    Case(
        "Mit CPR: 311281-1187 (jeg har fået nyt efter mit kønsskifte).",
        "text",
        "311281-1187",
    ),
    Case(
        "Jeg er gift med Lars (CPR 140972-1337), og vi ejer sammen Bøgevej 12.",
        "text",
        "140972-1337",
    ),
    Case("CPR NR 200458-1226 - har sendt det før men får intet svar", "text", "200458-1226"),
    Case(
        "Cpr.nr.: 301070-1932\nVedr.: Høring om nedlæggelse af Tingbjerg Skole",
        "text",
        "301070-1932",
    ),
    Case("CPRNR: 080989-2743", "text", "080989-2743"),
    Case(
        "Jeg kan identificeres med cpr.nummer 161031-0519, da jeg ikke har MitID.",
        "text",
        "161031-0519",
    ),
    Case("personnummer:120899-1457 ang. parkering", "text", "120899-1457"),
    Case(
        "Sygesikringsbevis nr. 120776-1533, gruppe 1 - jeg har fået tildelt en ny læge uden "
        "at blive spurgt.",
        "text",
        "120776-1533",
    ),
    Case(
        "Bodil Jensen\nKirkebakken 4, 2610 Rødovre\nCPR 081148-1316\nTlf. 36 41 22 80",
        "text",
        "081148-1316",
    ),
    Case(
        "Mit cpr er 121265-1433jeg bor i Vanløse og er imod metroen",  # missing space typo
        "text",
        "121265-1433",
    ),
    Case(
        "Jeg blev opereret i oktober og kan ikke gå til genbrugspladsen. MIT CPR ER 010356-0822",
        "text",
        "010356-0822",
    ),
    Case(
        "Min mand og jeg er begge over 80.\nmit cpr er 230840-1018\nvh Ruth",
        "text",
        "230840-1018",
    ),
    Case(
        "Jeg gør indsigelse mod solcelleparken ved Vium. Jeg er lodsejer (CPR-nr. 240663-2515) "
        "og har ikke modtaget naboorientering.",
        "text",
        "240663-2515",
    ),
    Case(
        "Hej jeg hedder Malthe og er 15 år og synes skaterbanen skal blive, mit cpr er 190109-4321",
        "text",
        "190109-4321",
    ),
    Case(
        "Tak for et godt borgermøde. Jeg glemte at skrive mit cpr på listen: 270595-2164.",
        "text",
        "270595-2164",
    ),
    Case(
        "Skulle I have brug for at kontakte mig via digital post: cpr-nr.010781-1904",
        "text",
        "010781-1904",
    ),
    Case(
        "Som ejer af ejendommen (personnr 150152-1123) kræver jeg at blive hørt.",
        "text",
        "150152-1123",
    ),
    Case(
        "Jeg er førtidspensionist, cpr 020768-2848, og er afhængig af flextrafik.",
        "text",
        "020768-2848",
    ),
    Case(
        "Hermed mit høringssvar.\n\nNavn: Jonas Bech\nCPR: 090995-3037\nAdresse: Søvej 2, 8600 "
        "Silkeborg",
        "text",
        "090995-3037",
    ),
    # --- no separator ---
    Case("Mit cpr-nr. er 1309631127 og jeg bor i Herlev.", "text", "1309631127"),
    Case("cpr 2305451087", "text", "2305451087"),
    Case(
        "CPR: 1712883325\nJeg synes, at den nye lokalplan er alt for tæt bebygget.",
        "text",
        "1712883325",
    ),
    Case(
        "Jeg er 72 år og mit personnummer er 0909512648, jeg kan ikke bruge MitID.",
        "text",
        "0909512648",
    ),
    Case(
        "Dette er mit cpr nummer 3107992241 hvis i skulle få brug for det",
        "text",
        "3107992241",
    ),
    Case(
        "Høringssvar fra Bent Larsen 1504462117 vedrørende lukning af Hovedgaden.",
        "text",
        "1504462117",
    ),
    Case(
        "Min mors cpr er 0211300536. Hun bor på Solgården og har ikke fået besked om flytningen.",
        "text",
        "0211300536",
    ),
    Case("cprnr:2802004238", "text", "2802004238"),
    Case(
        "Svar venligst til mig, 0608671502, via e-Boks.",
        "text",
        "0608671502",
    ),
    Case(
        "Jeg har søgt om tilskud (sag 24/1203). Mit CPR-nr er 1903784411.",
        "text",
        "1903784411",
    ),
    Case("Cpr.1110004512 (min datter)", "text", "1110004512"),
    Case(
        "Mvh\nSvend Aage Poulsen\n2206412079",
        "text",
        "2206412079",
    ),
    Case(
        "0112851539 – det er mit cpr, så I ved hvem jeg er.",
        "text",
        "0112851539",
    ),
    Case(
        "Jeg har skrevet mit cprnummer (2604570919) på papirudgaven også.",
        "text",
        "2604570919",
    ),
    # --- en dash (Word autocorrect) ---
    Case("Jeg er imod forslaget. CPR–nr. 110258–1243", "text", "110258–1243"),
    Case("Mvh Jytte Hansen (cpr 270733–0928)", "text", "270733–0928"),
    Case(
        "Mit cpr-nummer er 050448–1139, og jeg har været medlem af ældrerådet i 8 år.",
        "text",
        "050448–1139",
    ),
    Case(
        "Personnr.: 240193–2870\nJeg ønsker ikke en asfaltfabrik i mit nærområde.",
        "text",
        "240193–2870",
    ),
    Case(
        "Cpr: 300916–4021 (min søn), som skal starte i børnehave til august.",
        "text",
        "300916–4021",
    ),
    Case(
        "Jeg vedlægger kopi af mit sygesikringskort, cpr. 071287–2692.",
        "text",
        "071287–2692",
    ),
    # --- em dash ---
    Case(
        "Mit CPR-nummer er 120561—1776 og står også på den vedlagte ansøgning.",
        "text",
        "120561—1776",
    ),
    Case("cpr. 010799—2314, Egon Bach, Strandvejen 88", "text", "010799—2314"),
    Case(
        "Undertegnede (pers.nr. 221064—1187) gør indsigelse mod opførelse af 5G-mast.",
        "text",
        "221064—1187",
    ),
    Case(
        "Jeg har fået nyt sygesikringskort — CPR 190887—3019 — men min læge står stadig forkert.",
        "text",
        "190887—3019",
    ),
    # --- non-breaking hyphen (Word: Ctrl+Shift+-) ---
    Case("Mit cpr\u2011nr. er 080880\u20111428.", "text", "080880\u20111428"),
    Case(
        "CPR: 141141\u20110632 Jeg bor i Taastrup og er imod byggeriet.",
        "text",
        "141141\u20110632",
    ),
    Case("Venlig hilsen\nOle Winther\n020353\u20111945", "text", "020353\u20111945"),
    Case(
        "Jeg (cpr 291272\u20112653) ønsker aktindsigt i sagen.",
        "text",
        "291272\u20112653",
    ),
    # --- minus sign (copied from PDF or Excel) ---
    Case(
        "cpr 170403\u22124418 - min datter har brug for specialskole.",
        "text",
        "170403\u22124418",
    ),
    Case("Mit personnummer er 250650\u22121017.", "text", "250650\u22121017"),
    Case("CPR-nr.: 061289\u22122461\nJeg protesterer.", "text", "061289\u22122461"),
    Case(
        "Se også min tidligere mail. Cpr. 310890\u22121544, Aalborg.",
        "text",
        "310890\u22121544",
    ),
    # --- a space ---
    Case("Venlig hilsen Birthe Sørensen, 230445 1234", "text", "230445 1234"),
    Case(
        "Mit CPR-nummer er 120967 3321 og jeg bor på Rosenvænget 4.",
        "text",
        "120967 3321",
    ),
    Case("cpr 011001 4230 (min søn Noah)", "text", "011001 4230"),
    Case(
        "Jeg er født 3. juni 1958, cpr. 030658 1127, og har boet i kommunen siden 1980.",
        "text",
        "030658 1127",
    ),
    Case(
        "personnummer 271168 2945, jeg skal bruge en ny beboerlicens.",
        "text",
        "271168 2945",
    ),
    Case(
        "CPR 150399 2862. Jeg er studerende og bor på kollegiet ved Campus Emdrup.",
        "text",
        "150399 2862",
    ),
    Case("Mvh. Kaj\n\n140437 0513", "text", "140437 0513"),
    # --- no-break space (copied from a web page or Word) ---
    Case("CPR-nr.:\u00a0120184\u00a02239", "text", "120184\u00a02239"),
    Case(
        "Mit cpr er 040276\u00a01853, og jeg bor i Brøndby Strand.",
        "text",
        "040276\u00a01853",
    ),
    Case(
        "Min datter Maja Lund (cpr\u00a0310522\u00a04910) er 1 år og står på venteliste.",
        "text",
        "310522\u00a04910",
    ),
    Case(
        "personnr. 070963\u00a01415 — bor Østergade 12, 1. th.",
        "text",
        "070963\u00a01415",
    ),
    Case(
        "Jeg er imod. CPR 120690\u00a0-\u00a01186",
        "text",
        "120690\u00a0-\u00a01186",
    ),
    # --- narrow no-break space (macOS / typographic) ---
    Case("CPR: 251047\u202f0924", "text", "251047\u202f0924"),
    Case(
        "Mit personnummer er 091215\u202f4172 (min søn).",
        "text",
        "091215\u202f4172",
    ),
    Case(
        "cpr 300479\u202f1658 – jeg er imod lukning af svømmehallen.",
        "text",
        "300479\u202f1658",
    ),
    # --- a dot ---
    Case(
        "Mit cpr. nr. er 161162.1745 og min adresse er Engvej 3.",
        "text",
        "161162.1745",
    ),
    Case("CPR 020291.2256", "text", "020291.2256"),
    Case(
        "Jeg er født i 1945 (cpr 310145.0628), og jeg vil gerne have, at bænkene bliver.",
        "text",
        "310145.0628",
    ),
    # --- a slash ---
    Case("cpr 190575/1493", "text", "190575/1493"),
    Case("Mit CPR-nr: 060800/4315.", "text", "060800/4315"),
    Case(
        "Jeg, Kurt Bjerre, cpr. 281136/0741, ejer af matr.nr. 4b Tune By, Tune, gør indsigelse.",
        "text",
        "281136/0741",
    ),
    # --- underscore ---
    Case(
        "Mit CPR er 130394_2714 (kopieret fra min kvittering).",
        "text",
        "130394_2714",
    ),
    Case("cpr_nr: 021147_0386", "text", "021147_0386"),
    # --- spaces around the separator ---
    Case("Mit cpr er 210662 - 1318", "text", "210662 - 1318"),
    Case("CPR-nr. 050749 -1166", "text", "050749 -1166"),
    Case(
        "cpr: 180281- 2937 Jeg vil gerne klage over snerydningen.",
        "text",
        "180281- 2937",
    ),
    Case(
        "personnummer 230899 – 2410, og jeg bor i Nørresundby.",
        "text",
        "230899 – 2410",
    ),
    Case("CPR 010172 — 1845", "text", "010172 — 1845"),
    Case("Mvh Lise Jepsen 140653 / 1922", "text", "140653 / 1922"),
    Case("cpr 291180 -2209, Hvidovre", "text", "291180 -2209"),
    # --- date part grouped 2-2-2 ---
    Case("Mit cpr-nr. er 12 06 84-2231", "text", "12 06 84-2231"),
    Case(
        "Vedr. min mor Inger (cpr 01.04.32-1186) - hun bor på plejehjemmet Egebo og kan "
        "ikke selv skrive.",
        "text",
        "01.04.32-1186",
    ),
    Case("CPR: 24.12.59 1374", "text", "24.12.59 1374"),
    Case("Mit CPR er 15-08-71-1923.", "text", "15-08-71-1923"),
    Case("cpr.nr. 30/11/88-3047", "text", "30/11/88-3047"),
    Case(
        "Min søn (cpr 07.07.07.4412) har fået afslag på SFO-plads.",
        "text",
        "07.07.07.4412",
    ),
    Case("Personnummer: 11 11 45 0527", "text", "11 11 45 0527"),
    Case(
        "Jeg er født 02.09.1999 – cpr 02.09.99-2561.",
        "text",
        "02.09.99-2561",
    ),
    Case("cpr 31-03-64 1628", "text", "31-03-64 1628"),
    Case("CPR-nr.: 28/02/49-0837", "text", "28/02/49-0837"),
    Case("pers.nr. 05.10.23-4719 (nyfødt)", "text", "05.10.23-4719"),
    Case("cpr 19 01 68 - 1129", "text", "19 01 68 - 1129"),
    Case("CPR 29.02.00-4127, født i skudåret", "text", "29.02.00-4127"),
    Case("min cpr: 16.05.91.2184", "text", "16.05.91.2184"),
    Case(
        "Undertegnede Vibeke Storm, født 04.07.1975, cpr.nr. 04.07.75-1660",
        "text",
        "04.07.75-1660",
    ),
    # --- positions: brackets, quotes, punctuation, line breaks ---
    Case("Jeg har søgt om fritagelse (cpr 210796-2543).", "text", "210796-2543"),
    Case("Mit cpr er »060273-1190«.", "text", "060273-1190"),
    Case(
        "Min kone bad mig skrive hendes cpr: „150456-0884“.",
        "text",
        "150456-0884",
    ),
    Case(
        "[cpr 120911-4436] Jeg skriver på vegne af min søn.",
        "text",
        "120911-4436",
    ),
    Case("'170966-1575' - mit cpr", "text", "170966-1575"),
    Case("Cpr:\n250185-2218\n\nJeg er imod.", "text", "250185-2218"),
    Case(
        "Med venlig hilsen,\nAnders Brink,\n311062-1447,\nBirkevej 7",
        "text",
        "311062-1447",
    ),
    Case("cpr 020904-4810!", "text", "020904-4810"),
    Case("Er mit cpr (040486-2312) registreret korrekt?", "text", "040486-2312"),
    Case("Mit cpr-nr er 190393-3134;tak", "text", "190393-3134"),
    # --- CPR next to a phone number ---
    Case(
        "Mvh. Hanne Kjær\ncpr 081194-2812\ntlf. 28 45 91 03",
        "text",
        "081194-2812",
    ),
    Case(
        "cpr-nr 261050-1741, tlf. 51 88 23 07 - ring hellere end at skrive.",
        "text",
        "261050-1741",
    ),
    Case(
        "Jeg kan kontaktes på 40 12 34 56 eller i e-Boks via cpr 230386-2119.",
        "text",
        "230386-2119",
    ),
    Case("Tlf 22334455 cpr 0804791832", "text", "0804791832"),
    Case(
        "Kontakt: Mogens Friis, mobil +45 29 83 11 04, CPR 120752-1379",
        "text",
        "120752-1379",
    ),
    # --- several CPR numbers in one text (one case per number) ---
    Case(
        "Vi er to ejere: Hans Nielsen 120349-1455 og Grethe Nielsen 220752-1328. "
        "Vi er imod forslaget.",
        "text",
        "120349-1455",
    ),
    Case(
        "Vi er to ejere: Hans Nielsen 120349-1455 og Grethe Nielsen 220752-1328. "
        "Vi er imod forslaget.",
        "text",
        "220752-1328",
    ),
    Case(
        "Husstanden består af: Peter (140479-1215), Anne (030981-1966), Villads "
        "(250110-4137) og Asta (170813-4028).",
        "text",
        "140479-1215",
    ),
    Case(
        "Husstanden består af: Peter (140479-1215), Anne (030981-1966), Villads "
        "(250110-4137) og Asta (170813-4028).",
        "text",
        "030981-1966",
    ),
    Case(
        "Husstanden består af: Peter (140479-1215), Anne (030981-1966), Villads "
        "(250110-4137) og Asta (170813-4028).",
        "text",
        "250110-4137",
    ),
    Case(
        "Husstanden består af: Peter (140479-1215), Anne (030981-1966), Villads "
        "(250110-4137) og Asta (170813-4028).",
        "text",
        "170813-4028",
    ),
    Case("Cpr: 011290-2115, 020393-1604", "text", "011290-2115"),
    Case("Cpr: 011290-2115, 020393-1604", "text", "020393-1604"),
    Case(
        "Børnene Ida 150311-4824 og Magnus 0207144617 går begge på Lindeskolen.",
        "text",
        "150311-4824",
    ),
    Case(
        "Børnene Ida 150311-4824 og Magnus 0207144617 går begge på Lindeskolen.",
        "text",
        "0207144617",
    ),
    # --- longer, realistic høringssvar with the number somewhere inside ---
    Case(
        "Høringssvar vedr. forslag til lokalplan 1.217 for Stationsområdet\n\n"
        "Jeg bor på Stationsvej 14 og har gjort det i 22 år. Forslaget om et byggeri i 6 "
        "etager vil tage al sol fra vores have efter kl. 15 fra april til september. "
        "Jeg har tidligere skrevet til jer (mit cpr er 130270-1586) uden at få svar.\n\n"
        "Jeg foreslår, at byggeriet højst bliver 3 etager.\n\nMed venlig hilsen\nLene Bak",
        "text",
        "130270-1586",
    ),
    Case(
        "Kære Børne- og Ungeudvalg\n\nVi er forældre til Sofus (cpr 220617 4051), som går i "
        "Myretuen. Lukningen betyder 25 minutters ekstra transport hver vej. Vi beder jer "
        "genoverveje.\n\nVenlig hilsen\nMaria og Kasper",
        "text",
        "220617 4051",
    ),
    Case(
        "Jeg vil gerne protestere mod, at der skal opsættes vindmøller 600 meter fra min "
        "bolig. Jeg har lavet en beregning af støjen, se bilag 1-3. Min ejendom har "
        "ejendomsnummer 123456 og jeg er registreret ejer med CPR 100652-1903. "
        "Jeg forventer at blive kompenseret efter værditabsordningen.",
        "text",
        "100652-1903",
    ),
    Case(
        "Til Ældre- og Sundhedsudvalget.\nMin mor, Edith Holm, 94 år, cpr 25.11.29 0612, "
        "har fået skåret ned på rengøring til hver 3. uge. Det er uværdigt. "
        "Jeg er pårørende og kan kontaktes på 21 45 67 80.\nHilsen Bent Holm",
        "text",
        "25.11.29 0612",
    ),
    Case(
        "Vedr. budget 2025: Jeg er imod besparelsen på 2,3 mio. kr. på musikskolen. "
        "Min datter (cpr 080812-4622) har spillet violin i 5 år.",
        "text",
        "080812-4622",
    ),
    Case(
        "Jeg har været ude for et fald på den ujævne fortovsflise ud for Algade 22 d. "
        "14/11-2023 og brækket håndleddet. Min forsikring skal bruge jeres svar. "
        "Mit cpr nr: 270346-0834",
        "text",
        "270346-0834",
    ),
    Case(
        "Hej\nJeg ved ikke helt om jeg skal skrive mit cpr her men det er 0506893242 "
        "og jeg er imod at parken bliver til parkeringsplads",
        "text",
        "0506893242",
    ),
    Case(
        "Angående den nye rute for skolebussen:\n1) Bussen kører for tidligt (kl. 06.45)\n"
        "2) Der er ingen overdækning ved stoppestedet\n\nVenlig hilsen Eva Lind (cpr. "
        "310301-4718, 9. klasse)",
        "text",
        "310301-4718",
    ),
    Case(
        "Jeg sendte mit høringssvar med posten den 3. maj, men har ingen kvittering fået. "
        "For en god ordens skyld: Navn Tage Due, cpr.-nr. 19.06.42-0957, "
        "adresse Bredgade 9.",
        "text",
        "19.06.42-0957",
    ),
    Case(
        "Tak for invitationen til borgermødet. Jeg kan desværre ikke komme. "
        "Mit navn er Hans Christian Holm, og mit CPR-nr. 020566-1281 står på "
        "tilmeldingen, som jeg gerne vil have slettet.",
        "text",
        "020566-1281",
    ),
    Case(
        "Ang. parkering på Vesterbrogade.\nJeg har handicapkort nr. 1234 og "
        "cpr 170851-1032. Der er aldrig ledige pladser.",
        "text",
        "170851-1032",
    ),
    Case(
        "Mit barnebarn (cpr 01 10 19-4567) bor hos mig, og jeg søger om søskendetilskud.",
        "text",
        "01 10 19-4567",
    ),
    Case(
        "Venlig hilsen Per og Lis Holm, Granvej 3\ncpr Per 300536-0711\ncpr Lis 090439-0426",
        "text",
        "300536-0711",
    ),
    Case(
        "Venlig hilsen Per og Lis Holm, Granvej 3\ncpr Per 300536-0711\ncpr Lis 090439-0426",
        "text",
        "090439-0426",
    ),
    Case(
        "Jeg forstår ikke jeres brev. I skriver at jeg ikke er registreret, men mit "
        "cpr-nr er da 310577-1836. Ring venligst på 42 81 90 55.",
        "text",
        "310577-1836",
    ),
    Case("CPR.NR. 141299-1812 IMOD", "text", "141299-1812"),
    Case("jeg er imod.cpr 110745-0213.", "text", "110745-0213"),
    Case(
        "Mit personnummer (ikke til offentliggørelse): 200802-4173",
        "text",
        "200802-4173",
    ),
    Case("Undertegnede, født 06.11.67, cpr. 061167-1390, …", "text", "061167-1390"),
    Case(
        "CPR nr.: 181070 1665 (bedes ikke offentliggjort)",
        "text",
        "181070 1665",
    ),
    Case("cpr-nr.: 1506044928", "text", "1506044928"),
    Case("cpr 090371- 1482 vedr. vinterbadeklubben", "text", "090371- 1482"),
    Case("CPR-nr. 040981 — 2217, Hillerød", "text", "040981 — 2217"),
    Case("Mit cpr: 01-12-74 1537", "text", "01-12-74 1537"),
    Case("Født 05/06/77 – cpr 05/06/77 2119", "text", "05/06/77 2119"),
    Case("Hilsen Gorm (cpr. 170160 -1822)", "text", "170160 -1822"),
    # === channel "name": the name field =================================
    Case("Birthe Sørensen 230445-2218", "name", "230445-2218"),
    Case("Poul Erik Madsen (030759-1451)", "name", "030759-1451"),
    Case("Hansen, Jens Peter, 1708541329", "name", "1708541329"),
    Case("Karen Nielsen cpr 060138-1170", "name", "060138-1170"),
    Case("Lone Dahl – 310175–2423", "name", "310175–2423"),
    Case("Ahmad Rahimi CPR: 010185-2939", "name", "010185-2939"),
    Case("2506871144", "name", "2506871144"),
    Case("Mette Holm 071070 1884", "name", "071070 1884"),
    Case("Søren Kristensen 120190\u00a02541", "name", "120190\u00a02541"),
    Case("Inger Marie Bach, cpr.nr. 010432-1186", "name", "010432-1186"),
    Case("Lars Bo Mikkelsen (CPR 14.09.72-1337)", "name", "14.09.72-1337"),
    Case("Anne Sofie Jørgensen 29.02.88 2326", "name", "29.02.88 2326"),
    Case("Michael Andersen 311265/1457", "name", "311265/1457"),
    Case("Kirsten Poulsen - pers.nr. 150356-0828", "name", "150356-0828"),
    Case("Mohammed El-Sayed, 220479-3117", "name", "220479-3117"),
    Case("Pia Rasmussen 050591\u22121444", "name", "050591\u22121444"),
    Case("Niels Jacob Holm 18 03 66 1925", "name", "18 03 66 1925"),
    Case("Hanne Kjær / 081194-2812", "name", "081194-2812"),
    Case("Tove Madsen (f. 250341-0718)", "name", "250341-0718"),
    Case("Bjarne Nielsen cprnr 0110491153", "name", "0110491153"),
    Case("Gitte 1207772408 Larsen", "name", "1207772408"),
    Case("Karl Johan Olsen, personnummer 140929-0319", "name", "140929-0319"),
    Case("Emil Frost 020800-4119", "name", "020800-4119"),
    Case("Sara Ali (15 år) 190608-4826", "name", "190608-4826"),
    Case("Jonas Vestergaard 300499-3391", "name", "300499-3391"),
    Case("Ole Winther 020353\u20112045", "name", "020353\u20112045"),
    Case("Ulla Bech 170745–1262", "name", "170745–1262"),
    Case("Henrik Thomsen 240868—1583", "name", "240868—1583"),
    Case("K. Pedersen 101062.1327", "name", "101062.1327"),
    Case("Jytte Holm 061256 - 1120", "name", "061256 - 1120"),
    Case("Peter Lund (cpr. 27-05-81-2057)", "name", "27-05-81-2057"),
    Case("Tina Mortensen 13/10/79-1668", "name", "13/10/79-1668"),
    Case("Dorthe Eriksen 010101-4218", "name", "010101-4218"),
    Case("Rasmus Kjeldsen cpr:151292-2411", "name", "151292-2411"),
    Case("Gunnar Schmidt 281147\u202f0331", "name", "281147\u202f0331"),
    Case("Naja Petersen 04.11.95 1846", "name", "04.11.95 1846"),
    Case("Vagn Åge Sørensen 310737-0915", "name", "310737-0915"),
    Case("Lis Thygesen, CPR-nr. 09 12 48-1042", "name", "09 12 48-1042"),
    Case("Jens Christian Mølgaard, 200667 1879.", "name", "200667 1879"),
    Case("Camilla (cpr 061001-4632)", "name", "061001-4632"),
    Case("120156-1131 Aase Lind", "name", "120156-1131"),
    Case("Benny Jakobsen 1604580931", "name", "1604580931"),
    Case("Fatima Yousef 011285-2204", "name", "011285-2204"),
    Case("laura møller 250703-4414", "name", "250703-4414"),
    Case("Frank Iversen 310889_1743", "name", "310889_1743"),
    Case("Vivi Krog 120683 -2045", "name", "120683 -2045"),
    # === channel "on_behalf_of" =========================================
    Case("Min mor Inger Jensen, cpr 210431-0728", "on_behalf_of", "210431-0728"),
    Case("Dødsboet efter Karl Olsen (120330-0115)", "on_behalf_of", "120330-0115"),
    Case("Min søn Oliver 150808-4123", "on_behalf_of", "150808-4123"),
    Case("Min far, Erik Due, 230938–0451", "on_behalf_of", "230938–0451"),
    Case(
        "Grundejerforeningen Solsikken v/ formand Per Lund 120567-2231",
        "on_behalf_of",
        "120567-2231",
    ),
    Case("Mine børn: Alma 040512-4820", "on_behalf_of", "040512-4820"),
    Case(
        "Tømrer Bo Hansen (enkeltmandsvirksomhed), CPR 1104731577",
        "on_behalf_of",
        "1104731577",
    ),
    Case("Min ægtefælle Hanne Berg 31.08.62-1420", "on_behalf_of", "31.08.62-1420"),
    Case("Min datter Ida (cpr.nr. 170310 4628)", "on_behalf_of", "170310 4628"),
    Case(
        "Værge for Anders Kock, pers.nr. 050950\u20111333",
        "on_behalf_of",
        "050950\u20111333",
    ),
    Case("Fuldmagt fra Gerda Friis, 161223-0208", "on_behalf_of", "161223-0208"),
    Case(
        "Husstanden på Birkevej 9 (Tom 0203651247 og Lene 1809671538)",
        "on_behalf_of",
        "0203651247",
    ),
    Case(
        "Husstanden på Birkevej 9 (Tom 0203651247 og Lene 1809671538)",
        "on_behalf_of",
        "1809671538",
    ),
    Case(
        "Min bror, Kim Lauritsen, personnummer: 251075/1965",
        "on_behalf_of",
        "251075/1965",
    ),
    Case(
        "Beboerforeningen Toften – kontaktperson Rikke Holm 260684\u00a02116",
        "on_behalf_of",
        "260684\u00a02116",
    ),
    Case("Min morfar Svend (cpr 29-01-33-0713)", "on_behalf_of", "29-01-33-0713"),
    Case("Min plejesøn Ali, 071109-4517", "on_behalf_of", "071109-4517"),
    Case(
        "Dødsbo: Arne Vang, CPR-nr.: 310346\u22120939",
        "on_behalf_of",
        "310346\u22120939",
    ),
    Case("Min hustru Birgit 220849 – 1006", "on_behalf_of", "220849 – 1006"),
    Case(
        "Jens Olesen I/S v/ Jens Olesen 14.06.58.1615",
        "on_behalf_of",
        "14.06.58.1615",
    ),
    Case("min svigermor 090727-0540", "on_behalf_of", "090727-0540"),
    Case("Borger: Yasmin Haddad CPR 120198 2744", "on_behalf_of", "120198 2744"),
    # === channel "file_name": an attachment's file name ==================
    # (file names cannot contain "/" or ":", so those separators are absent)
    Case("ansøgning_120367-1234.pdf", "file_name", "120367-1234"),
    Case("cpr2304881962.pdf", "file_name", "2304881962"),
    Case("Jens_Hansen_120367-1234_klage.docx", "file_name", "120367-1234"),
    Case("høringssvar_1712883325.pdf", "file_name", "1712883325"),
    Case("Høringssvar Birthe Sørensen 230445-2218.docx", "file_name", "230445-2218"),
    Case("scan_150845_1022.pdf", "file_name", "150845_1022"),
    Case("CPR_010185-2939.pdf", "file_name", "010185-2939"),
    Case("0804791832.pdf", "file_name", "0804791832"),
    Case("indsigelse-lokalplan-112-030759-1451.pdf", "file_name", "030759-1451"),
    Case("Klage over hjemmepleje (cpr 131088-1941).docx", "file_name", "131088-1941"),
    Case("lægeerklæring_Mette_Holm_071070–1884.pdf", "file_name", "071070–1884"),
    Case("bilag 1 - 290264 3317.pdf", "file_name", "290264 3317"),
    Case("Udfyldt skema 12.06.84-2231.pdf", "file_name", "12.06.84-2231"),
    Case("skema_12-06-84-2231.odt", "file_name", "12-06-84-2231"),
    Case("CPR-nr 0909512648 Høringssvar.pdf", "file_name", "0909512648"),
    Case(
        "Ansøgning om handicapparkering - 170690-2377.docx",
        "file_name",
        "170690-2377",
    ),
    Case("foto_vandskade_2506871144.jpg", "file_name", "2506871144"),
    Case("Kopi af sygesikringskort 221155-0943.jpg", "file_name", "221155-0943"),
    Case("pas_og_cpr_300662_1205.pdf", "file_name", "300662_1205"),
    Case("Jens.Hansen.120367.1234.pdf", "file_name", "120367.1234"),
    Case("070963 1415 - høring.docx", "file_name", "070963 1415"),
    Case("høringssvar_cpr-nr_0611771183.odt", "file_name", "0611771183"),
    Case("Ole_Winther_020353-1945_indsigelse.pdf", "file_name", "020353-1945"),
    Case("fuldmagt_mor_010432-1186.pdf", "file_name", "010432-1186"),
    Case("dødsattest Karl Olsen 120330-0115.pdf", "file_name", "120330-0115"),
    Case("CPR 210999-1458.png", "file_name", "210999-1458"),
    Case("skærmbillede cpr 081194-2812.png", "file_name", "081194-2812"),
    Case("Erklæring_1404562287_underskrevet.pdf", "file_name", "1404562287"),
    Case("ansøgning(310175-2423).pdf", "file_name", "310175-2423"),
    Case("svar-til-kommunen-1312991538.docx", "file_name", "1312991538"),
    Case("Anne_Sofie_Jørgensen_290288-2326.pdf", "file_name", "290288-2326"),
    Case("Mette Holm 071070-1884 (2).pdf", "file_name", "071070-1884"),
    Case("klage_04.12.58-1137.docx", "file_name", "04.12.58-1137"),
    Case("høring_1907451206_final.pdf", "file_name", "1907451206"),
    Case("Indsigelse Per Lund 120567 - 2231.pdf", "file_name", "120567 - 2231"),
    Case("cprnr_2510482273.pdf", "file_name", "2510482273"),
    Case("MitCPR_1801931849.pdf", "file_name", "1801931849"),
    Case("personnummer-050592-3310.pdf", "file_name", "050592-3310"),
    Case("050505_4221_ansøgning.pdf", "file_name", "050505_4221"),
    Case("Scan 2024-03-15 - 180874-2265.pdf", "file_name", "180874-2265"),
    Case("bilag_A_231266-1447.odt", "file_name", "231266-1447"),
    Case("Høringssvar_Tove_Madsen_250341-0718.pdf", "file_name", "250341-0718"),
    Case("sag_24-1203_cpr_1903784411.pdf", "file_name", "1903784411"),
    Case("Kirsten Poulsen 150356—0828.docx", "file_name", "150356—0828"),
    Case("vedr_Mohammed_220479 3117.pdf", "file_name", "220479 3117"),
    Case("doc_0112851539.pdf", "file_name", "0112851539"),
    Case("klage_140508-4412_Freja.docx", "file_name", "140508-4412"),
    Case("2902603125 klage.pdf", "file_name", "2902603125"),
    Case("ERKLÆRING 11-11-45-0527.pdf", "file_name", "11-11-45-0527"),
    Case("underskrift_cpr0607891132.png", "file_name", "0607891132"),
    Case("høringssvar_from_Ahmad_010185_2939.docx", "file_name", "010185_2939"),
    Case("attest_060699_2437.pdf", "file_name", "060699_2437"),
    Case("Ansøgning-Ida-Lund-170310-4628.pdf", "file_name", "170310-4628"),
    Case("310890-1544_Aalborg_høringssvar.pdf", "file_name", "310890-1544"),
    Case("cpr_071280-1923_og_tlf_28459103.pdf", "file_name", "071280-1923"),
    Case("CPR.311000-4512.pdf", "file_name", "311000-4512"),
    Case("Lejekontrakt_og_CPR_01.08.67_1582.pdf", "file_name", "01.08.67_1582"),
    Case("lægepapirer 150193–1712.pdf", "file_name", "150193–1712"),
    Case("personnr 220855\u00a01317.docx", "file_name", "220855\u00a01317"),
    Case("Klage 230754- 1316.pdf", "file_name", "230754- 1316"),
    # === channel "docx": content of a Word attachment ====================
    Case(
        "Til Ballerup Kommune\nCenter for Miljø og Plan\n\nHøringssvar vedr. lokalplan 123\n\n"
        "Undertegnede, Jens Hansen, cpr-nr. 120367-1234, ejer af Vestervej 14, gør hermed "
        "indsigelse mod forslaget.\n\nMed venlig hilsen\nJens Hansen",
        "docx",
        "120367-1234",
    ),
    Case(
        "Roskilde, den 4. marts 2024\n\nVedr.: Skolestruktur\n\nVi er forældre til Ella "
        "(CPR: 210215-4916) og ønsker, at Tune Skole bevares.\n\nVenlig hilsen\nKatrine og "
        "Mads Berg",
        "docx",
        "210215-4916",
    ),
    Case(
        "INDSIGELSE\n\nNavn: Hanne Kristiansen\nCPR-nr.: 051163–1822\nAdresse: Møllevej 5, "
        "4600 Køge\n\nJeg gør indsigelse mod placeringen af den nye genbrugsstation.",
        "docx",
        "051163–1822",
    ),
    Case(
        "Kære udvalg\n\nJeg har boet på Solbakken i 31 år. Jeg er imod, at stien bliver "
        "asfalteret.\n\nMvh\nAase Holm\n180443\u20110714",
        "docx",
        "180443\u20110714",
    ),
    Case(
        "Høringssvar – Klimatilpasningsplan 2024\n\nFra: Thomas Vinther, cpr. 010690 2183\n\n"
        "1. Regnvandsbassinet bør ligge øst for Bygaden.\n2. Der mangler en plan for kælderne "
        "i Gammel By.",
        "docx",
        "010690 2183",
    ),
    Case(
        "Aarhus Kommune\nBorgerservice\n\nJeg (personnummer 24.08.51-1319) har modtaget jeres "
        "brev af 12/2 og er uenig i afgørelsen.\n\nVenlig hilsen Erik Lind",
        "docx",
        "24.08.51-1319",
    ),
    Case(
        "FULDMAGT\n\nUndertegnede Gerda Friis, cpr 161223-0208, giver hermed min datter "
        "Lone Friis, cpr 040757-1466, fuldmagt til at afgive høringssvar på mine vegne.\n\n"
        "Dato: 01.03.2024\nUnderskrift: Gerda Friis",
        "docx",
        "161223-0208",
    ),
    Case(
        "FULDMAGT\n\nUndertegnede Gerda Friis, cpr 161223-0208, giver hermed min datter "
        "Lone Friis, cpr 040757-1466, fuldmagt til at afgive høringssvar på mine vegne.\n\n"
        "Dato: 01.03.2024\nUnderskrift: Gerda Friis",
        "docx",
        "040757-1466",
    ),
    Case(
        "Vedr. ansøgning om dispensation fra lokalplanens § 7\n\nAnsøger: Brian Nørgaard\n"
        "Personnr.: 3009781549\nMatr.nr.: 12a Ballerup By, Ballerup\n\nJeg søger om at "
        "opføre et carport på 42 m².",
        "docx",
        "3009781549",
    ),
    Case(
        "Til Teknik- og Miljøudvalget\n\nJeg er meget imod den foreslåede fartbump på "
        "Åvej.\nMine oplysninger:\nNavn: Karin Storm\nCPR: 15 04 55-1340\nTlf.: 26 48 11 90\n"
        "\nHilsen Karin",
        "docx",
        "15 04 55-1340",
    ),
    Case(
        "Høringssvar\n\nEjer: Dødsboet efter Arne Vang\nAfdødes cpr: 310346-0939\n"
        "Bobestyrer: Advokat Jens Lauridsen\n\nBoet gør indsigelse mod ekspropriationen.",
        "docx",
        "310346-0939",
    ),
    Case(
        "Hej\n\nMin søn Viggo (cpr. 12.12.12-4413) er blevet visiteret til en skole 14 km "
        "væk. Det er uacceptabelt.\n\nHilsen Nanna",
        "docx",
        "12.12.12-4413",
    ),
    Case(
        "Kommentarer til forslag til Kommuneplan 2025\n\nAfsender: Jørgen Birk, CPR-nummer "
        "271054/1277, Havnegade 2, 5700 Svendborg\n\nJeg savner en plan for havnefronten.",
        "docx",
        "271054/1277",
    ),
    Case(
        "Indsigelse mod vindmølleprojekt ved Hjortkær\n\n\tNavn:\tPoul Sørensen\n"
        "\tCPR:\t020260-1845\n\tAdresse:\tHjortkærvej 41\n\nJeg ejer jorden nord for "
        "projektområdet.",
        "docx",
        "020260-1845",
    ),
    Case(
        "Til Socialforvaltningen\n\nJeg skriver på vegne af min bror, Kim (personnummer "
        "1707801953), som har en udviklingshæmning.\n\nVenlig hilsen\nLene Lauritsen",
        "docx",
        "1707801953",
    ),
    Case(
        "Borgerforslag: Bevar Byparken\n\nStiller: Amalie Kragh (CPR 090900\u00a04728)\n"
        "Medstiller: Oscar Krogh\n\nVi foreslår, at parken fredes.",
        "docx",
        "090900\u00a04728",
    ),
    Case(
        "Kære Kommune,\n\nSom nabo til Skovbrynet 14 protesterer jeg mod byggetilladelsen.\n\n"
        "Venlig hilsen\n\nPeter Hald\nSkovbrynet 12\nCPR 05.05.65 1439",
        "docx",
        "05.05.65 1439",
    ),
    Case(
        "Klage over affaldsafhentning\n\nKunde: Marianne Juhl\ncpr—nr: 261181—2356\n\n"
        "Min beholder er ikke tømt i 5 uger.",
        "docx",
        "261181—2356",
    ),
    Case(
        "Høringssvar fra Agnete Skov, cpr. 29.02.36-0828\n\nJeg er 88 år og kan ikke "
        "komme til borgermødet. Jeg ønsker at bevare busruten til lægehuset.",
        "docx",
        "29.02.36-0828",
    ),
    Case(
        "Tilmelding til borgerpanel\n\nFornavn: Oliver\nEfternavn: Dam\nCPR-nummer: "
        "1205974077\nE-mail: oliver.dam@example.dk",
        "docx",
        "1205974077",
    ),
    Case(
        "Til rette vedkommende.\n\nJeg vil gerne gøre indsigelse mod lokalplan 3.14. "
        "Min ejendom grænser op til området.\n\nmvh\nTorben Krag\n(cpr 010870 - 1611)",
        "docx",
        "010870 - 1611",
    ),
    Case(
        "Ansøgning om fritagelse for dækningsafgift\n\nVirksomhed: Blomster ved Bente "
        "(personligt ejet)\nIndehaver: Bente Munk, CPR 220371\u22121046\n\nBegrundelse: "
        "Omsætningen er faldet med 40 %.",
        "docx",
        "220371\u22121046",
    ),
    Case(
        "Klage\n\nUndertegnede Svend Bruun\u202f(cpr\u202f111139\u202f0253) klager hermed "
        "over nedlæggelsen af dagcentret.",
        "docx",
        "111139\u202f0253",
    ),
    # === channel "pdf": text extracted from a PDF attachment =============
    # (includes typical extraction artefacts: label and number on separate
    # lines, table cells, double spaces, page headers)
    Case(
        "Høringssvar\nLokalplan 1.217\nNavn\nCPR-nr.\nAdresse\nMette Lund\n200485-2934\n"
        "Parkvej 3, 2750 Ballerup\nJeg er imod byggeriets højde.",
        "pdf",
        "200485-2934",
    ),
    Case(
        "Side 1 af 2\nINDSIGELSE\nUndertegnede  Ole  Friis,  cpr.  050552-1107,  gør "
        "indsigelse  mod  vejprojektet.\nSide 2 af 2\nMed venlig hilsen Ole Friis",
        "pdf",
        "050552-1107",
    ),
    Case(
        "Kære Odense Kommune\nJeg har modtaget jeres afgørelse om hjemmehjælp. Jeg er "
        "uenig.\nCPR: 310738 0627\nVenlig hilsen\nElse Mikkelsen",
        "pdf",
        "310738 0627",
    ),
    Case(
        "ANSØGNING OM TILSKUD\nAnsøgers navn: Kasper Holt\nCPR-nummer:\n0211934485\n"
        "Formål: Istandsættelse af fredet stengærde",
        "pdf",
        "0211934485",
    ),
    Case(
        "Vedr. ekspropriation af del af matr.nr. 7ø Sengeløse By, Sengeløse\n\nEjere:\n"
        "Bent Kofoed (cpr 14.03.49-1355)\nLisbeth Kofoed (cpr 22.10.53-1248)\n\nVi protesterer.",
        "pdf",
        "14.03.49-1355",
    ),
    Case(
        "Vedr. ekspropriation af del af matr.nr. 7ø Sengeløse By, Sengeløse\n\nEjere:\n"
        "Bent Kofoed (cpr 14.03.49-1355)\nLisbeth Kofoed (cpr 22.10.53-1248)\n\nVi protesterer.",
        "pdf",
        "22.10.53-1248",
    ),
    Case(
        "Til Vejle Kommune\nHøringssvar om Trafikplan 2030\nJeg cykler dagligt på "
        "Horsensvej, og krydset ved Nørretorv er livsfarligt.\nMvh. Sune Bach, "
        "cpr\u2011nr. 190592\u20112265",
        "pdf",
        "190592\u20112265",
    ),
    Case(
        "Til Holbæk Kommune\nNavn: Inge Dahl Cpr: 030436-0518 Adresse: Rosenvej 2 Tlf.: "
        "75 82 14 63\nJeg er imod nedlukning af Rosenhaven Plejecenter.",
        "pdf",
        "030436-0518",
    ),
    Case(
        "KLAGE\n\nKlager:\t\tMads Overgaard\nPersonnummer:\t160587–3021\nSagsnr.:\t"
        "24/10233\n\nKlagen angår kommunens afslag af 12.01.2024.",
        "pdf",
        "160587–3021",
    ),
    Case(
        "Kære alle\nVi er en familie på fem i Vestbyen. Skolevejen er utryg.\n"
        "Forælder: Nina Kruse 250382 2119\nBarn: Lukas Kruse 300612 4537\nVenlig hilsen",
        "pdf",
        "250382 2119",
    ),
    Case(
        "Kære alle\nVi er en familie på fem i Vestbyen. Skolevejen er utryg.\n"
        "Forælder: Nina Kruse 250382 2119\nBarn: Lukas Kruse 300612 4537\nVenlig hilsen",
        "pdf",
        "300612 4537",
    ),
    Case(
        "Erklæring\nJeg, Knud Bjerg, personnr. 08/08/44-0931, erklærer hermed at være ejer "
        "af Bjerggården og modsætter mig råstofgravning.\nUnderskrift ______________",
        "pdf",
        "08/08/44-0931",
    ),
    Case(
        "Høringssvar\nBudget 2025-2028\nJeg vil opfordre til, at besparelsen på "
        "plejehjemmene droppes.\nVenlig hilsen\nTove Hartmann\nCPR.: 17.01.50.1203",
        "pdf",
        "17.01.50.1203",
    ),
    Case(
        "Ansøgning om byggetilladelse\nBygherre Søren Mikkelsen\nCPR 1111761287\n"
        "Byggeadresse Strandvej 9\nMatrikel 14b",
        "pdf",
        "1111761287",
    ),
    Case(
        "Høringssvar til Slagelse Kommune\nJeg, Hüseyin Kaya (cpr. 020273/1519) bor i "
        "Ringparken og ønsker at bevare den grønne kile.\nVenlig hilsen",
        "pdf",
        "020273/1519",
    ),
    Case(
        "Kære Sundhedsudvalg\nMin mand har ALS og har brug for BPA.\nHans cpr er "
        "240958\u00a0-\u00a01335.\nMed venlig hilsen\nJette",
        "pdf",
        "240958\u00a0-\u00a01335",
    ),
    Case(
        "Indsigelse mod lokalplan 5.33\nIndsiger: Stine Frank, personnummer 01.11.00 4829\n"
        "Jeg er 23 år og bor i området.",
        "pdf",
        "01.11.00 4829",
    ),
    Case(
        "Herning, 6. februar 2024\nTil Teknik & Miljø\nJeg er imod planerne for "
        "biogasanlæg.\nmvh Niels Kjær, Gl. Landevej 40, cpr 281262 - 1893",
        "pdf",
        "281262 - 1893",
    ),
    Case(
        "SKEMA TIL HØRINGSSVAR\nNavn Frederik Lang\nCPR-nr. (kun til sagsbehandling)\n"
        "130703–4621\nSvar Jeg støtter forslaget.",
        "pdf",
        "130703–4621",
    ),
    Case(
        "Til Køge Kommune\nJeg har tidligere indsendt et høringssvar, men har opdaget, at mit "
        "cpr. nummer var forkert. Det korrekte er 050199-3482.\nMvh. Anja",
        "pdf",
        "050199-3482",
    ),
    Case(
        "Page 1\nHøringssvar Vindmøller Nørhede\nLodsejer Arne Thomsen\nCPR 260831\u22120212\n"
        "Jeg ønsker værditabserstatning.",
        "pdf",
        "260831\u22120212",
    ),
    Case(
        "Vedr.: Lukning af Østre Bibliotek\nUnderskriftsindsamling:\n1. Lise Holm, "
        "1209614427\n2. Morten Holm, 3001581366\n(i alt 2 underskrifter)",
        "pdf",
        "1209614427",
    ),
    Case(
        "Vedr.: Lukning af Østre Bibliotek\nUnderskriftsindsamling:\n1. Lise Holm, "
        "1209614427\n2. Morten Holm, 3001581366\n(i alt 2 underskrifter)",
        "pdf",
        "3001581366",
    ),
    Case(
        "Sygedagpengesag\nNavn: Dennis Ravn\nCPR: 071082-3091\nJeg vil gerne klage over, "
        "at min sag har ligget stille i 4 måneder.",
        "pdf",
        "071082-3091",
    ),
    # === channel "odt": content of a LibreOffice attachment ==============
    Case(
        "Høringssvar\n\nJeg, Ejnar Bonde, cpr 150934-0513, er imod lukningen af posthuset i "
        "Ølby.\n\nEjnar Bonde\nByvej 4",
        "odt",
        "150934-0513",
    ),
    Case(
        "Til Frederiksberg Kommune\n\nVedr.: Trafiksanering af Falkoner Allé\n\nCPR-nr.: "
        "2911891734\n\nJeg synes, forslaget er godt, men der mangler cykelparkering.",
        "odt",
        "2911891734",
    ),
    Case(
        "Kære kommune\n\nMin mor (personnr. 03.03.33-0624) bor alene og har brug for "
        "madudbringning. Jeg svarer på hendes vegne.\n\nHilsen Søs",
        "odt",
        "03.03.33-0624",
    ),
    Case(
        "INDSIGELSE\n\nNavn ......... Arne Kirk\nCPR .......... 060644–1117\nAdresse ...... "
        "Kirkebakken 3\n\nIndsigelsen gælder lokalplan 7.02.",
        "odt",
        "060644–1117",
    ),
    Case(
        "Hej\n\nvi er en gruppe naboer der er imod fitnessparken.\n\nKontaktperson: "
        "Ronja Eg cpr 180995\u202f2644\n\nvh",
        "odt",
        "180995\u202f2644",
    ),
    Case(
        "Høringssvar vedr. ændring af åbningstider i Borgerservice\n\nJeg arbejder til kl. 17 "
        "og kan ikke nå det.\n\nMvh\nLeila Nasser\ncpr: 22-07-86-2530",
        "odt",
        "22-07-86-2530",
    ),
    Case(
        "Til Aalborg Kommune, Sundhed og Kultur\n\nUndertegnede Bo Vestergaard (CPR "
        "301055/1482) ønsker at udtale sig om planerne for Kunsten.",
        "odt",
        "301055/1482",
    ),
    Case(
        "Vedrørende nedlæggelse af badeanstalten\n\nJeg har svømmet her i 40 år. "
        "Luk den ikke!\n\nJohanne Aagaard\n101147-0616",
        "odt",
        "101147-0616",
    ),
    Case(
        "Ansøgning om § 41-tilskud\n\nBarnets navn: Liva\nBarnets cpr: 040419-4814\n"
        "Forælders navn: Simon Brix\nForælders cpr: 121188-1275",
        "odt",
        "040419-4814",
    ),
    Case(
        "Ansøgning om § 41-tilskud\n\nBarnets navn: Liva\nBarnets cpr: 040419-4814\n"
        "Forælders navn: Simon Brix\nForælders cpr: 121188-1275",
        "odt",
        "121188-1275",
    ),
    Case(
        "Klage over støj fra Roskilde Festival\n\nJeg bor på Darupvej og kan ikke sove i 8 "
        "døgn.\n\nVenlig hilsen\nHolger Sand (cpr.nr. 230176.1326)",
        "odt",
        "230176.1326",
    ),
    Case(
        "Høringssvar\n\nCPR 01 06 47 - 0829\nNavn Grethe Lind\n\nJeg vil bevare "
        "hjemmeplejen i kommunalt regi.",
        "odt",
        "01 06 47 - 0829",
    ),
    Case(
        "Indsigelse\n\nVi, Tom og Sidsel Berg, ejere af Engtoften 2 (cpr 170462—1419 og "
        "cpr 080666—2028), gør indsigelse mod jordvarmeanlægget.",
        "odt",
        "170462—1419",
    ),
    Case(
        "Indsigelse\n\nVi, Tom og Sidsel Berg, ejere af Engtoften 2 (cpr 170462—1419 og "
        "cpr 080666—2028), gør indsigelse mod jordvarmeanlægget.",
        "odt",
        "080666—2028",
    ),
    Case(
        "Kære Byråd\n\nJeg er 17 år og går på Hansenberg. Bussen kører kun hver time.\n"
        "Mit cpr er 250906\u22124329\n\nHilsen Mikkel",
        "odt",
        "250906\u22124329",
    ),
    Case(
        "Til Teknisk Forvaltning\n\nSe vedlagte billeder af vejhullet ud for nr. 14.\n"
        "Anmelder: Bjarke Friis, pers.nr. 131177 1583, tlf. 60 71 22 09",
        "odt",
        "131177 1583",
    ),
    Case(
        "HØRINGSSVAR\nfra\nLisbeth Hvid\n(cpr. 09.09.69 2415)\n\nJeg støtter etablering af "
        "en hundeskov.",
        "odt",
        "09.09.69 2415",
    ),
    Case(
        "Til Esbjerg Kommune\n\nSom fisker i Esbjerg Havn siden 1978 er jeg imod "
        "udvidelsen.\n\nMvh\nFinn Eriksen\nCPR-nr. 311252\u00a01939",
        "odt",
        "311252\u00a01939",
    ),
    Case(
        "Kære Kultur- og Fritidsudvalg\n\nVores spejdergruppe mister sin hytte.\n\n"
        "Gruppeleder: Anders Juul, CPR 0303731611, Spejdervej 1",
        "odt",
        "0303731611",
    ),
    Case(
        "Høringssvar om takstblad 2025\n\nJeg mener, at prisen for svømmehallen er for "
        "høj.\n\nDorte Lund\ncpr_nr 140866_2321",
        "odt",
        "140866_2321",
    ),
    Case(
        "Til Helsingør Kommune\nVedr. Lokalplan 1.38 Kronborg Kvarter\n\nSom ejer af "
        "matr. nr. 47 (personnummer 281045-0316) protesterer jeg mod højhuset.",
        "odt",
        "281045-0316",
    ),
    Case(
        "Anmodning om aktindsigt\n\nJeg anmoder om aktindsigt i sagen om skolelukningen.\n"
        "Navn: Kirsten Helms\nCPR: 12.10.92-1850\nDato: 10.03.2024",
        "odt",
        "12.10.92-1850",
    ),
]


# ---------------------------------------------------------------------------
# HARD_POSITIVES: real CPR numbers written in plausible but unusual ways.
# Kept apart because a screener that misses them is not obviously wrong on
# the "normal" set; all of them are nonetheless complete CPR numbers.
# ---------------------------------------------------------------------------

HARD_POSITIVES: list[Case] = [
    # an extra space inside the serial (typed in pairs, like a phone number)
    Case("Mit cpr er 120367-12 34", "text", "120367-12 34"),
    Case("CPR 030451 - 11 27", "text", "030451 - 11 27"),
    Case("Kurt Vinge 170863-14 92", "name", "170863-14 92"),
    # every digit in pairs, like a phone number
    Case("cpr 14 05 72 13 28", "text", "14 05 72 13 28"),
    Case("Mit personnummer: 26 09 84 21 19", "text", "26 09 84 21 19"),
    # digits spaced out by the boxes of a paper form (PDF text extraction)
    Case(
        "BLANKET B12\nCPR-nummer: 2 3 0 4 4 5 - 2 2 1 8\nNavn: Birthe Sørensen",
        "pdf",
        "2 3 0 4 4 5 - 2 2 1 8",
    ),
    Case(
        "Ansøgningsskema\nPersonnummer 1 1 0 6 7 0 1 5 3 3\nUnderskrift",
        "pdf",
        "1 1 0 6 7 0 1 5 3 3",
    ),
    # line wrapped at the hyphen in a justified PDF
    Case(
        "Til Kalundborg Kommune\nJeg har tidligere skrevet til kommunen, og mit "
        "personnummer er 180562-\n1427, hvilket I burde kunne finde i jeres system.\n"
        "Venlig hilsen Ib Holm",
        "pdf",
        "180562-\n1427",
    ),
    # invisible characters from copy-paste (zero-width space, soft hyphen)
    Case("Cpr: 050690\u200b-1218", "text", "050690\u200b-1218"),
    Case(
        "Til Horsens Kommune\n\nHøringssvar fra Anja Kirk, cpr-nr. 221084\u00ad1936\n\n"
        "Jeg støtter den nye skatepark.",
        "docx",
        "221084\u00ad1936",
    ),
    # the hyphen typed one place too early: still ten digits and a valid date
    Case("Mit cpr-nr. er 19097-81244", "text", "19097-81244"),
    Case("cpr 0104 75-1660", "text", "0104 75-1660"),
]


# ---------------------------------------------------------------------------
# NEGATIVES: must not be flagged as CPR. ``other`` = what may rightly be
# flagged instead (EMPTY: neither cpr nor phone).
# ---------------------------------------------------------------------------

NEGATIVES: list[Case] = [
    # === channel "text" ==================================================
    # --- Danish phone numbers ---
    Case("Ring gerne på tlf. 44 77 20 00, hvis I har spørgsmål.", "text", None, PHONE),
    Case("Du kan fange mig på 23 45 67 89 efter kl. 16.", "text", None, PHONE),
    Case("Mobil: +45 40123456", "text", None, PHONE),
    Case("tlf.: 0045 2845 9103", "text", None, PHONE),
    Case("Mit nummer er 61 23 45 67.", "text", None, PHONE),
    Case(
        "Kontakt mig på +45 28 45 91 03 eller jens.hansen@gmail.com",
        "text",
        None,
        PHONE_EMAIL,
    ),
    Case(
        "Ring til Borgerservice på 70 10 20 30 mellem 10.00-14.00.",
        "text",
        None,
        PHONE,
    ),
    Case("Tlf. 44 77 20 00, lokal 2031", "text", None, PHONE),
    Case("tlf 4477 2000 ext. 12", "text", None, PHONE),
    Case("Ring på (+45) 87 65 43 21.", "text", None, PHONE),
    Case("Send en sms til 26 12 88 45, så ringer jeg tilbage.", "text", None, PHONE),
    Case("Telefon: 33 66 33 66 / mobil: 29 87 65 43", "text", None, PHONE),
    Case("Tlf.nr. 98765432", "text", None, PHONE),
    Case("Min telefon er 50 50 12 12 - ring efter kl. 17", "text", None, PHONE),
    Case("Nummer: 4012-3456", "text", None, PHONE),
    Case("mobil 30 12 34 56 (også SMS)", "text", None, PHONE),
    Case("Tlf. +4520304050", "text", None, PHONE),
    Case("Kontakt formand Jens Lund, tlf. 2171 8899.", "text", None, PHONE),
    Case("Ring 22 33 44 55 d. 12/3 mellem 9-12.", "text", None, PHONE),
    Case("Hilsen Bodil, 36 41 22 80", "text", None, PHONE),
    Case("+45 12345678", "text", None, PHONE),
    Case("Vagttelefon 70 20 14 14 (døgnåben)", "text", None, PHONE),
    Case("Tlf. 86 12 34 56 – 86 12 34 57", "text", None, PHONE),
    # --- CVR / SE numbers: must NOT be flagged, not even as phone ---
    Case("Virksomhedens CVR 29189730 fremgår af fakturaen.", "text", None, EMPTY),
    Case("CVR-nr. 29 18 97 30", "text", None, EMPTY),
    Case("cvr: 29189730", "text", None, EMPTY),
    Case("SE-nr. 12345678", "text", None, EMPTY),
    Case(
        "Vi er et lille ApS (CVR-nummer 26150620) og har 4 ansatte.",
        "text",
        None,
        EMPTY,
    ),
    Case("Foreningens cvr.nr. er 38299697.", "text", None, EMPTY),
    Case(
        "Entreprenøren (cvr 12631154) har ikke overholdt arbejdstiderne.",
        "text",
        None,
        EMPTY,
    ),
    Case(
        "Faktura udstedt af Malerfirma Holm, CVR 28115318, SE 35890025.",
        "text",
        None,
        EMPTY,
    ),
    Case("CVR. nr: 1785 8165", "text", None, EMPTY),
    Case("Landbrug I/S, CVR:43131176", "text", None, EMPTY),
    Case("CVR 15407719, P-nr. 1000123456", "text", None, EMPTY),
    Case(
        "Tømrerfirma Bo Hansen ApS, CVR 19188957, tlf. 40 12 34 56",
        "text",
        None,
        PHONE,
    ),
    # --- dates in every format ---
    Case("Mødet blev holdt den 01.02.2003 på rådhuset.", "text", None, EMPTY),
    Case("Jeg flyttede ind 1/2-2003.", "text", None, EMPTY),
    Case("Frist: 01-02-2003", "text", None, EMPTY),
    Case("Dato: 2003-02-01", "text", None, EMPTY),
    Case(
        "Vi var til borgermøde d. 12/3-24 og blev meget skuffede.",
        "text",
        None,
        EMPTY,
    ),
    Case("Borgermødet 12.03.24 kl. 14.30 var alt for kort.", "text", None, EMPTY),
    Case(
        "Høringsperioden løber fra 15. januar 2024 til 12. februar 2024.",
        "text",
        None,
        EMPTY,
    ),
    Case("Jeg har boet her siden 1.4.1987.", "text", None, EMPTY),
    Case("Indsendt 29.02.2024 kl. 23:59.", "text", None, EMPTY),
    Case("Ref. vores mail af 31/12-2023 kl. 10.15", "text", None, EMPTY),
    Case("Der er møde den 3.3.24 og den 4.3.24.", "text", None, EMPTY),
    Case(
        "Byggeriet stod på fra 01.06.2022-31.12.2023.",
        "text",
        None,
        EMPTY,
    ),
    Case("Jeg er født 12.03.67 og har boet her hele livet.", "text", None, EMPTY),
    Case("Født 120367 i Vejle.", "text", None, EMPTY),
    Case("Dato/tid: 2024-03-01T14:30:00", "text", None, EMPTY),
    Case("Sendt fra min iPhone 12.03.2024 14:30", "text", None, EMPTY),
    Case("d. 5/11-23 kl. 19-21", "text", None, EMPTY),
    Case("Mødet 01.02.03 kl. 10 blev aflyst.", "text", None, EMPTY),
    # --- year and time ranges ---
    Case("Periode: 2020-2024", "text", None, EMPTY),
    Case("Kommuneplan 2021-2033 skal revideres.", "text", None, EMPTY),
    Case("Åbningstider 10.00-12.00 og 13.00–15.30", "text", None, EMPTY),
    Case("Sommerferie i uge 28-31.", "text", None, EMPTY),
    Case("Byggepladsen larmer kl. 06.30-07.15 hver morgen.", "text", None, EMPTY),
    Case("Vi har boet her 1990–2010 og igen fra 2015.", "text", None, EMPTY),
    # --- case, journal, plan and law references ---
    Case("Jeres sag nr. 24/12345", "text", None, EMPTY),
    Case("j.nr. 01.02.03-P20-1-24", "text", None, EMPTY),
    Case("ESDH 2024-012345", "text", None, EMPTY),
    Case("KLE 01.02.05", "text", None, EMPTY),
    Case("Sagsnr.: 23-045678", "text", None, EMPTY),
    Case(
        "Vedr. jeres ref. 2023-0123456 (Teknik og Miljø)",
        "text",
        None,
        EMPTY,
    ),
    Case("Journalnummer 82.07.00-P19-3-23", "text", None, EMPTY),
    Case(
        "Lokalplan 123 og tillæg nr. 4 til Kommuneplan 2021",
        "text",
        None,
        EMPTY,
    ),
    Case("Lokalplan nr. 1.217", "text", None, EMPTY),
    Case("I henhold til § 19, stk. 2, skal der dispenseres.", "text", None, EMPTY),
    Case("jf. planlovens § 15, stk. 2, nr. 18", "text", None, EMPTY),
    Case("Ejendomsnummer: 0151 012345", "text", None, EMPTY),
    Case("Deres brev af 14.02.2024, j.nr. 24/3101", "text", None, EMPTY),
    Case("BOM-sag 10-2024-012345", "text", None, EMPTY),
    Case("SBSYS 27.00.00-G01-1-24", "text", None, EMPTY),
    Case("LBK nr. 1157 af 01/07/2020", "text", None, EMPTY),
    Case(
        "Natur- og Miljøklagenævnets afgørelse af 23. februar 2023 (sag 22/06543)",
        "text",
        None,
        EMPTY,
    ),
    Case("Sagsnr. 2024012345", "text", None, EMPTY),
    Case("Matrikel nr. 12a Ballerup By, Ballerup", "text", None, EMPTY),
    Case("matr.nr. 7ø, Sengeløse By, Sengeløse", "text", None, EMPTY),
    Case("BBR-nr. 151-012345-001", "text", None, EMPTY),
    # --- amounts and percentages ---
    Case("Projektet koster 1.234.567 kr.", "text", None, EMPTY),
    Case("Ejendomsskatten steg til kr. 12.345,50 om året.", "text", None, EMPTY),
    Case("Budget: 2.500.000,00", "text", None, EMPTY),
    Case("Vi betaler 4.850 kr. om måneden for SFO.", "text", None, EMPTY),
    Case("Tilskud på 125.000,- kr.", "text", None, EMPTY),
    Case("Kr. 1.045.300,75 ekskl. moms", "text", None, EMPTY),
    Case("Skatten stiger 12,5 % og 85% af os er imod.", "text", None, EMPTY),
    Case("Ejendomsværdi 2.450.000, grundværdi 1.120.500", "text", None, EMPTY),
    Case("Underskuddet er på 12.345.678,90 kr.", "text", None, EMPTY),
    # --- postcodes and addresses ---
    Case("Jeg bor i 2750 Ballerup.", "text", None, ADDRESS),
    Case("Bygaden 12, 2750 Ballerup", "text", None, ADDRESS),
    Case("Rådhuspladsen 1, 1550 København V", "text", None, ADDRESS),
    Case("Søndergade 45, st. tv., 8000 Aarhus C", "text", None, ADDRESS),
    Case("Postboks 1234, 1500 København V", "text", None, ADDRESS),
    Case("Hus nr. 12, 3. sal, lejlighed 1234", "text", None, EMPTY),
    # --- bank details ---
    # A Danish account number is up to 10 digits. These are kept as negatives
    # because their first six digits are not a valid date. An account number
    # whose first six digits happen to form a date is indistinguishable from
    # a CPR without reading the label (genuinely ambiguous), so none is here.
    Case(
        "Beløbet bedes indsat på reg.nr. 1234 kontonr. 0012345678.",
        "text",
        None,
        EMPTY,
    ),
    Case("Reg.nr. 3456 kontonr. 4567123456", "text", None, EMPTY),
    Case("Reg. 9570 konto 0012 345 678", "text", None, EMPTY),
    Case("IBAN: DK50 0040 0440 1162 43", "text", None, EMPTY),
    Case("IBAN DK5000400440116243, BIC DABADKKK", "text", None, EMPTY),
    Case("Kontonummer 5301-0000345678", "text", None, EMPTY),
    # --- ISBN, EAN, invoice, order and customer numbers ---
    Case("ISBN 978-87-7714-123-4", "text", None, EMPTY),
    Case("Se bogen om Ballerups historie (ISBN 87-7714-123-4).", "text", None, EMPTY),
    Case("ISBN 9788771412347", "text", None, EMPTY),
    Case("ISBN-10: 8777141234", "text", None, EMPTY),
    Case("EAN 5790000123456", "text", None, EMPTY),
    Case("Stregkode: 5701234567891", "text", None, EMPTY),
    Case("Fakturer til EAN-nr. 5798000123456", "text", None, EMPTY),
    Case("Fakturanr. 2024-00123", "text", None, EMPTY),
    Case("Ordrenummer 4001234567", "text", None, EMPTY),
    Case("Kvitteringsnr. 9876543210", "text", None, EMPTY),
    Case("Ordre #500112233", "text", None, EMPTY),
    Case("Kundenummer 123456789012", "text", None, EMPTY),
    Case("Sporingsnummer 00370712345678901234", "text", None, EMPTY),
    Case("Målernummer 5701234567890123", "text", None, EMPTY),
    Case("Billetnr. 1234-5678-9012", "text", None, EMPTY),
    Case("Fakturanr. 1313131313", "text", None, EMPTY),
    # P-numbers (production units) are ten digits. Ones whose first six digits
    # form a date (e.g. 10.03.38) are genuinely ambiguous and left out.
    Case("P-nummer 1000987654", "text", None, EMPTY),
    # --- ten-digit numbers whose first six digits are not a valid date ---
    Case("Kode: 3213451234", "text", None, EMPTY),
    Case("Reference 991399-1234", "text", None, EMPTY),
    Case("Nr. 320199-1234", "text", None, EMPTY),
    Case("Bilagsnummer 011399-1234", "text", None, EMPTY),
    Case("Løbenummer 000199-1234", "text", None, EMPTY),
    Case("Id 451205-1234", "text", None, EMPTY),
    Case("Ref: 010099-1234", "text", None, EMPTY),
    # Ambiguous: invalid calendar dates (31 April, 30 February, 31 June,
    # 31 November, 29 February in a non-leap year). Not a CPR by definition,
    # but a citizen's typo would look exactly like this.
    Case("Referencenummer 310499-1234", "text", None, EMPTY),
    Case("Kode 300290-1234", "text", None, EMPTY),
    Case("Nr. 310691-2244", "text", None, EMPTY),
    Case("Reference: 311188-1234", "text", None, EMPTY),
    Case("Sagsreference 290201-1234", "text", None, EMPTY),
    Case("Bestillingsnr. 290299-1234", "text", None, EMPTY),
    # --- GPS, plates, versions, measurements, misc ---
    Case("Placering: 55.7308, 12.3634", "text", None, EMPTY),
    Case("Koordinater 55°43'51.0\"N 12°21'48.2\"E", "text", None, EMPTY),
    Case("Koordinater: 55.730812, 12.363405", "text", None, EMPTY),
    Case("UTM 32N 712345 6178123", "text", None, EMPTY),
    Case(
        "Bilen med nummerpladen AB 12 345 holder altid på fortovet.",
        "text",
        None,
        EMPTY,
    ),
    Case("Varebil CX 45 678 kører for stærkt.", "text", None, EMPTY),
    Case("Jeg bruger version 2.3.14 af appen på iOS 17.3.1.", "text", None, EMPTY),
    Case("Se bilag v1.02.03", "text", None, EMPTY),
    Case(
        "Bygningen bliver 12,5 m høj og får 1.234 m2 etageareal.",
        "text",
        None,
        EMPTY,
    ),
    Case("ÅDT på Ring 3 er 45.678 køretøjer.", "text", None, EMPTY),
    Case("Vi er 1.234 borgere, der har skrevet under.", "text", None, EMPTY),
    Case("Bus 350S kl. 07.12 og 07.42", "text", None, EMPTY),
    Case("Afstanden er 450-600 meter.", "text", None, EMPTY),
    Case("Postnumrene 2600-2650 er berørt.", "text", None, EMPTY),
    Case("Kampen endte 3-1.", "text", None, EMPTY),
    # --- CPR mentioned, but no number given ---
    Case("Jeg vil ikke oplyse mit cpr-nummer her.", "text", None, EMPTY),
    Case("cpr-nr.: ______-____", "text", None, EMPTY),
    Case("CPR: xxxxxx-xxxx", "text", None, EMPTY),
    Case("Skal man skrive sit cpr nr?", "text", None, EMPTY),
    # --- e-mail addresses with digits ---
    Case("Skriv til birthe230445@hotmail.com", "text", None, EMAIL),
    Case("Mail: kaj1945@mail.dk", "text", None, EMAIL),
    # --- mixed, realistic ---
    Case(
        "Mødet d. 12.03.2024 kl. 19.00 i lokale 1.234 på rådhuset var godt.",
        "text",
        None,
        EMPTY,
    ),
    Case(
        "Jeg har ringet 4 gange til 44 77 20 00 siden 1/2-2024 uden svar (sag 24/1203).",
        "text",
        None,
        PHONE,
    ),
    Case(
        "Vi har betalt 12.500 kr. i 2023 og 14.250 kr. i 2024 - en stigning på 14 %.",
        "text",
        None,
        EMPTY,
    ),
    Case(
        "Lokalplan 1.217, § 5, stk. 3: max. 8,5 m. Jeres tegning nr. 2024-117 viser 12 m.",
        "text",
        None,
        EMPTY,
    ),
    Case(
        "Jeg bor på Vestervej 14, 2750 Ballerup, og kan nås på 23 45 67 89.",
        "text",
        None,
        PHONE_ADDRESS,
    ),
    Case(
        "Høringssvar til forslag til Spildevandsplan 2024-2030, jf. bekendtgørelse nr. 1444 "
        "af 30/06/2023.",
        "text",
        None,
        EMPTY,
    ),
    Case("Min søn er født 07.07.2007 og går i 10.A.", "text", None, EMPTY),
    Case("Der blev målt 67,5 dB(A) d. 15.08.23 kl. 22.10.", "text", None, EMPTY),
    # === channel "name" ==================================================
    Case("Jens Hansen", "name", None, EMPTY),
    Case("Birthe Sørensen, tlf. 40 12 34 56", "name", None, PHONE),
    Case("Karen Nielsen (mobil +45 28 45 91 03)", "name", None, PHONE),
    Case("Poul Erik Madsen, 2750 Ballerup", "name", None, ADDRESS),
    Case("Ahmad Rahimi 23456789", "name", None, PHONE),
    Case("Lars Bo Mikkelsen, Vestervej 14", "name", None, ADDRESS),
    Case("Hanne Kjær, født 1967", "name", None, EMPTY),
    Case("Mette Holm (3. klasse, Lindeskolen)", "name", None, EMPTY),
    Case("Michael Andersen <m.andersen@outlook.dk>", "name", None, EMAIL),
    Case("Tove Madsen 50 12 88 45", "name", None, PHONE),
    Case("Kirsten Poulsen, 0045 2012 4455", "name", None, PHONE),
    Case("Niels Holm, Bakkedraget 12, 3.th.", "name", None, ADDRESS),
    Case("Familien Jensen (4 personer)", "name", None, EMPTY),
    Case("Gitte Larsen (f. 12.07.77)", "name", None, EMPTY),
    Case("Peter Lund, lejlighed 1234", "name", None, EMPTY),
    Case("Christian IV", "name", None, EMPTY),
    Case("Søren 2. sal", "name", None, EMPTY),
    # === channel "on_behalf_of" ==========================================
    Case("Grundejerforeningen Solsikken, CVR 35530983", "on_behalf_of", None, EMPTY),
    Case(
        "Ballerup Cykelklub v/ formanden, tlf. 44 77 20 00",
        "on_behalf_of",
        None,
        PHONE,
    ),
    Case("Andelsboligforeningen Toften, matr.nr. 12a", "on_behalf_of", None, EMPTY),
    Case("Danmarks Naturfredningsforening, afd. Ballerup", "on_behalf_of", None, EMPTY),
    Case("Beboerforeningen Blok 4-12", "on_behalf_of", None, EMPTY),
    Case("Tømrerfirma Bo Hansen ApS (CVR-nr. 4587 5792)", "on_behalf_of", None, EMPTY),
    Case("Min mor, Inger Jensen, f. 1932", "on_behalf_of", None, EMPTY),
    Case(
        "Skolebestyrelsen ved Højvangskolen, kontakt 29 87 65 43",
        "on_behalf_of",
        None,
        PHONE,
    ),
    Case("Ejerforeningen Strandparken 1-31", "on_behalf_of", None, EMPTY),
    Case("Landbrug I/S, SE-nr. 36448946", "on_behalf_of", None, EMPTY),
    Case("Menighedsrådet Tune Sogn, tlf. +45 46 13 70 45", "on_behalf_of", None, PHONE),
    Case("Lokalrådet for Hareskov (stiftet 01.02.2003)", "on_behalf_of", None, EMPTY),
    Case("Vejlauget Bakkevej 2-24, kontakt@bakkevej.dk", "on_behalf_of", None, EMAIL),
    Case(
        "Foreningen til Bevarelse af Kirkebakken, reg.nr. 1234 konto 0012345678",
        "on_behalf_of",
        None,
        EMPTY,
    ),
    Case("Afdeling 12-03, Boligselskabet Vesterled", "on_behalf_of", None, EMPTY),
    # === channel "file_name" =============================================
    Case("høringssvar_2024-03-01.pdf", "file_name", None, EMPTY),
    # Ambiguous: an eight-digit number alone in a file name could be a phone
    # number, a CVR number or a case number; flagging it as phone is tolerated.
    Case("bilag_12345678.pdf", "file_name", None, PHONE),
    Case("tlf_liste_44772000.pdf", "file_name", None, PHONE),
    # Ambiguous: camera/phone file names carry a compact date (20240301) that
    # looks like a mobile number; flagging it as phone is tolerated.
    Case("IMG_20240301_123456.jpg", "file_name", None, PHONE),
    Case("PXL_20240301_143012345.jpg", "file_name", None, PHONE),
    Case("Screenshot_20240301-143012.png", "file_name", None, PHONE),
    # Ambiguous: scanner file name whose 11-digit run contains a date-like
    # ten-digit prefix (2403151206); it is part of a longer number.
    Case("SKM_C300i24031512060.pdf", "file_name", None, EMPTY),
    Case("Lokalplan_123_høringssvar.docx", "file_name", None, EMPTY),
    Case("Scan 2024-03-15 14.30.12.pdf", "file_name", None, EMPTY),
    Case("WhatsApp Image 2024-03-01 at 14.30.12.jpeg", "file_name", None, EMPTY),
    Case("faktura_2024-00123.pdf", "file_name", None, EMPTY),
    Case("Dokument1.docx", "file_name", None, EMPTY),
    Case("høringssvar (2).pdf", "file_name", None, EMPTY),
    Case("kort_matr_12a_Ballerup_By.pdf", "file_name", None, EMPTY),
    Case("tegning_rev_1.02.03.pdf", "file_name", None, EMPTY),
    Case("CVR_29189730_årsrapport_2023.pdf", "file_name", None, EMPTY),
    Case("foto_0012345678.jpg", "file_name", None, EMPTY),
    Case("Referat_borgermøde_12.03.24.pdf", "file_name", None, EMPTY),
    Case("Høringssvar_lokalplan_1.217_v2.docx", "file_name", None, EMPTY),
    Case("indsigelse 2020-2024.pdf", "file_name", None, EMPTY),
    Case("billede 1 af 12.jpg", "file_name", None, EMPTY),
    Case("DSC_0042.JPG", "file_name", None, EMPTY),
    Case("budget_2.500.000.xlsx", "file_name", None, EMPTY),
    Case("ordre_4001234567.pdf", "file_name", None, EMPTY),
    Case("skema_udfyldt_01.02.2024.pdf", "file_name", None, EMPTY),
    Case("sag_24-12345_bilag_3.pdf", "file_name", None, EMPTY),
    Case("IBAN_DK5000400440116243.pdf", "file_name", None, EMPTY),
    # === attachments: "docx", "pdf", "odt" ===============================
    Case(
        "Til Ballerup Kommune\n\nHøringssvar vedr. lokalplan 123\n\nJeg er imod forslaget.\n\n"
        "Med venlig hilsen\nJens Hansen\nVestervej 14, 2750 Ballerup\nTlf. 40 12 34 56",
        "docx",
        None,
        PHONE_ADDRESS,
    ),
    Case(
        "Faktura nr. 2024-0117\nDato: 01.03.2024\nMalerfirma Holm ApS\nCVR 28115318\n"
        "Beløb: kr. 12.345,50\nBetales til reg.nr. 1234 kontonr. 0012345678",
        "docx",
        None,
        EMPTY,
    ),
    Case(
        "Referat af borgermøde 12.03.24 kl. 19.00-21.30\n\nDeltagere: 85\nSag nr. 24/12345\n"
        "Næste møde: 2024-04-16",
        "docx",
        None,
        EMPTY,
    ),
    Case(
        "Kære udvalg\n\nVi har samlet 1.234 underskrifter mod lukningen (se bilag 1-3).\n\n"
        "Kontakt: Lise Holm, mobil 26 12 88 45",
        "docx",
        None,
        PHONE,
    ),
    Case(
        "Ansøgning om tilskud\nForening: Spejderne i Tune, CVR-nr. 29 18 97 30\n"
        "Beløb: 25.000 kr.\nPeriode: 2024-2025",
        "docx",
        None,
        EMPTY,
    ),
    Case(
        "Høringssvar\nLokalplan 5.33, j.nr. 01.02.03-P20-1-24\nMatr.nr. 14b Tune By, Tune\n"
        "Bygningen bliver 12,5 m høj, jf. § 6, stk. 2.",
        "pdf",
        None,
        EMPTY,
    ),
    Case(
        "Side 1 af 3\nStøjmåling udført 15.08.2023 kl. 22.00-23.00\nMålt: 67,5 dB\n"
        "Koordinater 55.7308, 12.3634\nRapport nr. 2023-0815-01",
        "pdf",
        None,
        EMPTY,
    ),
    Case(
        "Ordrebekræftelse\nOrdrenummer 4001234567\nEAN 5790000123456\nLevering uge 12\n"
        "Kundeservice: 70 10 20 30",
        "pdf",
        None,
        PHONE,
    ),
    Case(
        "Kvittering\nDato: 2024-03-01\nISBN 978-87-7714-123-4\nPris kr. 299,95\n"
        "Butik: Boghandlen, CVR 17858165",
        "pdf",
        None,
        EMPTY,
    ),
    Case(
        "Indsigelse\nVi ejer Engtoften 2, 4000 Roskilde, og er imod jordvarmeanlægget.\n"
        "Sidsel og Tom Berg\nTlf. 46 35 12 80 / 28 45 91 03",
        "pdf",
        None,
        PHONE_ADDRESS,
    ),
    Case(
        "Høringssvar\n\nJeg har boet i kommunen siden 1.4.1987 og betaler 4.850 kr. om "
        "måneden.\n\nMvh Johanne\njohanne.aagaard@mail.dk",
        "odt",
        None,
        EMAIL,
    ),
    Case(
        "Til Teknisk Forvaltning\n\nVejhullet ud for nr. 14 er nu 30 cm dybt.\nAnmeldt "
        "første gang 12/3-24, sag 24/3101.\n\nBjarke, 60 71 22 09",
        "odt",
        None,
        PHONE,
    ),
    Case(
        "Budgetforslag 2025-2028\n\nSkolerne: 2.500.000,00\nÆldreplejen: 1.234.567,00\n"
        "I alt: 3.734.567,00",
        "odt",
        None,
        EMPTY,
    ),
    Case(
        "Vedtægter for Vejlauget Bakkevej 2-24\n\n§ 1. Navn\n§ 2. Formål\n\nVedtaget "
        "01.02.2003, ændret 2024-03-01.\nCVR 35530983",
        "odt",
        None,
        EMPTY,
    ),
    Case(
        "Kære Byråd\n\nBussen kører kun hver time (kl. 06.12, 07.12, 08.12).\n"
        "Rute 21, ÅDT 12.345.\n\nHilsen Mikkel (17 år)",
        "odt",
        None,
        EMPTY,
    ),
]


if __name__ == "__main__":  # self-check: python3 tests/contributions/cpr_cases.py
    import datetime
    import re
    from collections import Counter

    CHANNELS = {"text", "name", "on_behalf_of", "file_name", "docx", "pdf", "odt"}
    MINIMUM = {
        "text": 150,
        "name": 30,
        "on_behalf_of": 15,
        "file_name": 40,
        "docx": 20,
        "pdf": 20,
        "odt": 20,
    }
    SEPARATORS = set("-–—\u2011\u2212 \u00a0\u202f./_")
    HARD_EXTRA = {"\n", "\u200b", "\u00ad"}
    SEP_CLASS = "[-–—\u2011\u2212 \u00a0\u202f./_]"
    CPR_LIKE = re.compile(
        rf"(\d\d){SEP_CLASS}?(\d\d){SEP_CLASS}?(\d\d)\s*{SEP_CLASS}?\s*(\d)\d\d\d(?!\d)"
    )

    def birth_date(dd: str, mm: str, yy: str, seventh: str) -> datetime.date | None:
        """The birth date by the CPR century rule, or None if not a calendar date."""
        y, s = int(yy), int(seventh)
        if s <= 3:
            year = 1900 + y
        elif s in (4, 9):
            year = 2000 + y if y <= 36 else 1900 + y
        else:
            year = 2000 + y if y <= 57 else 1800 + y
        try:
            return datetime.date(year, int(mm), int(dd))
        except ValueError:
            return None

    def form(cpr: str) -> str:
        digits = re.sub(r"\D", "", cpr)
        if re.fullmatch(r"\d{10}", cpr):
            return "none"
        m = re.fullmatch(r"(\d\d)(\D+)(\d\d)(\D+)(\d\d)(\D*)(\d{4})", cpr)
        if m:
            return f"grouped 2-2-2, {m.group(2)!r}, then {m.group(6)!r}"
        sep = cpr[6:-4] if cpr[:6] + cpr[-4:] == digits else "?"
        names = {
            "-": "hyphen-minus",
            "–": "en dash",
            "—": "em dash",
            "\u2011": "non-breaking hyphen",
            "\u2212": "minus sign",
            " ": "space",
            "\u00a0": "no-break space",
            "\u202f": "narrow no-break space",
            ".": "dot",
            "/": "slash",
            "_": "underscore",
        }
        if sep in names:
            return names[sep]
        return f"spaced separator {sep!r}"

    errors: list[str] = []
    seen: set[tuple[str, str, str | None]] = set()

    def check_positive(case: Case, hard: bool) -> None:
        label = f"{case.channel}: {case.text[:60]!r}"
        if case.channel not in CHANNELS:
            errors.append(f"bad channel {label}")
        if not isinstance(case.cpr, str) or case.cpr not in case.text:
            errors.append(f"cpr not a substring {label}")
            return
        if case.other:
            errors.append(f"positive with other {label}")
        key = (case.text, case.channel, case.cpr)
        if key in seen:
            errors.append(f"duplicate {label}")
        seen.add(key)
        cpr = case.cpr
        digits = re.sub(r"\D", "", cpr)
        seps = set(re.sub(r"\d", "", cpr))
        allowed = SEPARATORS | HARD_EXTRA if hard else SEPARATORS
        if len(digits) != 10 or not (cpr[0].isdigit() and cpr[-1].isdigit()):
            errors.append(f"cpr is not ten digits {cpr!r} in {label}")
            return
        if not seps <= allowed:
            errors.append(f"odd separator {seps - allowed!r} in {label}")
        if not hard and not re.fullmatch(
            r"\d{6}\D{0,3}\d{4}|\d\d\D{1,3}\d\d\D{1,3}\d\d\D{0,3}\d{4}", cpr
        ):
            errors.append(f"not a 6-4 or 2-2-2-4 shape {cpr!r} in {label}")
        born = birth_date(digits[0:2], digits[2:4], digits[4:6], digits[6])
        if born is None:
            errors.append(f"invalid date {cpr!r} in {label}")
        elif not 1900 <= born.year <= 2024:
            errors.append(f"unrealistic birth year {born.year} for {cpr!r} in {label}")
        start = case.text.index(cpr)
        before = case.text[start - 1 : start] if start else ""
        after = case.text[start + len(cpr) : start + len(cpr) + 1]
        if before.isdigit() or after.isdigit():
            errors.append(f"cpr glued to other digits {label}")
        if case.channel == "file_name" and (set(case.text) & set("/\\:\n")):
            errors.append(f"character not allowed in a file name {label}")
        if case.channel in {"docx", "pdf", "odt"} and case.text.count("\n") < 2:
            errors.append(f"attachment is not a short letter {label}")

    for case in POSITIVES:
        check_positive(case, hard=False)
    for case in HARD_POSITIVES:
        check_positive(case, hard=True)

    for case in NEGATIVES:
        label = f"{case.channel}: {case.text[:60]!r}"
        if case.channel not in CHANNELS:
            errors.append(f"bad channel {label}")
        if case.cpr is not None:
            errors.append(f"negative with cpr {label}")
        if not case.other <= {"phone", "email", "address"}:
            errors.append(f"bad other {case.other!r} in {label}")
        key = (case.text, case.channel, None)
        if key in seen:
            errors.append(f"duplicate {label}")
        seen.add(key)
        for pos in range(len(case.text)):
            if pos and case.text[pos - 1].isdigit():
                continue
            m = CPR_LIKE.match(case.text, pos)
            if m and birth_date(*m.groups()) is not None:
                errors.append(f"negative contains a CPR-shaped valid date {m.group()!r}: {label}")

    per_channel = Counter(c.channel for c in POSITIVES)
    for channel, minimum in MINIMUM.items():
        if per_channel[channel] < minimum:
            errors.append(f"only {per_channel[channel]} positives in {channel!r} (< {minimum})")
    if len(POSITIVES) < 320:
        errors.append(f"only {len(POSITIVES)} positives")
    if len(NEGATIVES) < 170:
        errors.append(f"only {len(NEGATIVES)} negatives")

    print(
        f"POSITIVES {len(POSITIVES)}, HARD_POSITIVES {len(HARD_POSITIVES)}, "
        f"NEGATIVES {len(NEGATIVES)}"
    )
    print("positives per channel:", dict(per_channel))
    print("negatives per channel:", dict(Counter(c.channel for c in NEGATIVES)))
    print(
        "negatives per other:",
        dict(Counter("+".join(sorted(c.other)) or "(nothing)" for c in NEGATIVES)),
    )
    print("positives per form:")
    for name, count in Counter(form(c.cpr or "") for c in POSITIVES).most_common():
        print(f"  {count:4}  {name}")
    labelled = sum(bool(re.search(r"cpr|person|pers\.", c.text, re.IGNORECASE)) for c in POSITIVES)
    print(
        f"positives with a cpr/personnummer label: {labelled}, without: {len(POSITIVES) - labelled}"
    )
    years = Counter(c.cpr and re.sub(r"\D", "", c.cpr)[4:6] for c in POSITIVES)
    months = Counter(c.cpr and re.sub(r"\D", "", c.cpr)[2:4] for c in POSITIVES)
    days = Counter(c.cpr and re.sub(r"\D", "", c.cpr)[0:2] for c in POSITIVES)
    print(f"distinct days {len(days)}, months {len(months)}, years {len(years)}")
    if errors:
        print("\n".join(["", "ERRORS:", *errors]))
        raise SystemExit(1)
    print("OK")
