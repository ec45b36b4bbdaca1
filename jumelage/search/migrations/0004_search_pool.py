"""PostgreSQL: the search pool as a function whose plan is fixed (issue 22).

The pool (at most MAX_COUNT + 1 matches, in physical order) used to run with the
planner's plan under a 150 ms budget, then again through the GIN index. The planner
cannot know how many rows a combination of correlated words and filters matches, so
its sequential scan sometimes read the whole table. This function reads matches
through the GIN index only (a bitmap scan: sequential and plain index scans are
switched off for its own statement), so a search's cost follows from its words and
filters, never from an estimate. Its body is planned once, without the values, and
returns the same rows the old queries did: physical order, first pool_size matches.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION jumelage_search_pool(
        q tsquery, pool_size integer, excluded bigint[], ranked boolean
    ) RETURNS TABLE (user_id bigint, active_at timestamptz, rank real)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET enable_seqscan = off
    SET enable_indexscan = off
    SET jit = off
    AS $$
        SELECT d.user_id, d.active_at,
               CASE WHEN ranked THEN ts_rank(d.vector, q) ELSE 0 END
        FROM search_searchdocument d
        WHERE d.vector @@ q AND d.user_id <> ALL (excluded)
        LIMIT pool_size
    $$
    """,
]
POSTGRES_BACKWARD = [
    "DROP FUNCTION IF EXISTS jumelage_search_pool(tsquery, integer, bigint[], boolean)",
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
