"""Reference choices kept in each process: a change shows at once, here and elsewhere."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jumelage.partners.forms import SearchForm
from jumelage.reference import choices
from jumelage.reference.models import Country, Subject
from jumelage.testing import make_teacher

pytestmark = pytest.mark.django_db


def subjects_on(page) -> dict[str, str]:
    """The search page's subject checkboxes: value -> label."""
    return dict(re.findall(r'name="subject" value="([^"]+)"[^>]*> ([^<]+)</label>', page))


def labels(field: str) -> list[str]:
    return [str(label) for _value, label in SearchForm().fields[field].choices]


def test_a_subject_renamed_in_the_admin_shows_in_the_next_search_form(client):
    client.force_login(make_teacher("FR"))
    url = reverse("partners:search")
    assert subjects_on(client.get(url).content.decode())["art"] == "Art"
    art = Subject.objects.get(code="art")
    art.name_en = "Visual arts and crafts"
    art.save()
    assert subjects_on(client.get(url).content.decode())["art"] == "Visual arts and crafts"
    Subject.objects.create(code="robotics", name_en="Robotics", name_fr="Robotique")
    assert subjects_on(client.get(url).content.decode())["robotics"] == "Robotics"
    art.delete()
    assert "art" not in subjects_on(client.get(url).content.decode())


def test_each_language_keeps_its_own_names_and_order():
    with translation.override("fr"):
        french = labels("country")
    with translation.override("de"):
        german = labels("country")
    assert "Allemagne" in french and "Deutschland" in german
    with translation.override("fr"):
        assert labels("country") == french
    assert set(labels("country")) == {
        c.name_en for c in Country.objects.filter(can_found=True)
    }  # the filter of the field's queryset: founding countries only


def test_a_change_in_another_process_shows_here_after_the_shared_version_moves(monkeypatch):
    """Another process's save: this one saw no signal, only the version in the cache."""
    monkeypatch.setattr(choices, "CHECK_EVERY", 0)
    assert "Art" in labels("subject")
    Subject.objects.filter(code="art").update(name_en="Arts elsewhere")  # no signal here
    assert "Arts elsewhere" not in labels("subject")  # this process's copy
    cache.set(choices.VERSION_KEY, "saved by another process", None)
    assert "Arts elsewhere" in labels("subject")


def test_the_form_reads_its_choices_once_per_process(client):
    client.force_login(make_teacher("FR"))
    url = reverse("partners:search")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ("reference_subject", "reference_language", "reference_ageband"):
        assert f'FROM "{table}"' not in tables


def test_a_submitted_value_is_checked_against_the_database():
    assert "Art" in labels("subject")  # in this process's copy
    Subject.objects.filter(code="art").delete()  # a bulk delete: no signal, the copy stays
    form = SearchForm({"subject": ["art"]})
    assert not form.is_valid()
    assert "subject" in form.errors


def test_the_number_of_choices_comes_from_the_copy_not_a_count():
    field = SearchForm().fields["subject"]
    listed = len(list(field.choices))
    with CaptureQueriesContext(connection) as queries:
        counted, present = len(field.choices), bool(field.choices)
    assert not queries.captured_queries
    assert counted == listed == Subject.objects.count() and present
    country = SearchForm().fields["country"]  # a field with an empty choice first
    assert len(country.choices) == len(list(country.choices))
