"""PostgreSQL: the search vectors inline in the table's rows, and a probe that may overshoot.

The full vector (2.6 kB) went to TOAST, so that every row the probe or the ranking read
cost a TOAST index lookup and two chunk fetches: 3.3 µs a row, 60 % of a broad search.
Stored inline (STORAGE MAIN) it costs 1.2 µs; the body text goes to TOAST instead, which
no search reads. The narrow `filters` vector must be MAIN too: beside a 2.6 kB vector the
row passes TOAST's 2 kB target, and 160 bytes of EXTENDED data would be moved out as well.
The heap grows from 1.0 to 2.9 GB at a million teachers (3 rows a block instead of 6):
`backends.PROBE_BLOCKS_*` count blocks and were scaled with it.

Existing rows move only when rewritten: VACUUM FULL (outside a transaction, hence a
non-atomic migration), about 2 minutes at a million teachers, during which searches wait.

The pool function changes in one rule: a probe whose density promised the pool within
`most_blocks` may read on to one and a half times that bound instead of starting again
on the GIN index (the density of the first blocks is an estimate; a miss cost both).
"""

from importlib import import_module

from django.db import migrations

# Back to 0004: its function, with the vectors in TOAST again.
_BEFORE = import_module("jumelage.search.migrations.0004_search_pool")

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
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN,"
    " ALTER COLUMN filters SET STORAGE MAIN",
    POOL_FUNCTION,
    "VACUUM FULL search_searchdocument",
]
POSTGRES_BACKWARD = [
    _BEFORE.POSTGRES_FORWARD[1],
    "ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED,"
    " ALTER COLUMN filters SET STORAGE EXTENDED",
    "VACUUM FULL search_searchdocument",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    # VACUUM FULL cannot run inside a transaction.
    atomic = False

    dependencies = [("search", "0004_search_pool")]

    operations = [migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD))]
