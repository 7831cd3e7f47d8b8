"""Staff pages: documents, versions (upload or text), publishing, comparing and linking changes."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from inddrag.audit.models import AccessLog
from inddrag.documents.diff import Segment, compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory, UserFactory
from tests.factories.contributions import ContributionFactory
from tests.factories.documents import FINAL_TEXT, DocumentFactory, VersionFactory
from tests.factories.files import blank_pdf, odt_document, realistic_docx
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def process(staff):
    return ProcessFactory(responsible=staff, centre=staff.centre, status=Process.Status.OPEN)


@pytest.fixture
def document(process):
    return DocumentFactory(process=process)


def _urls(document, version, other):
    return [
        reverse("staff:documents:list", args=[document.process_id]),
        reverse("staff:documents:document", args=[document.pk]),
        reverse("staff:documents:version", args=[version.pk]),
        reverse("staff:documents:compare", args=[version.pk, other.pk]),
        reverse(
            "staff:documents:link",
            args=[version.pk, other.pk, compare(version.blocks, other.blocks)[-1].key],
        ),
    ]


def _pair(document):
    hearing = VersionFactory(document=document, published=False)
    final = VersionFactory(
        document=document,
        label=DocumentVersion.Label.FINAL,
        dated=datetime.date(2027, 6, 1),
        blocks=blocks_from_text(FINAL_TEXT),
        published=False,
    )
    return hearing, final


def test_staff_who_may_edit_see_every_page(staff_client, document):
    hearing, final = _pair(document)
    for url in _urls(document, hearing, final):
        assert staff_client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["other_staff", "citizen"])
def test_others_get_404(document, who):
    hearing, final = _pair(document)
    user = StaffFactory() if who == "other_staff" else UserFactory()
    client = Client()
    client.force_login(user)
    for url in _urls(document, hearing, final):
        assert client.get(url).status_code == 404, url
    publish = reverse("staff:documents:publish", args=[hearing.pk])
    assert client.post(publish, {"published": "1"}).status_code == 404
    hearing.refresh_from_db()
    assert not hearing.published


def test_anonymous_is_sent_to_login(client, document):
    response = client.get(reverse("staff:documents:document", args=[document.pk]))
    assert response.status_code == 302 and "log-ind" in response["Location"]


def test_create_document(staff_client, process):
    url = reverse("staff:documents:list", args=[process.pk])
    response = staff_client.post(
        url, {"title": "Forslag til lokalplan 7", "kind": "local_plan", "order": 1}
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:documents:document", args=[document.pk])
    assert document.process == process
    assert (
        staff_client.post(url, {"title": "", "kind": "local_plan", "order": 1}).status_code == 422
    )


def _add(client, document, **data):
    payload = {"label": "hearing", "dated": "2027-03-01", "text": "", **data}
    return client.post(reverse("staff:documents:add_version", args=[document.pk]), payload)


def test_add_version_by_writing(staff_client, staff, document):
    response = _add(staff_client, document, text="# Formål\n\nTekst om æøå.\n\n- punkt")
    version = DocumentVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:documents:version", args=[version.pk])
    assert version.author == staff and version.label == "hearing" and not version.published
    assert version.dated == datetime.date(2027, 3, 1)
    assert [b["type"] for b in version.blocks] == ["heading", "paragraph", "list_item"]
    assert not version.source_file
    assert AccessLog.objects.filter(user=staff, action="change").exists()


def test_add_version_by_uploading_docx(staff_client, document):
    upload = SimpleUploadedFile("Lokalplan forslag.docx", realistic_docx(), content_type=DOCX_TYPE)
    assert _add(staff_client, document, file=upload).status_code == 302
    version = DocumentVersion.objects.get()
    assert version.blocks[0]["text"] == "Forslag til lokalplan 123 — Ballerup Bymidte"
    assert any(b["type"] == "table" for b in version.blocks)
    assert version.source_name == "Lokalplan forslag.docx"
    assert version.source_content_type == DOCX_TYPE
    # Its file can be downloaded by staff, and by the public once published.
    download = reverse("staff:documents:download", args=[version.pk])
    assert staff_client.get(download)["Content-Disposition"].startswith("attachment")
    public = reverse("documents:download", args=[version.pk])
    assert Client().get(public).status_code == 404
    version.published = True
    version.save()
    response = Client().get(public)
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text.startswith("Forslag til lokalplan")


def test_add_version_by_uploading_odt(staff_client, document):
    upload = SimpleUploadedFile("politik.odt", odt_document())
    assert _add(staff_client, document, file=upload).status_code == 302
    version = DocumentVersion.objects.get()
    assert version.blocks[0] == {
        "id": "b1",
        "type": "heading",
        "level": 1,
        "text": "Ældrepolitik 2027",
    }
    assert version.source_content_type == "application/vnd.oasis.opendocument.text"


def test_refused_uploads(staff_client, document):
    pdf = SimpleUploadedFile("forslag.pdf", blank_pdf(), content_type="application/pdf")
    response = _add(staff_client, document, file=pdf)
    assert response.status_code == 422
    assert "er ikke en Word-fil (DOCX) eller OpenDocument-tekst (ODT)" in response.content.decode()
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    empty = SimpleUploadedFile("tom.docx", buffer.getvalue())
    response = _add(staff_client, document, file=empty)
    assert response.status_code == 422
    assert "Dokumentet har ingen tekst." in response.content.decode()
    assert _add(staff_client, document).status_code == 422  # neither file nor text
    both = SimpleUploadedFile("x.docx", realistic_docx())
    assert _add(staff_client, document, file=both, text="Tekst").status_code == 422
    fake = SimpleUploadedFile("fake.docx", b"PK\x03\x04 not really a zip")
    assert _add(staff_client, document, file=fake).status_code == 422
    assert not DocumentVersion.objects.exists()


def test_publish_and_unpublish(staff_client, document):
    version = VersionFactory(document=document, published=False)
    url = reverse("staff:documents:publish", args=[version.pk])
    public = reverse("documents:version", args=[version.pk])
    assert Client().get(public).status_code == 404
    assert staff_client.post(url, {"published": "1"}).status_code == 302
    version.refresh_from_db()
    assert version.published
    assert Client().get(public).status_code == 200
    staff_client.post(url, {"published": "0", "next": "document"})
    version.refresh_from_db()
    assert not version.published
    assert Client().get(public).status_code == 404
    assert staff_client.get(url).status_code == 405


def test_preview_of_an_unpublished_version(staff_client, document):
    version = VersionFactory(document=document, published=False)
    ContributionFactory(process=document.process, version=version, block_id="b3")
    html = staff_client.get(reverse("staff:documents:version", args=[version.pk])).content.decode()
    assert "Lokalplanen skal sikre" in html
    assert "ikke offentliggjort" in html
    assert "1 bidrag" in html


def test_compare_pick_redirects(staff_client, document):
    hearing, final = _pair(document)
    url = reverse("staff:documents:document", args=[document.pk])
    response = staff_client.get(url, {"fra": hearing.pk, "til": final.pk})
    assert response["Location"] == reverse("staff:documents:compare", args=[hearing.pk, final.pk])
    assert staff_client.get(url, {"fra": hearing.pk, "til": hearing.pk}).status_code == 200
    # Found by tests/test_fuzz.py: a negative id was a NoReverseMatch (500).
    for pair in ({"fra": -1, "til": final.pk}, {"fra": hearing.pk, "til": "-5"}, {"fra": "x"}):
        assert staff_client.get(url, {"til": final.pk, **pair}).status_code == 200


def test_compare_any_two_versions_with_link_actions(staff_client, document):
    hearing, final = _pair(document)
    html = staff_client.get(
        reverse("staff:documents:compare", args=[hearing.pk, final.pk])
    ).content.decode()
    changed = [b for b in compare(hearing.blocks, final.blocks) if b.status != "equal"]
    for block in changed:
        assert reverse("staff:documents:link", args=[hearing.pk, final.pk, block.key]) in html
    assert "<del>" in html and "<ins>" in html


def test_link_a_change_to_contributions(staff_client, staff, document):
    hearing, final = _pair(document)
    process = document.process
    on_paragraph = ContributionFactory(
        process=process, text="Byg lavere, højst tre etager, tak.", version=hearing, block_id="b6"
    )
    other = ContributionFactory(process=process, text="Noget helt andet om parkering.")
    stranger = ContributionFactory(text="Fra et andet forløb.")
    block = next(
        b
        for b in compare(hearing.blocks, final.blocks)
        if b.status == "changed" and "tre" in str(b.segments)
    )
    url = reverse("staff:documents:link", args=[hearing.pk, final.pk, block.key])
    html = staff_client.get(url).content.decode()
    assert f"{on_paragraph.receipt_number} – Byg lavere, højst tre etager, tak." in html
    assert other.receipt_number in html and stranger.receipt_number not in html
    assert html.index(on_paragraph.receipt_number) < html.index(other.receipt_number)

    response = staff_client.post(
        url, {"explanation": "Naboerne ønskede lavere byggeri.", "contributions": [on_paragraph.pk]}
    )
    assert response.status_code == 302
    change = Change.objects.get()
    assert (change.from_version, change.to_version, change.key) == (hearing, final, block.key)
    assert change.excerpt == "„Højst fire etager“ → „Højst tre etager“"
    assert change.readable[1:3] == (Segment("delete", "fire"), Segment("insert", "tre"))
    assert change.created_by == staff
    assert list(change.contributions.all()) == [on_paragraph]

    # Editing updates the same change.
    staff_client.post(
        url,
        {"explanation": "Opdateret forklaring.", "contributions": [on_paragraph.pk, other.pk]},
    )
    change = Change.objects.get()
    assert change.explanation == "Opdateret forklaring."
    assert set(change.contributions.all()) == {on_paragraph, other}

    # A contribution of another process cannot be linked.
    response = staff_client.post(url, {"explanation": "X", "contributions": [stranger.pk]})
    assert response.status_code == 422
    assert set(Change.objects.get().contributions.all()) == {on_paragraph, other}

    # The explanation is required.
    assert staff_client.post(url, {"explanation": ""}).status_code == 422

    # Published both: the public comparison shows the explanation.
    DocumentVersion.objects.update(published=True)
    public = Client().get(reverse("documents:compare", args=[hearing.pk, final.pk]))
    assert "Opdateret forklaring." in public.content.decode()

    # Removing the link.
    staff_client.post(url, {"action": "remove"})
    assert not Change.objects.exists()


def test_link_unknown_or_equal_change_is_404(staff_client, document):
    hearing, final = _pair(document)
    equal = next(b for b in compare(hearing.blocks, final.blocks) if b.status == "equal")
    for key in ("0000000000000000", equal.key):
        url = reverse("staff:documents:link", args=[hearing.pk, final.pk, key])
        assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("n", [1, 20])
def test_link_page_query_count(staff_client, document, django_assert_num_queries, n):
    hearing, final = _pair(document)
    contributions = [ContributionFactory(process=document.process) for _ in range(n)]
    block = next(b for b in compare(hearing.blocks, final.blocks) if b.status != "equal")
    url = reverse("staff:documents:link", args=[hearing.pk, final.pk, block.key])
    # session, user, the two versions, the existing change, the contributions; the access log
    # entry (the page lists the contributions: personal data).
    response = assert_queries(
        django_assert_num_queries,
        6,
        lambda: staff_client.get(url),
        shows=contributions[-1].receipt_number,
    )
    assert len(response.context["form"].fields["contributions"].choices) == n
