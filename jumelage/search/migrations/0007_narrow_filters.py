"""PostgreSQL: a narrow copy of each document's filters for searches without words (issue 22).

A search with filters only reads no word, yet its probe walked the documents' rows,
about 3 to a block since their vectors are inline (migration 0005): 0.43 µs a row, most
of it memory traffic. `search_documentfilters` holds what such a search needs (the user,
the activity date that orders its results, the `filters` vector), about 35 rows a block:
0.18 µs a row at a million teachers, the tsvector check being most of it now.

Triggers keep it in step with `search_searchdocument` (insert, update, delete, truncate),
whatever writes there: the indexer, a bulk COPY, a test's flush. The copy has no index
but its primary key: the probe reads it in physical order (TID ranges), and a search
whose filters match too sparsely for that still asks the documents' GIN index.
`backends.PROBE_BLOCKS_FILTERS` counts this table's blocks.
"""

import textwrap
from importlib import import_module

from django.db import migrations

_POOL = import_module("jumelage.search.migrations.0004_search_pool")
_BEFORE = import_module("jumelage.search.migrations.0005_vectors_inline")


def _between(text: str, first: str, last: str) -> str:
    start = text.index(first)
    return text[start : text.index(last, start) + len(last)]


# 0005's probe of the documents (one statement), kept for searches with words.
_WORDS_PROBE = _between(_BEFORE.POOL_FUNCTION, "            SELECT array_agg", ") AS p;\n")
_FILTERS_PROBE = """\
                -- Filters only: the narrow copy, in its physical order.
                SELECT array_agg(f.user_id), array_agg(f.active_at), array_agg(0::real)
                INTO more_ids, more_ats, more_ranks
                FROM (
                    SELECT c.user_id, c.active_at
                    FROM search_documentfilters c
                    WHERE c.ctid >= ('(' || done_blocks || ',0)')::tid
                      AND c.ctid < ('(' || next_blocks || ',0)')::tid
                      AND ts_match_vq(c.filters, filter_q)
                      AND c.user_id <> ALL (excluded)
                    LIMIT pool_size - cardinality(ids)
                ) AS f;
"""
# 0005's function with one change: the probe reads the narrow copy when there is no word.
POOL_FUNCTION = _BEFORE._changed(
    _BEFORE.POOL_FUNCTION,
    [
        (
            _WORDS_PROBE,
            "            IF text_q IS NULL THEN\n"
            + _FILTERS_PROBE
            + "            ELSE\n"
            + textwrap.indent(_WORDS_PROBE, "    ")
            + "            END IF;\n",
        )
    ],
)

POSTGRES_FORWARD = [
    """
    CREATE TABLE search_documentfilters (
        user_id bigint PRIMARY KEY,
        active_at timestamptz NOT NULL,
        filters tsvector
    ) WITH (fillfactor = 90)
    """,
    """
    CREATE FUNCTION jumelage_documentfilters_follow() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id) THEN
            DELETE FROM search_documentfilters WHERE user_id = OLD.user_id;
        END IF;
        IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.user_id = NEW.user_id
                                AND OLD.facets = NEW.facets AND OLD.active_at = NEW.active_at) THEN
            RETURN NULL;
        END IF;
        INSERT INTO search_documentfilters (user_id, active_at, filters)
        VALUES (NEW.user_id, NEW.active_at, NEW.filters)
        ON CONFLICT (user_id) DO UPDATE
            SET active_at = EXCLUDED.active_at, filters = EXCLUDED.filters;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE FUNCTION jumelage_documentfilters_empty() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE search_documentfilters;
        RETURN NULL;
    END
    $$
    """,
    "CREATE TRIGGER search_documentfilters_follow"
    " AFTER INSERT OR UPDATE OR DELETE ON search_searchdocument"
    " FOR EACH ROW EXECUTE FUNCTION jumelage_documentfilters_follow()",
    "CREATE TRIGGER search_documentfilters_empty AFTER TRUNCATE ON search_searchdocument"
    " FOR EACH STATEMENT EXECUTE FUNCTION jumelage_documentfilters_empty()",
    "INSERT INTO search_documentfilters (user_id, active_at, filters)"
    " SELECT user_id, active_at, filters FROM search_searchdocument",
    POOL_FUNCTION,
]
POSTGRES_BACKWARD = [
    _BEFORE.POOL_FUNCTION,
    "DROP TRIGGER IF EXISTS search_documentfilters_empty ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_documentfilters_follow ON search_searchdocument",
    "DROP FUNCTION IF EXISTS jumelage_documentfilters_empty()",
    "DROP FUNCTION IF EXISTS jumelage_documentfilters_follow()",
    "DROP TABLE IF EXISTS search_documentfilters",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0006_body_stemmed_only")]

    operations = [migrations.RunPython(_POOL._run(POSTGRES_FORWARD), _POOL._run(POSTGRES_BACKWARD))]
