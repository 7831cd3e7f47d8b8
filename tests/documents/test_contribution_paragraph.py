"""The contribution form's "Hvilket afsnit kommenterer du?" for a published hearing version."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.urls import reverse

from inddrag.contributions.forms import ContributionFields, ContributionForm
from inddrag.contributions.models import Contribution
from inddrag.documents.models import DocumentVersion
from tests.contributions.test_public_form import page, post
from tests.factories.contributions import open_hearing
from tests.factories.documents import DocumentFactory, VersionFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing():
    process, _activity = open_hearing()
    version = VersionFactory(document=DocumentFactory(process=process))
    return process, version


def test_select_lists_headings_and_paragraphs(client, hearing):
    process, version = hearing
    html = page(client, process)
    assert "Hvilket afsnit kommenterer du?" in html
    assert '<select name="paragraph"' in html
    assert f'<option value="{version.pk}:b2">Formål</option>' in html
    assert (
        f'<option value="{version.pk}:b3">Formål – Lokalplanen skal sikre, at der kan bygges nye '
        "boliger tæt på stationen.</option>" in html
    )
    assert "Hele forslaget eller intet bestemt afsnit" in html


def test_no_select_without_a_published_hearing_version(client):
    process, _activity = open_hearing()
    document = DocumentFactory(process=process)
    VersionFactory(document=document, published=False)
    VersionFactory(document=document, label=DocumentVersion.Label.DRAFT)
    assert 'name="paragraph"' not in page(client, process)
    # The fields the API and staff use have no paragraph; the citizen's form only with a version.
    assert "paragraph" not in ContributionFields().fields
    assert "paragraph" not in ContributionForm(process=process).fields


def test_latest_hearing_version_per_document_with_groups(client, hearing):
    process, version = hearing
    newer = VersionFactory(document=version.document, dated=datetime.date(2027, 3, 5))
    other = VersionFactory(document=DocumentFactory(process=process, title="Miljørapport"))
    html = page(client, process)
    assert f'value="{version.pk}:b3"' not in html
    assert f'value="{newer.pk}:b3"' in html
    assert '<optgroup label="Miljørapport">' in html
    assert f'value="{other.pk}:b3"' in html


def test_the_chosen_paragraph_is_saved(client, hearing):
    process, version = hearing
    response = post(client, process, paragraph=f"{version.pk}:b3")
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.version == version
    assert contribution.block_id == "b3"


def test_no_paragraph_chosen(client, hearing):
    process, _version = hearing
    assert post(client, process, paragraph="").status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.version is None and contribution.block_id == ""


@pytest.mark.parametrize("value", ["{pk}:b999", "{other}:b3", "garbage", "{pk}:"])
def test_a_paragraph_not_in_the_hearing_version_is_refused(client, hearing, value):
    process, version = hearing
    unpublished = VersionFactory(document=version.document, published=False)
    value = value.format(pk=version.pk, other=unpublished.pk)
    response = post(client, process, paragraph=value)
    assert response.status_code == 422
    assert "Vælg et af afsnittene på listen." in response.content.decode()
    assert not Contribution.objects.exists()


def test_comment_link_preselects_the_paragraph(client, hearing):
    process, version = hearing
    url = reverse("processes:detail", args=[process.pk]) + f"?afsnit={version.pk}:b4"
    html = client.get(url).content.decode()
    assert f'<option value="{version.pk}:b4" selected>' in html


def test_process_page_query_count_unchanged_by_the_select(
    client, hearing, django_assert_num_queries
):
    """The form and the "Dokumenter" section share one query for the published versions, and
    the page costs the same with one document as with many."""
    process, _version = hearing
    url = reverse("processes:detail", args=[process.pk])
    client.get(url)
    made = itertools.count(1)

    def grow(n: int) -> list[str]:  # n more documents, each with a published hearing version
        versions = [
            VersionFactory(document=DocumentFactory(process=process, title=f"Bilag {next(made)}"))
            for _ in range(n)
        ]
        last = versions[-1]
        return [last.document.title, f'<option value="{last.pk}:b2">Formål</option>']

    # The process page of an open hearing, with the form: 13 queries with two documents and
    # with eleven.
    for response in assert_constant_queries(
        django_assert_num_queries, lambda: client.get(url), grow, 13, sizes=(1, 10)
    ):
        versions = [
            q
            for q in response.captured_queries
            if q["sql"].split(" FROM ", 1)[1].startswith('"documents_documentversion"')
        ]
        assert len(versions) == 1, [q["sql"][:300] for q in versions]
