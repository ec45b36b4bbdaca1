"""The two search backends behind one interface: PostgreSQL full-text and SQLite FTS5.

Both answer the same `Query` with the same `Page`: ids of teachers, best first,
with a stable order (rank, then id) so that pagination never repeats or skips.
PostgreSQL matches each word of the query in the 'simple', 'french' and
'english' configurations over unaccented text (names are indexed in 'simple', the
body in 'french' and 'english'); SQLite matches with FTS5's porter stemmer
over unicode61 with diacritics removed. Both fold case.
"""

import re
from dataclasses import dataclass, field

from django.db import connection

# Counting every match of a vague search at a million teachers costs more than
# it tells: beyond this many, the page says "more than 1,000".
MAX_COUNT = 1000
MAX_WORDS = 8
# How much of a table (8 kB blocks) the PostgreSQL pool reads in physical order (first, at
# most) before it turns to the GIN index. Words are checked on the documents' rows (about
# 3 a block, their vectors inline since migration 0005), filters alone on their narrow
# copy (about 35 a block, migration 0007). Set where probe and GIN scan cost the same on a
# quiet box with the tables in shared_buffers (docs/benchmarks.md, issue 22).
PROBE_BLOCKS_FILTERS = (35, 2000)
PROBE_BLOCKS_TEXT = (200, 6000)
_WORD = re.compile(r"\w+", re.UNICODE)
# A word's three tsqueries (simple, french, english over unaccented text), kept per process:
# they depend on the word and PostgreSQL's dictionaries only, and the usual searches repeat
# their words ("climate", "art"): one round trip a search fewer (issue 16).
_WORD_QUERIES: dict[str, tuple[str, str, str]] = {}
MAX_WORDS_KEPT = 10_000


@dataclass(frozen=True)
class Query:
    text: str = ""
    # AND across groups, OR within a group: [["xfcfr", "xfcde"], ["xfsart"]].
    facet_groups: tuple[tuple[str, ...], ...] = ()
    # Documents holding any of these tokens are left out.
    must_not: tuple[str, ...] = ()
    exclude_ids: tuple[int, ...] = ()

    def words(self) -> list[str]:
        return [w[:40] for w in _WORD.findall(self.text.lower())][:MAX_WORDS]


@dataclass
class Page:
    ids: list[int]
    total: int
    total_is_capped: bool
    number: int
    per_page: int
    extra: dict = field(default_factory=dict)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1


def _sql_in(column: str, ids) -> tuple[str, list]:
    if not ids:
        return "", []
    return f" AND {column} NOT IN ({', '.join(['%s'] * len(ids))})", list(ids)


class PostgresBackend:
    """tsvector column `vector` (generated, GIN-indexed), see migration 0002."""

    table = "search_searchdocument"

    def _text_query(self, cursor, words) -> str:
        if not words:
            return ""
        known = {word: _WORD_QUERIES.get(word) for word in words}
        missing = [word for word, found in known.items() if found is None]
        if missing:
            cursor.execute(
                "SELECT plainto_tsquery('simple', jumelage_unaccent(w))::text,"
                " plainto_tsquery('french', jumelage_unaccent(w))::text,"
                " plainto_tsquery('english', jumelage_unaccent(w))::text"
                " FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) ORDER BY n",
                [missing],
            )
            fetched = dict(zip(missing, cursor.fetchall(), strict=True))
            known.update(fetched)
            if len(_WORD_QUERIES) + len(fetched) > MAX_WORDS_KEPT:
                _WORD_QUERIES.clear()  # another thread reads its own `known`, never this
            _WORD_QUERIES.update(fetched)
        parts = []
        for simple, french, english in (known[word] for word in words):
            if not simple or not french or not english:
                continue  # a stop word ("the", "le") or punctuation: it narrows nothing
            alternatives = " | ".join(f"( {q} )" for q in dict.fromkeys([simple, french, english]))
            parts.append(f"( {alternatives} )")
        return " & ".join(parts)

    @staticmethod
    def _facet_query(query: Query) -> str:
        parts = [
            "( " + " | ".join(f"'{t}'" for t in group) + " )"
            for group in query.facet_groups
            if group
        ]
        parts += [f"!'{t}'" for t in query.must_not]
        return " & ".join(parts)

    def search(
        self, query: Query, page: int, per_page: int, order: str, pool_size: int | None = None
    ) -> Page:
        pool_size = pool_size or MAX_COUNT
        offset = (page - 1) * per_page
        with connection.cursor() as cursor:
            text_q = self._text_query(cursor, query.words())
            tsquery = " & ".join(q for q in (text_q, self._facet_query(query)) if q)
            if not tsquery:
                # No words, no filters: everyone, the recently active first (index order).
                excl_sql, excl_params = _sql_in("user_id", query.exclude_ids)
                cursor.execute(
                    f"SELECT user_id FROM {self.table} WHERE TRUE{excl_sql}"  # noqa: S608
                    " ORDER BY active_at DESC, user_id LIMIT %s OFFSET %s",
                    [*excl_params, per_page, offset],
                )
                ids = [row[0] for row in cursor.fetchall()]
                total = self._count(cursor, "TRUE" + excl_sql, excl_params, pool_size)
                return _page(ids, total, page, per_page, pool_size)
            # The pool: the first pool_size + 1 matches in physical order, ranked and counted
            # within it. jumelage_search_pool (migration 0004) finds them with a fixed plan:
            # a bounded probe of the table's first blocks, else the GIN index.
            ranked = bool(text_q) and order == "rank"
            order_by = "rank DESC, user_id" if ranked else "active_at DESC, user_id"
            pool = [
                text_q or None,
                self._facet_query(query) or None,
                pool_size + 1,
                list(query.exclude_ids),
                ranked,
                *(PROBE_BLOCKS_TEXT if text_q else PROBE_BLOCKS_FILTERS),
            ]
            call = (
                "SELECT * FROM jumelage_search_pool("
                "%s::tsquery, %s::tsquery, %s, %s::bigint[], %s, %s, %s)"
            )
            return _pool_page(
                cursor, call, pool, "user_id", "", order_by, page, per_page, pool_size
            )

    def _count(self, cursor, where, params, pool_size) -> int:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {self.table} WHERE {where} LIMIT %s) AS s",  # noqa: S608
            [*params, pool_size + 1],
        )
        return cursor.fetchone()[0]


