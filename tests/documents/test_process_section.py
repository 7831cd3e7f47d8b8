"""The "Dokumenter" section of the process page: its context function and its template."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from inddrag.documents.diff import compare
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import DocumentVersion
from inddrag.documents.sections import process_documents
from inddrag.lib.sections import SectionRequest
from inddrag.principles.plan import load_plan
from inddrag.processes.models import Process
from tests.factories.contributions import ContributionFactory
from tests.factories.documents import (
    FINAL_TEXT,
    ChangeFactory,
    DocumentFactory,
    VersionFactory,
)

pytestmark = pytest.mark.django_db


def _request(user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    return request


def _render(process, user=None, plan=None) -> tuple[dict, str]:
    request = _request(user)
    plan = plan or load_plan(process.pk)
    context = process_documents(SectionRequest(request, plan, timezone.now()))
    if context is None:  # the section is not shown
        return {"process_documents": []}, ""
    return context, render_to_string(
        "documents/public/_process_documents.html",
        {**context, "process": process},
        request=request,
    )


def _hearing_and_final():
    hearing = VersionFactory()
    final = VersionFactory(
        document=hearing.document,
        label=DocumentVersion.Label.FINAL,
        dated=datetime.date(2027, 6, 1),
        blocks=blocks_from_text(FINAL_TEXT),
    )
    return hearing, final


def test_lists_published_versions_with_links(django_assert_num_queries):
    hearing, final = _hearing_and_final()
    VersionFactory(document=hearing.document, label="draft", published=False)
    process = hearing.document.process
    plan = load_plan(process.pk)
    # The published versions with their documents, the linked changes.
    with django_assert_num_queries(2):
        context, html = _render(process, plan=plan)
    (entry,) = context["process_documents"]
    assert entry.versions == [hearing, final]
    assert entry.hearing == hearing and entry.later == final
    assert reverse("documents:version", args=[hearing.pk]) in html
    assert reverse("documents:version", args=[final.pk]) in html
    assert reverse("documents:compare", args=[hearing.pk, final.pk]) in html
    assert "Udkast" not in html  # the unpublished draft is not listed


def test_linked_changes_with_their_explanation_and_count():
    hearing, final = _hearing_and_final()
    key = next(b.key for b in compare(hearing.blocks, final.blocks) if b.status == "changed")
    change = ChangeFactory(from_version=hearing, to_version=final, key=key, excerpt="−fire +tre")
    change.contributions.set(
        [ContributionFactory(process=hearing.document.process) for _ in range(3)]
    )
    context, html = _render(hearing.document.process)
    (entry,) = context["process_documents"]
    assert entry.changes == [change]
    assert entry.changes[0].n_contributions == 3
    assert "Efter ønske fra naboerne bygges der lavere." in html
    assert "3 bidrag førte til dette" in html


def test_no_hearing_version_no_comparison_link():
    version = VersionFactory(label=DocumentVersion.Label.DRAFT)
    context, html = _render(version.document.process)
    (entry,) = context["process_documents"]
    assert entry.compare_url == ""
    assert "synlige rettelser" not in html.lower()


def test_nothing_published_renders_nothing():
    version = VersionFactory(published=False)
    context, html = _render(version.document.process)
    assert context["process_documents"] == []
    assert html.strip() == ""


def test_query_count_does_not_grow(django_assert_num_queries):
    hearing, _final = _hearing_and_final()
    process = hearing.document.process
    for i in range(5):
        document = DocumentFactory(process=process, title=f"Bilag {i}")
        h = VersionFactory(document=document)
        f = VersionFactory(document=document, label="final", dated=datetime.date(2027, 7, 1))
        ChangeFactory(from_version=h, to_version=f)
    plan = load_plan(process.pk)
    with django_assert_num_queries(2):
        context, _html = _render(process, plan=plan)
    assert len(context["process_documents"]) == 6


def test_draft_process_shows_nothing_to_the_public():
    version = VersionFactory()
    process = version.document.process
    process.status = Process.Status.DRAFT
    process.save()
    context, _html = _render(process)
    assert context["process_documents"] == []
