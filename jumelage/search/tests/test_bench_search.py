"""Smoke tests of the search benchmarks at a tiny scale (the full runs are in bench/, not here)."""

import pytest

from jumelage.testing import make_teacher

from .bench import load


def teachers():
    for presentation in ("Théâtre et musique", "Robotics club", "Le patrimoine de la mer"):
        make_teacher("FR", presentation=presentation)


@pytest.mark.django_db
def test_search_benchmark_reports_each_kind_and_its_own_sql(capsys):
    teachers()
    assert load("partners_search").main(["--searches", "30", "--show-slowest", "2"]) == 0
    out = capsys.readouterr().out
    assert "seed " in out
    for kind in ("| all | 30 |", "| text | 10 |", "| filters | 10 |", "| text+filters | 10 |"):
        assert kind in out
    assert "total/SQL" in out
    assert " ms (SQL " in out


@pytest.mark.django_db
def test_search_benchmark_draws_a_fresh_seed_per_query_set(capsys):
    teachers()
    load("partners_search").main(["--searches", "6", "--query-sets", "2"])
    out = capsys.readouterr().out
    seeds = [line.split()[1].rstrip(":") for line in out.splitlines() if line.startswith("seed ")]
    assert len(seeds) == 2 and seeds[0] != seeds[1]
    assert "all 2 query sets" in out


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrency_mode_and_sqlite_copy_on_postgresql(postgres, tmp_path, capsys):
    generator = load("partners_generate")
    postgres.ensure_connection()
    counts = generator.generate(postgres.connection, scale=0.0003, progress=lambda m: None)
    postgres.connection.commit()
    bench = load("partners_search")
    assert bench.main(["--searches", "12", "--concurrency", "2", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "12 searches by 2 concurrent searchers" in out
    assert "| text+filters | 4 |" in out
    # With the search table loaded into shared_buffers first (pg_prewarm), as documented.
    assert bench.main(["--searches", "6", "--seed", "4", "--prewarm"]) == 0
    out = capsys.readouterr().out
    assert "blocks prewarmed" in out and "shared_buffers" in out
    assert "| all | 6 |" in out
    # The SQLite FTS5 benchmark's data: documents copied into a migrated SQLite file.
    sqlite = load("partners_sqlite")
    target = tmp_path / "search.sqlite3"
    sqlite.migrate(target)
    postgres.ensure_connection()
    assert sqlite.build(postgres.connection, target, 100, progress=lambda m: None) > 0
    assert counts["documents"] > 0
