"""Case-insensitive equality that an index on LOWER(column) serves (stop 47).

Django's `iexact` compiles to UPPER(column) = UPPER(value) on PostgreSQL and to LIKE on
SQLite, which no index serves: every login read all 4.2 million accounts at eTwinning's
scale (0.6 s each). A field whose `iexact` lookups are frequent registers `LowerExact`
and has an index (or a unique constraint) on Lower(field).
"""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.core.exceptions import EmptyResultSet
from django.db import migrations
from django.db.models import Field, ForeignObject, Lookup


class LowerExact(Lookup):
    """`iexact` as LOWER(column) = LOWER(value)."""

    lookup_name = "iexact"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"LOWER({lhs}) = LOWER({rhs})", (*lhs_params, *rhs_params)


@ForeignObject.register_lookup  # a foreign key's lookups are its own, not Field's
@Field.register_lookup
class InArray(Lookup):
    """`field__in_array=[1, 2, 3]`: `field = ANY(%s)` on PostgreSQL, the list one parameter,
    so a query of one shape for any number of values, which a Prepared query can hold
    (core.prepared: the partner cards' four queries by teacher ids, issue 16). Elsewhere
    `IN (...)`, as `__in` writes it."""

    lookup_name = "in_array"
    prepare_rhs = False

    def get_prep_lookup(self):
        field = self.lhs.output_field
        return [field.get_prep_value(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection, prepared=True) for value in self.rhs]
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        if not values:
            raise EmptyResultSet
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", (*lhs_params, *values)


def compare_lowercased(model, *field_names) -> None:
    for name in field_names:
        model._meta.get_field(name).register_lookup(LowerExact)


class AddIndexWhileServing(AddIndexConcurrently):
    """A migration's new index, built CONCURRENTLY on PostgreSQL (the table stays writable:
    seconds on the accounts at eTwinning's scale); a plain index elsewhere (SQLite has no
    such option). Its migration needs `atomic = False`."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )
