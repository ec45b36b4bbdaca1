"""Smoke test of the benchmark generator at a tiny scale (the full run is in bench/, not here)."""

import importlib.util
from pathlib import Path

import pytest

from jumelage.accounts.models import TeacherProfile
from jumelage.partners.models import PartnerRequest
from jumelage.schools.models import School
from jumelage.search.backends import Query
from jumelage.search.documents import facet
from jumelage.search.models import SearchDocument
from jumelage.search.services import search

GENERATOR = Path(__file__).resolve().parents[3] / "bench" / "partners_generate.py"

pytestmark = pytest.mark.services


def load_generator():
    spec = importlib.util.spec_from_file_location("partners_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_fills_a_searchable_data_set(postgres):
    generator = load_generator()
    postgres.ensure_connection()
    counts = generator.generate(postgres.connection, scale=0.0003, progress=lambda m: None)
    assert counts["teachers"] == 300
    assert TeacherProfile.objects.count() == 300
    assert School.objects.count() == 75
    assert PartnerRequest.objects.count() == 30
    findable = TeacherProfile.objects.filter(status="verified", findable=True).count()
    assert SearchDocument.objects.count() == findable == counts["documents"]
    # Documents are the ones the platform would write: a teacher found by their school's town.
    doc = SearchDocument.objects.select_related("user").first()
    town = doc.user.schools.first().town
    assert doc.user_id in search(Query(text=town), per_page=100).ids
    country = doc.user.schools.first().country_id
    page = search(Query(facet_groups=((facet("country", country),),)), per_page=500)
    assert doc.user_id in page.ids
    assert set(page.ids) <= set(
        TeacherProfile.objects.filter(status="verified", findable=True).values_list(
            "user_id", flat=True
        )
    )
