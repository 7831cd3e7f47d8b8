"""Import of the stakeholder registry from CSV and XLSX with a preview, and export."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inddrag.stakeholders import importing
from inddrag.stakeholders.models import Stakeholder, Topic
from tests.factories import DistrictFactory, StaffFactory
from tests.factories.stakeholders import StakeholderFactory, TopicFactory

pytestmark = pytest.mark.django_db

HEADER = ["navn", "type", "kontaktperson", "e-mail", "telefon", "bydele", "emner"]
CLEAN = [
    ["Seniorrådet", "Råd", "Inge Olsen", "senior@raad.example", "+45 44 77 00 01", "", "Ældre"],
    [
        "Måløv Lokalråd",
        "council",
        "",
        "lokal@maaloev.example",
        "",
        "Måløv, Ballerup",
        "Trafik, Ældre",
    ],
    ["Vejdirektoratet", "Myndighed", "", "vd@vej.example", "", "", "Trafik"],
]
BROKEN = [
    ["Seniorrådet", "Råd", "", "", "", "", ""],  # missing e-mail
    ["Spejderne", "Spejdertrop", "", "spejd@spejd.example", "", "", ""],  # unknown type
    ["seniorrådet", "Råd", "", "s2@raad.example", "", "", ""],  # duplicate (any case)
    ["Foreningen", "forening", "", "ikke-en-adresse", "", "Atlantis", "Rumfart"],
]


@pytest.fixture(autouse=True)
def reference(db):
    DistrictFactory(name="Ballerup", postcode="2750")
    DistrictFactory(name="Måløv", postcode="2760")
    TopicFactory(name="Ældre")
    TopicFactory(name="Trafik")


def csv_file(rows, delimiter=";", name="interessenter.csv") -> SimpleUploadedFile:
    lines = [delimiter.join(f'"{v}"' if delimiter in v else v for v in row) for row in rows]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode("utf-8"))


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_file(rows, name="interessenter.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows))


def upload(client, file, create_topics=False):
    data = {"file": file}
    if create_topics:
        data["create_topics"] = "on"
    return client.post(reverse("staff:stakeholders:import"), data)


def save(client, response):
    return client.post(
        reverse("staff:stakeholders:import_save"), {"payload": response.context["payload"]}
    )


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_broken_rows_show_errors_and_save_nothing(staff_client, make):
    response = upload(staff_client, make([HEADER, *BROKEN]))
    assert response.status_code == 422
    html = response.content.decode()
    rows = response.context["preview"].rows
    assert "E-mailadressen mangler." in rows[0].errors
    (unknown,) = [e for e in rows[1].errors if e.startswith("Ukendt type „Spejdertrop“.")]
    # The error says which types there are.
    assert "Brug en af: Råd, " in unknown and ", Forening, " in unknown
    assert "Navnet bruges også i række 2." in rows[2].errors
    assert "„ikke-en-adresse“ er ikke en gyldig e-mailadresse." in rows[3].errors
    assert "Ukendt bydel „Atlantis“." in rows[3].errors
    assert any("Rumfart" in e for e in rows[3].errors)
    assert "E-mailadressen mangler." in html
    assert "import/gem" not in html  # no "Gem" button
    # Even a forged "save" of this upload saves nothing.
    assert save(staff_client, response).status_code == 422
    assert not Stakeholder.objects.exists()


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_clean_file_saves_all_rows(staff_client, make):
    StakeholderFactory(name="Vejdirektoratet", email="gammel@vej.example")
    response = upload(staff_client, make([HEADER, *CLEAN]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "opdateres" in html
    assert not Stakeholder.objects.filter(name="Seniorrådet").exists()  # preview saves nothing
    response = save(staff_client, response)
    assert response.status_code == 302
    assert Stakeholder.objects.count() == 3
    lokalraad = Stakeholder.objects.get(name="Måløv Lokalråd")
    assert lokalraad.type == Stakeholder.Type.COUNCIL
    assert sorted(d.name for d in lokalraad.districts.all()) == ["Ballerup", "Måløv"]
    assert sorted(t.name for t in lokalraad.topics.all()) == ["Trafik", "Ældre"]
    assert Stakeholder.objects.get(name="Vejdirektoratet").email == "vd@vej.example"
    assert Stakeholder.objects.get(name="Seniorrådet").phone == "+45 44 77 00 01"


def test_comma_separated_csv_with_bom(staff_client):
    file = csv_file([HEADER, *CLEAN], delimiter=",")
    file = SimpleUploadedFile("x.csv", b"\xef\xbb\xbf" + file.read())
    response = upload(staff_client, file)
    assert response.status_code == 200, response.context["preview"].rows[0].errors
    save(staff_client, response)
    assert Stakeholder.objects.count() == 3


def test_unknown_topics_are_created_only_when_ticked(staff_client):
    rows = [HEADER, ["Naturklubben", "Forening", "", "n@klub.example", "", "", "Fugle, Trafik"]]
    response = upload(staff_client, csv_file(rows))
    assert response.status_code == 422
    response = upload(staff_client, csv_file(rows), create_topics=True)
    assert response.status_code == 200
    save(staff_client, response)
    assert Topic.objects.filter(name="Fugle").exists()
    assert Stakeholder.objects.get(name="Naturklubben").topics.count() == 2


def test_payload_cannot_be_changed_or_reused_by_someone_else(staff_client, client):
    response = upload(staff_client, csv_file([HEADER, *CLEAN]))
    payload = response.context["payload"]
    url = reverse("staff:stakeholders:import_save")
    assert staff_client.post(url, {"payload": payload[:-2] + "xx"}).status_code == 302
    client.force_login(StaffFactory())
    assert client.post(url, {"payload": payload}).status_code == 302
    assert not Stakeholder.objects.exists()


def test_registry_changed_between_preview_and_save(staff_client):
    rows = [HEADER, ["Ny forening", "forening", "", "a@b.example", "", "Måløv", ""]]
    response = upload(staff_client, csv_file(rows))
    assert response.status_code == 200
    from inddrag.organisation.models import District

    District.objects.filter(name="Måløv").delete()
    assert save(staff_client, response).status_code == 422
    assert not Stakeholder.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "hverken"),
        (b"PK\x03\x04 not really a zip", "XLSX"),
        ("navn;type\nA;Råd\n".encode(), "Mangler: e-mail"),
        (b"navn;type;e-mail\n", "ingen rækker"),
        (b"", "tom"),
    ],
)
def test_bad_files_are_refused_by_content(staff_client, content, message):
    response = upload(staff_client, SimpleUploadedFile("interessenter.csv", content))
    assert response.status_code == 422
    assert message in response.content.decode()


def test_limits(staff_client, monkeypatch):
    rows = [HEADER] + [[f"F{n}", "forening", "", f"f{n}@x.example", "", "", ""] for n in range(5)]
    monkeypatch.setattr(importing, "MAX_ROWS", 4)
    response = upload(staff_client, csv_file(rows))
    assert "2.000 rækker" in response.content.decode()
    monkeypatch.setattr(importing, "MAX_BYTES", 50)
    response = upload(staff_client, csv_file(rows))
    assert "2 MB" in response.content.decode()


def test_xlsx_is_recognised_by_content_not_name(staff_client):
    file = SimpleUploadedFile("interessenter.csv", xlsx_bytes([HEADER, *CLEAN]))
    response = upload(staff_client, file)
    assert response.status_code == 200
    assert len(response.context["preview"].rows) == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_round_trip(staff_client, fmt):
    trafik = Topic.objects.get(name="Trafik")
    StakeholderFactory(
        name="=Formel A/S",
        type=Stakeholder.Type.BUSINESS,
        phone="+45 11 22 33 44",
        topics=[trafik],
    )
    StakeholderFactory(name="Vej og trafik", type=Stakeholder.Type.DISCIPLINE)
    before = importing.check(_rows(importing.export_rows()))
    response = staff_client.get(reverse(f"staff:stakeholders:export_{fmt}"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = response.content
    if fmt == "csv":
        assert content.startswith(b"\xef\xbb\xbf")
        assert b"'=Formel A/S" in content  # a formula is neutralised for spreadsheets
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        assert sheet["A2"].data_type == "s"
    preview = upload(staff_client, SimpleUploadedFile(f"eksport.{fmt}", content))
    assert preview.status_code == 200
    rows = preview.context["preview"].rows
    assert [r.existing is not None for r in rows] == [True, True]
    assert [(r.name, r.type, r.phone, r.topics) for r in rows] == [
        (r.name, r.type, r.phone, r.topics) for r in before.rows
    ]
    save(staff_client, preview)
    formel = Stakeholder.objects.get(name="=Formel A/S")
    assert formel.phone == "+45 11 22 33 44"
    assert list(formel.topics.all()) == [trafik]
    assert Stakeholder.objects.count() == 2


def _rows(table):
    rows = list(table)[1:]
    return [[n, *(importing._unescape(v) for v in row)] for n, row in enumerate(rows, start=2)]
