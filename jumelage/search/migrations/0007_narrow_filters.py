"""PostgreSQL: a narrow copy of each document's filters for searches without words (issue 22).

A search with filters only reads no word, yet its probe walked the documents' rows,
about 3 to a block since their vectors are inline (migration 0005): 0.43 µs a row, most
of it memory traffic. `search_documentfilters` holds what such a search needs (the user,
the activity date that orders its results, the `filters` vector), about 40 rows a block:
0.18 µs a row at a million teachers, the tsvector check being most of it now.

Triggers keep it in step with `search_searchdocument` (insert, update, delete, truncate),
whatever writes there: the indexer, a bulk COPY, a test's flush. The copy has no index
but its primary key: the probe reads it in physical order (TID ranges), and a search
whose filters match too sparsely for that still asks the documents' GIN index.
`backends.PROBE_BLOCKS_FILTERS` counts this table's blocks.
"""

from importlib import import_module

from django.db import migrations

_POOL = import_module("jumelage.search.migrations.0004_search_pool")
_BEFORE = import_module("jumelage.search.migrations.0005_vectors_inline")

POOL_FUNCTION = """
CREATE OR REPLACE FUNCTION jumelage_search_pool(
    text_q tsquery, filter_q tsquery, pool_size integer, excluded bigint[],
    ranked boolean, first_blocks integer, most_blocks integer
) RETURNS TABLE (user_id bigint, active_at timestamptz, rank real)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_indexscan = off
SET jit = off
SET work_mem = '16MB'
AS $$
DECLARE
    full_q tsquery := CASE
        WHEN text_q IS NULL THEN filter_q
        WHEN filter_q IS NULL THEN text_q
        ELSE text_q && filter_q END;
    ids bigint[] := '{}';
    ats timestamptz[] := '{}';
    ranks real[] := '{}';
    more_ids bigint[];
    more_ats timestamptz[];
    more_ranks real[];
    done_blocks integer := 0;
    next_blocks integer := first_blocks;
    last_block integer := most_blocks * 3 / 2;
    found integer;
BEGIN
    LOOP
        IF text_q IS NULL THEN
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
        ELSE
            SELECT array_agg(p.user_id), array_agg(p.active_at), array_agg(p.rank)
            INTO more_ids, more_ats, more_ranks
            FROM (
                SELECT d.user_id, d.active_at,
                       CASE WHEN ranked THEN ts_rank(d.vector, full_q) ELSE 0 END AS rank
                FROM search_searchdocument d
                WHERE d.ctid >= ('(' || done_blocks || ',0)')::tid
                  AND d.ctid < ('(' || next_blocks || ',0)')::tid
                  AND (filter_q IS NULL OR ts_match_vq(d.filters, filter_q))
                  AND ts_match_vq(d.vector, text_q)
                  AND d.user_id <> ALL (excluded)
                LIMIT pool_size - cardinality(ids)
            ) AS p;
        END IF;
        ids := ids || coalesce(more_ids, '{}');
        ats := ats || coalesce(more_ats, '{}');
        ranks := ranks || coalesce(more_ranks, '{}');
        found := cardinality(ids);
        IF found >= pool_size THEN
            RETURN QUERY SELECT * FROM unnest(ids, ats, ranks);
            RETURN;
        END IF;
        done_blocks := next_blocks;
        -- Go on while the density seen so far brings the pool within most_blocks;
        -- read a quarter more than it needs, up to last_block.
        IF found = 0 OR done_blocks >= last_block
           OR done_blocks::bigint * pool_size / found > most_blocks THEN
            EXIT;
        END IF;
        next_blocks := least(last_block,
                             (done_blocks::bigint * pool_size * 5 / (4 * found))::integer);
    END LOOP;
    -- Sparse matches: the GIN index's posting lists are short, it finds them all.
    RETURN QUERY
        SELECT d.user_id, d.active_at,
               CASE WHEN ranked THEN ts_rank(d.vector, full_q) ELSE 0 END
        FROM search_searchdocument d
        WHERE d.vector @@ full_q AND d.user_id <> ALL (excluded)
        LIMIT pool_size;
END
$$
"""

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
        IF TG_OP IN ('DELETE', 'UPDATE') AND (TG_OP = 'DELETE' OR OLD.user_id <> NEW.user_id) THEN
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

    operations = [
        migrations.RunPython(_POOL._run(POSTGRES_FORWARD), _POOL._run(POSTGRES_BACKWARD))
    ]
