"""PostgreSQL: the body in the french and english configurations only (issue 22).

The body was indexed three times: 'simple' (weight B), 'french' and 'english' (C). The
'simple' copy found nothing the stems do not: a query word is looked up in all three
configurations and dropped when one of them calls it a stop word, and the same word
always has the same stem, so every body match through 'simple' is also one through
'english'. It made the vector, which every probed row carries, about a fifth wider, and
a probe's cost follows the bytes it reads. The stems now carry weight B, which the
body's matches had through 'simple'. The name stays in 'simple' (weight A): names are
not stemmed.

The column is rebuilt (PostgreSQL 15 cannot change a generated expression): dropped,
added, set to MAIN storage, the table rewritten and the GIN index built again;
4 min 35 s at a million teachers on 2 cores, searches waiting meanwhile (not atomic:
VACUUM FULL runs outside a transaction).
"""

from importlib import import_module

from django.db import migrations

_POOL = import_module("jumelage.search.migrations.0004_search_pool")

NAME_AND_FACETS = (
    "setweight(to_tsvector('simple'::regconfig, jumelage_unaccent(name)), 'A')",
    "to_tsvector('simple'::regconfig, facets)",
)
BODY_BEFORE = (
    "setweight(to_tsvector('simple'::regconfig, jumelage_unaccent(body)), 'B')"
    " || setweight(to_tsvector('french'::regconfig, jumelage_unaccent(body)), 'C')"
    " || setweight(to_tsvector('english'::regconfig, jumelage_unaccent(body)), 'C')"
)
BODY_AFTER = (
    "setweight(to_tsvector('french'::regconfig, jumelage_unaccent(body)), 'B')"
    " || setweight(to_tsvector('english'::regconfig, jumelage_unaccent(body)), 'B')"
)


def _vector(body: str) -> list[str]:
    name, facets = NAME_AND_FACETS
    return [
        "DROP INDEX IF EXISTS search_doc_vector_gin",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
        "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector"
        f" GENERATED ALWAYS AS ({name} || {body} || {facets}) STORED",
        "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN",
        "VACUUM FULL search_searchdocument",
        "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (vector)",
    ]


class Migration(migrations.Migration):
    # VACUUM FULL cannot run inside a transaction.
    atomic = False

    dependencies = [("search", "0005_vectors_inline")]

    operations = [
        migrations.RunPython(_POOL._run(_vector(BODY_AFTER)), _POOL._run(_vector(BODY_BEFORE)))
    ]
