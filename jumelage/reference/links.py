"""The reference rows (subjects, languages, age bands...) that rows of other apps link to.

A teacher's profile or a project lists its subjects and languages through many-to-many
link tables. Prefetching them is a query per list joined to the reference table, and a
model instance built per link (a third of a partner card's cost; 8,500 Python calls of
the project page's 44,000). Here: one query over all the link tables at once, and the
rows themselves from the process's copy of each reference table (`cached_choices`).
"""

from collections.abc import Iterator

from django.db.models import CharField, Value
from django.db.models.functions import Cast

from jumelage.core.prepared import Prepared

from .choices import cached_choices
from .models import Country

# One builder per reference table, made once: cached_choices keeps a list per builder.
_builders: dict = {}


def _table(model) -> dict:
    """{primary key as text: (place, row)} of a reference table, in its order."""
    build = _builders.get(model)
    if build is None:
        build = _builders.setdefault(model, lambda: model.objects.all())
    rows = cached_choices(build(), build)
    return {str(row.pk): (place, row) for place, row in enumerate(rows)}


def _links(model, field_names, owners):
    """The union of the link tables' (list number, owner id, row key) of these owners:
    a list of ids (`__in_array`) or one id (an exact match); a Prepared query holds both."""
    parts = []
    for n, field_name in enumerate(field_names):
        m2m = model._meta.get_field(field_name)
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        match = (
            {f"{source}_id__in_array": owners}
            if isinstance(owners, list)
            else {f"{source}_id": owners}
        )
        parts.append(
            m2m.remote_field.through.objects.filter(**match)
            .order_by()
            .values_list(Value(n), f"{source}_id", Cast(f"{target}_id", CharField()))
        )
    return parts[0].union(*parts[1:], all=True)


_OWNERS_LINKS: dict[tuple, Prepared] = {}


def linked_rows(model, field_names, owner_ids) -> Iterator[tuple[int, str, object]]:
    """(owner id, field name, reference row) of the owners' links, each field's rows in
    its table's order (the query prepared per model and fields: a list of ids is one
    parameter, `__in_array`)."""
    key = (model, tuple(field_names))
    query = _OWNERS_LINKS.get(key)
    if query is None:
        query = _OWNERS_LINKS.setdefault(
            key, Prepared(lambda owners: _links(model, key[1], owners), owners=list)
        )
    yield from _rows(model, field_names, query.list(owners=list(owner_ids)))


def _rows(model, field_names, links):
    tables = [_table(model._meta.get_field(name).related_model) for name in field_names]
    found = []
    for n, owner_id, key in links:
        if key in tables[n]:  # else a row added in another process this second
            place, row = tables[n][key]
            found.append((n, place, owner_id, row))
    found.sort(key=lambda item: item[:2])
    for n, _place, owner_id, row in found:
        yield owner_id, field_names[n], row


class LinkedRowsOf:
    """`linked_rows` of one owner at a time, the query prepared (a page's own row)."""

    def __init__(self, model, *field_names: str):
        self.model, self.field_names = model, field_names
        self._query = Prepared(lambda owner: _links(model, field_names, owner), owner=int)

    def lists(self, owner_id: int) -> dict[str, list]:
        """{field name: the owner's rows in the table's order}."""
        lists = {name: [] for name in self.field_names}
        links = self._query.list(owner=owner_id)
        for _owner, name, row in _rows(self.model, self.field_names, links):
            lists[name].append(row)
        return lists


def _country_names():
    return [(country.code, country.name) for country in Country.objects.all()]


def country_names() -> dict[str, str]:
    """{code: name in the reader's language} of every country, from the process's copy of
    the table: lists of schools name their countries without joining or building a row."""
    return dict(cached_choices(Country.objects.all(), _country_names))
