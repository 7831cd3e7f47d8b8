"""Stored files live under names that say nothing: no process or contribution number, no
citizen's file name — and files stored before that are moved by the migration."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from inddrag.lib.downloads import move_to_unguessable_name, unguessable_name
from inddrag.processes.models import Process
from tests.factories import ProcessFactory
from tests.factories.contributions import PublishedContributionFactory, attach
from tests.factories.files import blank_pdf

RANDOM = re.compile(r"^contributions/[A-Za-z0-9_-]{32}\.pdf$")


def test_a_name_is_random_and_keeps_only_the_extension():
    names = {unguessable_name("contributions", "Jens Hansen 010203-1234.PDF") for _ in range(50)}
    assert len(names) == 50
    assert all(RANDOM.match(name) for name in names)
    assert unguessable_name("memos", "høringsnotat").startswith("memos/")
    assert "." not in unguessable_name("memos", "no-extension").split("/")[1]
    assert unguessable_name("x", "a.tar.gz").endswith(".gz")
    assert unguessable_name("x", "weird.p$df").count(".") == 0


@pytest.mark.django_db
def test_an_attachment_is_stored_under_a_random_name_and_downloaded_under_its_own(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    contribution = PublishedContributionFactory(process=process)
    attachment = attach(contribution, "Jens Hansen 010203-1234 Stationsvej 12.pdf")
    stored = attachment.file.name
    assert RANDOM.match(stored), stored
    assert str(process.pk) not in stored.split("/")[0]
    response = client.get(reverse("contributions:attachment", args=[attachment.pk]))
    assert (
        'filename="Jens Hansen 010203-1234 Stationsvej 12.pdf"' in response["Content-Disposition"]
        or "filename*=" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content) == blank_pdf()


@pytest.mark.django_db
def test_the_migration_moves_files_stored_under_old_names(client):
    process = ProcessFactory(status=Process.Status.OPEN)
    contribution = PublishedContributionFactory(process=process)
    attachment = attach(contribution, "bilag.pdf")
    old = default_storage.save(
        f"contributions/{process.pk}/{contribution.pk}/Mit navn.pdf", ContentFile(blank_pdf())
    )
    type(attachment).objects.filter(pk=attachment.pk).update(file=old)
    migration = import_module("inddrag.contributions.migrations.0014_unguessable_file_names")
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # twice: moves each file once more, loses nothing
    attachment.refresh_from_db()
    assert RANDOM.match(attachment.file.name)
    assert not default_storage.exists(old)
    with attachment.file.open("rb") as handle:
        assert handle.read() == blank_pdf()


@pytest.mark.django_db
def test_a_missing_file_keeps_its_name():
    assert move_to_unguessable_name(default_storage, "contributions/1/2/gone.pdf", "x") == (
        "contributions/1/2/gone.pdf"
    )
    assert move_to_unguessable_name(default_storage, "", "x") == ""


def test_memos_and_document_versions_use_random_names_too():
    from inddrag.documents.models import DocumentVersion
    from inddrag.memos.models import Memo

    for model, field, folder in [
        (Memo, "docx", "memos"),
        (Memo, "pdf", "memos"),
        (DocumentVersion, "source_file", "documents"),
    ]:
        upload_to = model._meta.get_field(field).upload_to
        name = upload_to(model(), "Høringsnotat Lokalplan 123.docx")
        assert re.match(rf"^{folder}/[A-Za-z0-9_-]{{32}}\.docx$", name), name
