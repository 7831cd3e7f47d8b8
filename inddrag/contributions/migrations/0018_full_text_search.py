"""Full-text search of contributions (issue #14), on PostgreSQL only (``contributions.search``).

- ``pg_trgm`` (a trusted extension: the database's owner may create it);
- two stored generated ``tsvector`` columns, Danish: ``search_published`` (of
  ``published_text``, the public search) and ``search_text`` (of ``text``, the staff inbox's).
  Stored, not a functional index, because ranking and phrase queries read the vector of every
  row found, and computing it from a text of a page's length costs about 0.1 ms a row (900 ms
  for 10,000 rows; see docs/performance.md, "Search"). They follow their text on every write,
  anonymisation included. They are not model fields: Django never writes or reads them, the
  search names them (``search.Vector``);
- a GIN index on ``search_published``, and a trigram GIN index on ``UPPER(published_text)``
  (the expression of Django's ``icontains``) for the part-of-a-word search.

Adding the columns rewrites the table (a lock for the length of the rewrite).

On SQLite nothing: the search there is a case-folding ``LIKE`` (``search.FoldedContains``).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARDS = [
    """
    ALTER TABLE contributions_contribution
        ADD COLUMN search_published tsvector
            GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, published_text)) STORED,
        ADD COLUMN search_text tsvector
            GENERATED ALWAYS AS (to_tsvector('danish'::regconfig, text)) STORED
    """,
    "CREATE INDEX contribution_search_published ON contributions_contribution"
    " USING gin (search_published)",
    "CREATE INDEX contribution_published_trigram ON contributions_contribution"
    " USING gin (UPPER(published_text) gin_trgm_ops)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS contribution_published_trigram",
    "DROP INDEX IF EXISTS contribution_search_published",
    "ALTER TABLE contributions_contribution"
    " DROP COLUMN IF EXISTS search_published, DROP COLUMN IF EXISTS search_text",
]


class PgTrigramExtension(TrigramExtension):
    """``pg_trgm`` on PostgreSQL; nothing elsewhere, both ways (Django's own operation checks the
    database only when it migrates forwards, and asks SQLite for ``pg_extension`` backwards)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0017_memo_screened"),
    ]

    operations = [
        PgTrigramExtension(),
        migrations.RunPython(run(FORWARDS), run(BACKWARDS), elidable=False),
    ]
