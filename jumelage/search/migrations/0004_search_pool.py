"""PostgreSQL: the search pool with a fixed plan, whatever the words (issue 22).

The pool (the first MAX_COUNT + 1 matches in physical order) used to run with the
planner's plan under a 150 ms budget, then again through the GIN index. The planner
cannot know how many rows a combination of correlated words and filters matches: its
sequential scan sometimes read the whole table, its GIN scan of a common word built a
bitmap of 300,000 rows. `jumelage_search_pool` decides by itself, with a bounded cost:

1. the probe reads the table's first `first_blocks` blocks (a TID range scan),
   checking the narrow, inline `filters` vector first and the full vector (in TOAST)
   only for rows whose filters match; at the density it saw, it reads on as far as
   the pool needs, never beyond `most_blocks`. If that yields the whole pool, those
   are the first matches in physical order: the pool the old queries returned;
2. otherwise the matches are sparse (fewer than pool_size in most_blocks blocks),
   and the GIN index finds them at the cost of its posting lists, in physical order
   again, hence the same pool.

Its statements are planned once without the values (force_generic_plan) with
sequential and plain index scans switched off, so the plan never depends on an
estimate.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    # The filter tokens alone: about 160 bytes, inline (the full vector, 2.6 kB, lives
    # in TOAST: a fetch and a decompression for every row read).
    """
    ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS filters tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, facets)) STORED
    """,
    """
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
        found integer;
    BEGIN
        LOOP
            SELECT array_agg(p.user_id), array_agg(p.active_at), array_agg(p.rank)
            INTO more_ids, more_ats, more_ranks
            FROM (
                SELECT d.user_id, d.active_at,
                       CASE WHEN ranked THEN ts_rank(d.vector, full_q) ELSE 0 END AS rank
                FROM search_searchdocument d
                WHERE d.ctid >= ('(' || done_blocks || ',0)')::tid
                  AND d.ctid < ('(' || next_blocks || ',0)')::tid
                  AND (filter_q IS NULL OR ts_match_vq(d.filters, filter_q))
                  AND (text_q IS NULL OR ts_match_vq(d.vector, text_q))
                  AND d.user_id <> ALL (excluded)
                LIMIT pool_size - cardinality(ids)
            ) AS p;
            ids := ids || coalesce(more_ids, '{}');
            ats := ats || coalesce(more_ats, '{}');
            ranks := ranks || coalesce(more_ranks, '{}');
            found := cardinality(ids);
            IF found >= pool_size THEN
                RETURN QUERY SELECT * FROM unnest(ids, ats, ranks);
                RETURN;
            END IF;
            done_blocks := next_blocks;
            -- The blocks the pool needs at the density seen so far (a quarter more).
            IF found = 0 OR done_blocks >= most_blocks
               OR done_blocks::bigint * pool_size / found > most_blocks THEN
                EXIT;
            END IF;
            next_blocks := least(most_blocks,
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
    """,
]
POSTGRES_BACKWARD = [
    "DROP FUNCTION IF EXISTS jumelage_search_pool("
    "tsquery, tsquery, integer, bigint[], boolean, integer, integer)",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS filters",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_dates_in_range")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
