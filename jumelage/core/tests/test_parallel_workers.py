"""The application's PostgreSQL sessions never start parallel workers (settings.py).

At full scale a page's query reads a few rows by index in 0.5-4 ms; with parallel
workers allowed, PostgreSQL launched one for such queries and each cost 15-20 ms more
(the TwinSpace home of the biggest project went from 47 to 100 ms). docs/benchmarks.md.
"""

import pytest

pytestmark = pytest.mark.services


def test_a_page_connection_plans_without_parallel_workers(postgres):
    with postgres.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        # Even for a scan the planner would otherwise split across workers.
        cursor.execute("SET LOCAL parallel_setup_cost = 0")
        cursor.execute("SET LOCAL parallel_tuple_cost = 0")
        cursor.execute("SET LOCAL min_parallel_table_scan_size = 0")
        cursor.execute("EXPLAIN SELECT count(*) FROM accounts_user")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Gather" not in plan and "Parallel" not in plan
