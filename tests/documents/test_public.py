"""Public pages: reading a version, downloading its file, visible changes between versions."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from inddrag.contributions.models import Consent, Contribution
from inddrag.contributions.services import recount
from inddrag.documents.diff import compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import DocumentVersion
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory
from tests.factories.contributions import (
    ContributionFactory,
    PublishedContributionFactory,
    open_hearing,
)
from tests.factories.documents import (
    FINAL_TEXT,
    ChangeFactory,
    DocumentFactory,
    VersionFactory,
    paragraphs,
)
from tests.queries import assert_queries

pytestmark = pytest.mark.django_db


def version_url(version) -> str:
    return reverse("documents:version", args=[version.pk])


def compare_url(old, new, only_changes=False) -> str:
    url = reverse("documents:compare", args=[old.pk, new.pk])
    return f"{url}?kun_aendringer=1" if only_changes else url


def final_for(hearing, **kwargs):
    kwargs.setdefault("blocks", blocks_from_text(FINAL_TEXT))
    return VersionFactory(
        document=hearing.document,
        label=DocumentVersion.Label.FINAL,
        dated=datetime.date(2027, 6, 1),
        **kwargs,
    )


# --- Reading a version --------------------------------------------------------------------------


def test_version_page_renders_structure(client):
    version = VersionFactory()
    response = client.get(version_url(version))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="doc-heading" id="afsnit-b1">Lokalplan 123 for Ballerup Bymidte</h2>' in html
    assert '<h3 class="doc-heading" id="afsnit-b2">Formål</h3>' in html
    assert 'id="afsnit-b3">Lokalplanen skal sikre' in html
    # Nested bullet list inside its parent item, then a numbered list.
    assert re.search(
        r'<ul class="doc-list"><li>.*Facader i tegl.*<ul class="doc-list"><li>.*'
        r"Røde eller gule sten"
        r".*</li></ul></li></ul><ol class=\"doc-list\"><li>.*Første etape",
        html,
        re.S,
    )
    assert "Høringsudgave" in html


def test_version_page_shows_published_contributions_next_to_their_paragraph(client):
    version = VersionFactory()
    process = version.document.process
    for _ in range(2):
        PublishedContributionFactory(
            process=process, version=version, block_id="b3", text="Husk legepladsen ved b3."
        )
    PublishedContributionFactory(
        process=process,
        version=version,
        block_id="b4",
        consent=Consent.ANONYMOUS,
        name="Hemmelig Hansen",
        text="Flere cykelstier.",
    )
    ContributionFactory(process=process, version=version, block_id="b3", text="Ikke screenet.")
    Contribution.objects.filter(text="Ikke screenet.").update(published_text="Ikke screenet.")
    response = client.get(version_url(version))
    html = response.content.decode()
    entries = {e.block["id"]: e.extra for e in response.context["entries"]}
    assert len(entries["b3"]) == 2 and len(entries["b4"]) == 1 and entries["b1"] == []
    assert "2 bidrag til dette afsnit" in html
    assert "1 bidrag til dette afsnit" in html
    assert html.count("Husk legepladsen ved b3.") == 2
    assert "Ikke screenet." not in html  # pending: not shown, not counted
    assert "Hemmelig Hansen" not in html  # no consent to the name
    assert "Bidrag uden navn" in html
    assert "borger" not in html or "@example.dk" not in html  # e-mail never shown


@pytest.mark.parametrize("n", [10, 200])
def test_version_page_query_count_is_constant(client, django_assert_num_queries, n):
    text = "\n\n".join(f"Afsnit {i} om området ved stationen." for i in range(n))
    version = VersionFactory(blocks=blocks_from_text(text))
    process = version.document.process
    Contribution.objects.bulk_create(
        Contribution(
            process=process,
            text=f"Bidrag {i}",
            published_text=f"Bidrag {i}",
            speaking_as="private",
            consent=Consent.WITH_NAME,
            published_name=f"Borger {i}",
            publication=Contribution.Publication.PUBLISHED,
            received_at=process.published_at,
            receipt_number=f"B-2027-{i:06d}",
            version=version,
            block_id=f"b{i % n + 1}",
        )
        for i in range(n)
    )
    recount(Process.objects.filter(pk=process.pk))  # bulk_create passes by the counters
    # The version with its process, the contributions, the other versions, and (for a hearing
    # version) the activities, to know whether the hearing is open.
    response = assert_queries(
        django_assert_num_queries,
        4,
        lambda: client.get(version_url(version)),
        shows=[f"Afsnit {n - 1} om området", f"B-2027-{n - 1:06d}", f"Borger {n - 1}"],
    )
    assert sum(len(e.extra) for e in response.context["entries"]) == n


def test_comment_links_while_the_hearing_is_open(client):
    process, _activity = open_hearing()
    version = VersionFactory(document=DocumentFactory(process=process))
    html = client.get(version_url(version)).content.decode()
    assert f"/forloeb/{process.pk}/?afsnit={version.pk}:b3#send-bidrag" in html
    assert "Kommentér dette afsnit" in html
    # Not on a version that is not the hearing version.
    final = final_for(version)
    assert "afsnit=" not in client.get(version_url(final)).content.decode()


# --- Who may see what ---------------------------------------------------------------------------


def test_unpublished_version_is_a_404(client):
    version = VersionFactory(published=False)
    assert client.get(version_url(version)).status_code == 404
    other = VersionFactory(document=version.document)
    assert client.get(compare_url(version, other)).status_code == 404
    assert client.get(compare_url(other, version)).status_code == 404


@pytest.mark.parametrize(
    "process_kwargs",
    [
        {"status": Process.Status.DRAFT},
        {"status": Process.Status.OPEN, "kind": Process.Kind.CASE},
    ],
)
def test_drafts_and_cases_are_404(client, process_kwargs):
    process = ProcessFactory(**process_kwargs)
    version = VersionFactory(document=DocumentFactory(process=process))
    other = final_for(version)
    assert client.get(version_url(version)).status_code == 404
    assert client.get(compare_url(version, other)).status_code == 404
    assert client.get(reverse("documents:download", args=[version.pk])).status_code == 404


def test_versions_of_different_documents_cannot_be_compared(client):
    a = VersionFactory()
    b = VersionFactory(document=DocumentFactory(process=a.document.process))
    assert client.get(compare_url(a, b)).status_code == 404
    assert client.get(compare_url(a, a)).status_code == 404
    assert client.get("/dokumenter/sammenlign/999998/999999/").status_code == 404


# --- Download -----------------------------------------------------------------------------------


def test_download_source_file(client):
    version = VersionFactory(
        source_name="lokalplan.docx",
        source_content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    version.source_file.save("lokalplan.docx", ContentFile(b"PK-fake-docx"), save=True)
    response = client.get(reverse("documents:download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "lokalplan.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"PK-fake-docx"
    version.published = False
    version.save()
    assert client.get(reverse("documents:download", args=[version.pk])).status_code == 404


def test_download_without_file_is_404(client):
    version = VersionFactory()
    assert client.get(reverse("documents:download", args=[version.pk])).status_code == 404


# --- Visible changes ----------------------------------------------------------------------------


def test_compare_marks_insertions_and_deletions_for_everyone(client):
    hearing = VersionFactory()
    final = final_for(hearing)
    response = client.get(compare_url(hearing, final))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'Højst <del><span class="sr-only">Slettet: </span>fire</del>'
        '<ins><span class="sr-only">Tilføjet: </span>tre</ins> etager' in html
    )
    assert (
        '<ins><span class="sr-only">Tilføjet: </span>Træerne langs Ballerup Byvej bevares.</ins>'
        in html
    )
    # Structure kept: headings stay headings, lists stay lists.
    assert '<h3 class="doc-heading">Formål</h3>' in html
    assert '<ol class="doc-list">' in html
    assert "Synlige rettelser" in html
    assert "2 afsnit ændret, 1 tilføjet, 0 slettet." in html


def test_only_changes_toggle_works_without_javascript(client):
    hearing = VersionFactory()
    final = final_for(hearing)
    full = client.get(compare_url(hearing, final)).content.decode()
    only = client.get(compare_url(hearing, final, only_changes=True)).content.decode()
    assert "Området skal have grønne friarealer" in full
    assert "Området skal have grønne friarealer" not in only
    assert "Træerne langs Ballerup Byvej bevares." in only
    assert f'href="{compare_url(hearing, final)}?kun_aendringer=1" aria-current="page"' in only
    assert f'href="{compare_url(hearing, final)}" aria-current="page"' in full
    assert "Vis kun ændringer" in full


def test_compare_table_row_changed(client):
    table_old = {"type": "table", "rows": [["Delområde", "Etager"], ["I", "4"], ["II", "3"]]}
    table_new = {"type": "table", "rows": [["Delområde", "Etager"], ["I", "3"], ["II", "3"]]}
    hearing = VersionFactory(blocks=[{"id": "b1", **table_old}])
    final = final_for(hearing, blocks=[{"id": "b1", **table_new}])
    html = client.get(compare_url(hearing, final)).content.decode()
    assert '<th scope="col">Delområde</th>' in html
    assert (
        '<td><del><span class="sr-only">Slettet: </span>4</del>'
        '<ins><span class="sr-only">Tilføjet: </span>3</ins></td>' in html
    )


def test_compare_shows_linked_changes_with_their_contributions(client):
    hearing = VersionFactory()
    final = final_for(hearing)
    process = hearing.document.process
    key = next(b.key for b in compare(hearing.blocks, final.blocks) if b.status == "changed")
    change = ChangeFactory(from_version=hearing, to_version=final, key=key)
    published = PublishedContributionFactory(process=process, version=hearing, block_id="b6")
    private = ContributionFactory(
        process=process, publication=Contribution.Publication.PRIVATE, name="Privat Person"
    )
    change.contributions.set([published, private])
    html = client.get(compare_url(hearing, final)).content.decode()
    assert "Efter ønske fra naboerne bygges der lavere." in html
    assert published.receipt_number in html
    # The receipt number leads to the contribution and its answer on the process page.
    assert (
        f'href="/forloeb/{process.pk}/?q_bidrag={published.receipt_number}#bidrag-{published.pk}"'
        in html
    )
    assert "Anna Jensen" in html
    assert private.receipt_number not in html and "Privat Person" not in html
    assert "1 bidrag, der ikke er offentliggjort" in html
    assert "1 ændring blev lavet på grund af input." in html


@pytest.mark.parametrize("n", [1, 30])
def test_compare_query_count_is_constant(client, django_assert_num_queries, n):
    old_text = [f"Afsnit {i}: bebyggelsen må være fire etager høj." for i in range(n * 3)]
    new_text = [t.replace("fire", "tre") if i % 3 == 0 else t for i, t in enumerate(old_text)]
    hearing = VersionFactory(blocks=paragraphs(*old_text))
    final = final_for(hearing, blocks=paragraphs(*new_text))
    process = hearing.document.process
    last = None
    for block in compare(hearing.blocks, final.blocks):
        if block.status == "changed":
            change = ChangeFactory(from_version=hearing, to_version=final, key=block.key)
            contributions = [PublishedContributionFactory(process=process) for _ in range(2)]
            change.contributions.set(contributions)
            last = contributions[-1]
    # both versions with the process, the linked changes, their contributions.
    response = assert_queries(
        django_assert_num_queries,
        3,
        lambda: client.get(compare_url(hearing, final)),
        shows=last.receipt_number,
    )
    assert len(response.context["linked"]) == n


def test_whitespace_only_version_has_no_changes(client):
    hearing = VersionFactory(blocks=paragraphs("Der  bygges  boliger."))
    final = final_for(hearing, blocks=paragraphs("Der bygges boliger."))
    html = client.get(compare_url(hearing, final)).content.decode()
    assert "De to udgaver har samme tekst." in html
    assert "<ins>" not in html.split('class="document-text')[1]


def test_staff_of_another_centre_cannot_see_the_draft_process_versions(client):
    process = ProcessFactory(status=Process.Status.DRAFT)
    version = VersionFactory(document=DocumentFactory(process=process))
    client.force_login(StaffFactory())
    assert client.get(version_url(version)).status_code == 404
