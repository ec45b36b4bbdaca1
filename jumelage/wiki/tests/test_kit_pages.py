"""The pages a kit gives a project when it is activated."""

import pytest

from jumelage.kits.models import Kit
from jumelage.projects.models import Project
from jumelage.projects.signals import project_activated
from jumelage.testing import make_project, make_teacher
from jumelage.wiki.models import Page

from .helpers import make_kit

pytestmark = pytest.mark.django_db


def test_activation_creates_one_page_per_kit_step_in_the_founders_languages():
    fr, de = make_teacher("FR"), make_teacher("DE")
    fr.language = "fr"
    fr.save()
    project = make_project([fr, de], status=Project.Status.AWAITING_APPROVAL, kit=make_kit())
    project_activated.send(sender=Project, project=project)
    pages = list(Page.objects.filter(project=project).order_by("position"))
    assert [p.title for p in pages] == ["Étape 1 / Step 1", "Étape 2 / Step 2"]
    assert "<h2>Français</h2><p>Présentez votre ville.</p>" in pages[0].body
    assert "<h2>English</h2><p>Present your town.</p><p>Part 1.</p>" in pages[0].body
    assert all(p.revisions.count() == 1 and p.visibility == "published" for p in pages)
    # Sent twice (replayed activation): no duplicate.
    project_activated.send(sender=Project, project=project)
    assert Page.objects.filter(project=project).count() == 2


def test_founders_sharing_a_language_get_their_language_only():
    fr1, fr2 = make_teacher("FR"), make_teacher("BE")
    for t in (fr1, fr2):
        t.language = "fr"
        t.save()
    project = make_project([fr1, fr2], kit=make_kit(1))
    project_activated.send(sender=Project, project=project)
    page = Page.objects.get(project=project)
    assert page.title == "Étape 1"
    assert page.body == "<p>Présentez votre ville.</p><p>Partie 1.</p>"


def test_a_project_without_a_kit_gets_no_page(project):
    project_activated.send(sender=Project, project=project)
    assert not Page.objects.exists()


def test_approving_a_kit_project_creates_its_pages(django_capture_on_commit_callbacks):
    """Through the real approval service: the last office's approval activates the project."""
    from django.utils import timezone

    from jumelage.projects import services as project_services
    from jumelage.projects.models import Approval
    from jumelage.testing import make_staff

    kit = Kit.objects.exclude(steps=None).first()  # a shipped kit
    project = make_project(status=Project.Status.AWAITING_APPROVAL, kit=kit)
    for country in ("FR", "DE"):
        Approval.objects.create(project=project, country_id=country, submitted_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        for approval in project.approvals.all():
            project_services.decide(approval, make_staff(approval.country_id), approve=True)
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE
    pages = Page.objects.filter(project=project)
    assert pages.count() == kit.steps.count() > 0
    first = kit.steps.order_by("position").first()
    # Both founders use English here (the factories' default language).
    assert pages.order_by("position").first().title == first.title_en
