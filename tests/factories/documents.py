"""Factories for documents and their versions."""

from __future__ import annotations

import datetime

import factory
from factory.django import DjangoModelFactory

from inddrag.documents.blocks import number_blocks
from inddrag.documents.importers import blocks_from_text
from inddrag.documents.models import Change, Document, DocumentVersion
from inddrag.processes.models import Process
from tests.factories import ProcessFactory, StaffFactory

HEARING_TEXT = """# Lokalplan 123 for Ballerup Bymidte

## Formål

Lokalplanen skal sikre, at der kan bygges nye boliger tæt på stationen.

Området skal have grønne friarealer og en sikker sti for cyklister.

## Bebyggelse

- Højst fire etager
- Facader i tegl
  - Røde eller gule sten

1. Første etape i 2027
2. Anden etape i 2029
"""

FINAL_TEXT = """# Lokalplan 123 for Ballerup Bymidte

## Formål

Lokalplanen skal sikre, at der kan bygges nye boliger og en børnehave tæt på stationen.

Området skal have grønne friarealer og en sikker sti for cyklister.

## Bebyggelse

- Højst tre etager
- Facader i tegl
  - Røde eller gule sten

1. Første etape i 2027
2. Anden etape i 2029

Træerne langs Ballerup Byvej bevares.
"""


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    process = factory.SubFactory(
        ProcessFactory,
        status=Process.Status.OPEN,
        published_at=factory.LazyFunction(lambda: datetime.datetime.now(datetime.UTC)),
    )
    title = "Forslag til lokalplan 123"
    kind = Document.Kind.LOCAL_PLAN


class VersionFactory(DjangoModelFactory):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    label = DocumentVersion.Label.HEARING
    dated = datetime.date(2027, 3, 1)
    author = factory.SubFactory(StaffFactory)
    blocks = factory.LazyFunction(lambda: blocks_from_text(HEARING_TEXT))
    published = True


class ChangeFactory(DjangoModelFactory):
    class Meta:
        model = Change

    from_version = factory.SubFactory(VersionFactory)
    to_version = factory.SubFactory(
        VersionFactory, document=factory.SelfAttribute("..from_version.document")
    )
    key = factory.Sequence(lambda n: f"{n:016x}")
    explanation = "Efter ønske fra naboerne bygges der lavere."


def paragraphs(*texts: str) -> list[dict]:
    return number_blocks([{"type": "paragraph", "text": t} for t in texts])
