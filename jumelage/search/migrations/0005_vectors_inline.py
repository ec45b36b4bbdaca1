"""PostgreSQL: the search vectors inline in the table's rows, and a probe that may overshoot.

The full vector (2.6 kB) went to TOAST, so that every row the probe or the ranking read
cost a TOAST index lookup and two chunk fetches: 3.3 µs a row, 60 % of a broad search.
Stored inline (STORAGE MAIN) it costs 1.2 µs; the body text goes to TOAST instead, which
no search reads. The narrow `filters` vector must be MAIN too: beside a 2.6 kB vector the
row passes TOAST's 2 kB target, and 160 bytes of EXTENDED data would be moved out as well.
The heap grows from 1.0 to 2.9 GB at a million teachers (about 2 rows a block instead of 6):
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


def _changed(text: str, changes: list[tuple[str, str]]) -> str:
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# 0004's function with the one rule changed: the probe may read on to last_block.
POOL_FUNCTION = _changed(
    _BEFORE.POSTGRES_FORWARD[1],
    [
        (
            "next_blocks integer := first_blocks;\n",
            "next_blocks integer := first_blocks;\n"
            "        last_block integer := most_blocks * 3 / 2;\n",
        ),
        (
            "-- The blocks the pool needs at the density seen so far (a quarter more).",
            "-- Go on while the density seen so far brings the pool within most_blocks;\n"
            "            -- read a quarter more than it needs, up to last_block.",
        ),
        ("OR done_blocks >= most_blocks", "OR done_blocks >= last_block"),
        ("next_blocks := least(most_blocks,", "next_blocks := least(last_block,"),
    ],
)

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


class Migration(migrations.Migration):
    # VACUUM FULL cannot run inside a transaction.
    atomic = False

    dependencies = [("search", "0004_search_pool")]

    operations = [
        migrations.RunPython(_BEFORE._run(POSTGRES_FORWARD), _BEFORE._run(POSTGRES_BACKWARD))
    ]