class SqliteBackend:
    """FTS5 table `search_fts` (porter, unicode61, remove_diacritics), see migration 0002."""

    @staticmethod
    def _match(query: Query) -> str:
        parts = []
        words = query.words()
        if words:
            parts.append("{name body} : (" + " AND ".join(f'"{w}"' for w in words) + ")")
        for group in query.facet_groups:
            if group:
                parts.append("facets : (" + " OR ".join(f'"{t}"' for t in group) + ")")
        match = " AND ".join(parts)
        if match and query.must_not:
            match += " NOT facets : (" + " OR ".join(f'"{t}"' for t in query.must_not) + ")"
        return match

    def search(
        self, query: Query, page: int, per_page: int, order: str, pool_size: int | None = None
    ) -> Page:
        pool_size = pool_size or MAX_COUNT
        match = self._match(query)
        offset = (page - 1) * per_page
        with connection.cursor() as cursor:
            if not match:
                excl_sql, excl_params = _sql_in("d.user_id", query.exclude_ids)
                base = "FROM search_searchdocument d WHERE 1=1" + excl_sql
                cursor.execute(
                    f"SELECT d.user_id {base} ORDER BY d.active_at DESC, d.user_id"  # noqa: S608
                    " LIMIT %s OFFSET %s",
                    [*excl_params, per_page, offset],
                )
                ids = [row[0] for row in cursor.fetchall()]
                cursor.execute(
                    f"SELECT count(*) FROM (SELECT 1 {base} LIMIT %s)",  # noqa: S608
                    [*excl_params, pool_size + 1],
                )
                return _page(ids, cursor.fetchone()[0], page, per_page, pool_size)
            # As on PostgreSQL: a pool of the first pool_size + 1 matches (FTS5 yields them
            # by rowid), ranked (bm25, name ×10) or ordered by activity within it, and
            # counted. Under pool_size matches the pool is every match: the exact ranking.
            excl_sql, excl_params = _sql_in("search_fts.rowid", query.exclude_ids)
            ranked = query.words() and order == "rank"
            rank = "bm25(search_fts, 10.0, 1.0, 0.0)" if ranked else "0"
            order_by = "pool.rank, d.user_id" if ranked else "d.active_at DESC, d.user_id"
            pool = (
                f"SELECT search_fts.rowid AS id, {rank} AS rank FROM search_fts"  # noqa: S608
                f" WHERE search_fts MATCH %s{excl_sql} LIMIT %s"
            )
            pool_params = [match, *excl_params, pool_size + 1]
            join = " JOIN search_searchdocument d ON d.user_id = pool.id"
            return _pool_page(
                cursor, pool, pool_params, "d.user_id", join, order_by, page, per_page, pool_size
            )


def _pool_page(cursor, pool, params, column, join, order_by, page, per_page, pool_size) -> Page:
    """One page of the pool (at most pool_size + 1 matches) in order, and the pool's size.

    An empty page must not run the pool a second time to count it (it doubled the cost
    of a search without a match, issue 22): on page 1 an empty page means no match, and
    PostgreSQL returns the size and the page's ids in one row in any case.
    """
    offset = (page - 1) * per_page
    if connection.vendor == "postgresql":
        cursor.execute(
            f"WITH pool AS MATERIALIZED ({pool}) SELECT (SELECT count(*) FROM pool),"  # noqa: S608
            f" ARRAY(SELECT {column} FROM pool{join} ORDER BY {order_by} LIMIT %s OFFSET %s)",
            [*params, per_page, offset],
        )
        total, ids = cursor.fetchone()
        return _page(ids, total, page, per_page, pool_size)
    cursor.execute(
        f"WITH pool AS MATERIALIZED ({pool}) SELECT {column}, (SELECT count(*) FROM pool)"  # noqa: S608
        f" FROM pool{join} ORDER BY {order_by} LIMIT %s OFFSET %s",
        [*params, per_page, offset],
    )
    rows = cursor.fetchall()
    if rows:
        total = rows[0][1]
    elif page == 1:
        total = 0
    else:  # a page past the end
        cursor.execute(f"SELECT count(*) FROM ({pool}) AS p", params)  # noqa: S608
        total = cursor.fetchone()[0]
    return _page([row[0] for row in rows], total, page, per_page, pool_size)


def _page(ids, total, page, per_page, pool_size) -> Page:
    capped = total > pool_size
    return Page(ids, min(total, pool_size), capped, page, per_page)


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()
