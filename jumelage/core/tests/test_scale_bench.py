"""Smoke test of bench/platform_generate.py and bench/pages_at_scale.py at a tiny scale.

The full-scale run (1.2 M teachers, 3 M pupils) is in bench/, never in CI: here a
0.1 % instance is generated in the test's transaction, then the main pages of a
generated teacher, project and office must answer.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.db.models import Count

from jumelage.projects.models import Membership, Project, PupilAccount

BENCH = Path(__file__).resolve().parents[3] / "bench"

pytestmark = pytest.mark.services


def load(name):
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tiny_generated_platform_serves_its_main_pages(postgres):
    generator = load("platform_generate")
    postgres.ensure_connection()
    counts = generator.generate(postgres.connection, scale=0.001, progress=lambda m: None)
    assert counts["projects"] == Project.objects.count() == 160
    assert PupilAccount.objects.count() == 3000
    # Skewed memberships: one teacher is in 40 projects, project 1 is the biggest.
    busiest = (
        Membership.objects.filter(role__in=["admin", "teacher"])
        .values("user")
        .annotate(n=Count("id"))
        .order_by("-n")[0]
    )
    assert busiest["n"] >= 40
    # Every account shares one real password hash (made once): their password works.
    pupil = PupilAccount.objects.select_related("user").first().user
    assert pupil.check_password(generator.PASSWORD)
    assert busiest and Membership.objects.filter(user=busiest["user"]).first().user.check_password(
        generator.PASSWORD
    )

    pages = load("pages_at_scale").measure(repeat=1, warmup=0, progress=lambda m: None)
    subjects = pages.pop("_subjects")
    assert subjects["teacher_projects"] >= 40 and subjects["awaiting"] > 0
    assert {label: r["status"] for label, r in pages.items()} == dict.fromkeys(pages, 200)
