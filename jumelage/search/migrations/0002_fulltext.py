"""Full-text machinery per database vendor.

PostgreSQL: the unaccent extension, an IMMUTABLE wrapper around it (generated
columns need one), a generated tsvector column over unaccented text in the
'simple', 'french' and 'english' configurations, and a GIN index on it.
SQLite: an FTS5 external-content table (porter stemmer, case folded,
diacritics removed) kept in step with search_searchdocument by triggers.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION jumelage_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    """
    ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, jumelage_unaccent(name)), 'A')
        || setweight(to_tsvector('simple'::regconfig, jumelage_unaccent(body)), 'B')
        || setweight(to_tsvector('french'::regconfig, jumelage_unaccent(body)), 'C')
        || setweight(to_tsvector('english'::regconfig, jumelage_unaccent(body)), 'C')
        || to_tsvector('simple'::regconfig, facets)
    ) STORED
    """,
    "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS jumelage_unaccent(text)",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        name, body, facets,
        content='search_searchdocument', content_rowid='user_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, name, body, facets)
        VALUES (new.user_id, new.name, new.body, new.facets);
    END
    """,
    """
    CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, name, body, facets)
        VALUES ('delete', old.user_id, old.name, old.body, old.facets);
    END
    """,
    """
    CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, name, body, facets)
        VALUES ('delete', old.user_id, old.name, old.body, old.facets);
        INSERT INTO search_fts(rowid, name, body, facets)
        VALUES (new.user_id, new.name, new.body, new.facets);
    END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        # CreateExtension does nothing on other vendors.
        UnaccentExtension(),
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
