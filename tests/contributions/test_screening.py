"""Screening finds personal data in text and in PDF, DOCX and ODT attachments."""

from __future__ import annotations

import io

import pytest
from odf.opendocument import OpenDocumentText
from odf.text import P

from inddrag.contributions import screening
from tests.factories.files import docx_with, pdf_with_text


def kinds(text: str, words=None) -> list[tuple[str, str]]:
    return [(f.kind, f.match) for f in screening.scan(text, words or [])]


@pytest.mark.parametrize(
    "text", ["010203-1234", "010203 1234", "0102031234", "Mit CPR er 311299-4321."]
)
def test_cpr_numbers_with_and_without_separator(text):
    assert [k for k, _ in kinds(text)] == ["cpr"]


@pytest.mark.parametrize("text", ["320199-1234", "011399-1234", "12345678901", "2026-004512"])
def test_not_cpr(text):
    assert "cpr" not in [k for k, _ in kinds(text)]


def test_leap_day_cpr_is_caught():
    assert [k for k, _ in kinds("290200-1234")] == ["cpr"]


@pytest.mark.parametrize(
    "text", ["Ring på 12 34 56 78", "tlf. 12345678", "+45 12 34 56 78", "0045 12345678"]
)
def test_danish_phone_numbers(text):
    assert [k for k, _ in kinds(text)] == ["phone"]


def test_dates_and_case_numbers_are_not_phone_numbers():
    assert kinds("Mødet er 12-12-2026, sag 2026-004512, lokalplan 123.") == []


def test_email_and_watch_words():
    found = kinds("Skriv til anna.jensen@example.dk om Hemmelig sag", ["hemmelig"])
    assert found == [("email", "anna.jensen@example.dk"), ("word", "Hemmelig")]
    assert kinds("uhemmeligt", ["hemmelig"]) == []


def test_redact_replaces_each_span_and_merges_overlaps():
    text = "Ring 12 34 56 78 eller skriv a@b.dk"
    spans = [(f.start, f.end) for f in screening.scan(text, [])]
    assert screening.redact(text, spans, "[skjult]") == "Ring [skjult] eller skriv [skjult]"
    assert screening.redact("abcdef", [(1, 4), (2, 5)], "X") == "aXf"


def test_text_of_docx_including_tables():
    text = screening.extract_text(docx_with("Hej", "CPR 010203-1234"), "docx")
    assert "010203-1234" in text and "020304-5678" in text


def test_text_of_odt():
    document = OpenDocumentText()
    document.text.addElement(P(text="Mit nummer er 010203-1234"))
    buffer = io.BytesIO()
    document.save(buffer)
    assert "010203-1234" in screening.extract_text(buffer.getvalue(), "odt")


def test_text_of_pdf():
    assert "010203-1234" in screening.extract_text(pdf_with_text("CPR 010203-1234"), "pdf")


def test_damaged_files_are_unreadable_not_crashes():
    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(b"%PDF-1.4 garbage", "pdf")
    with pytest.raises(screening.UnreadableFile):
        screening.extract_text(b"PK\x03\x04 not a zip", "docx")


# --- Street addresses ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Jeg bor på Stationsvej 12 i Ballerup.", "Stationsvej 12"),
        ("Ballerup Byvej 3 B, 2750 Ballerup", "Ballerup Byvej 3 B"),
        ("Banegårdspladsen 4, 2. tv.", "Banegårdspladsen 4"),
        ("Ny Vestergade 5", "Ny Vestergade 5"),
        ("Måløv Hovedgade 44A", "Måløv Hovedgade 44A"),
        ("adresse: Skovlunde Byvej 94, 2740 Skovlunde", "Skovlunde Byvej 94"),
        ("Magleparken 10, st. th.", "Magleparken 10"),
        ("Ballerup Boulevard 9", "Ballerup Boulevard 9"),
        ("vi har boet på Stationsvej 12b siden 1998", "Stationsvej 12b"),
        ("Hold\u00a0Stationsvej\u00a012", "Stationsvej\u00a012"),
    ],
)
def test_street_addresses_with_a_house_number(text, address):
    found = [(f.kind, f.match) for f in screening.scan(text, [])]
    assert ("address", address) in found or ("address", f"Hold\u00a0{address}") in found


# How citizens write their address in a hurry: lower case, "nr.", the floor after it, a street
# named "Ved …", a street name with initials. Each must be caught (the words before the street may
# be hidden with it).
@pytest.mark.parametrize(
    ("text", "must_hide"),
    [
        ("jeg bor på stationsvej 12 og er træt af støjen", "stationsvej 12"),
        ("Min adresse er Stationsvej nr. 12", "Stationsvej nr. 12"),
        ("min adresse er rugvænget nr 7", "rugvænget nr 7"),
        ("Lindevænget 3, 1.tv, 2750 Ballerup", "Lindevænget 3"),
        ("H.C. Andersens Boulevard 27", "Andersens Boulevard 27"),
        ("Sct. Jakobs Vej 4", "Jakobs Vej 4"),
        ("vi bor ved siden af, på skovlunde byvej 94", "byvej 94"),
        ("Hilsen Pia, Ved Kirken 3", "Ved Kirken 3"),
        ("bor ved Søen 14B", "ved Søen 14B"),
        ("Egebjerg Bygade 7 2750", "Egebjerg Bygade 7"),
        ("STATIONSVEJ 12", "STATIONSVEJ 12"),
    ],
)
def test_addresses_as_citizens_write_them(text, must_hide):
    spans = [(f.start, f.end) for f in screening.scan(text, []) if f.kind == "address"]
    start = text.index(must_hide)
    end = start + len(must_hide)
    assert any(s <= start and e >= end for s, e in spans), (text, spans)


@pytest.mark.parametrize(
    "text",
    [
        "Vi mødes på Stationsvej.",  # a street without a number is not personal data
        "Lokalplan 123 er god",
        "Vejen til skolen er 3 km",
        "Hold 3 meter til Torvet 2,5 m fra",
        "Cykelstien 2 gange om ugen",
        "Stationsvej 12345",  # not a house number
        "Budgettet for 2027 er 120 mio.",
        "Børnehaven 3 dage om ugen er for lidt",
        "Parkeringspladsen 200 meter væk er fuld",
        "skolegården 2 gange om dagen",
        "Hareskoven 2026 bliver fredet",  # a year, not a house number
        "Kommuneplan 2027 og Lokalplan 118",
        "vi kører ved 7 tiden",
    ],
)
def test_not_addresses(text):
    assert [f for f in screening.scan(text, []) if f.kind == "address"] == []


def test_an_address_is_hidden_in_the_hearing_memo():
    from inddrag.memos.gathering import clean

    assert clean("Jeg bor på Stationsvej 12.") == "Jeg bor på [skjult]."
