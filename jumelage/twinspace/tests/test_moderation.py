import pytest

from jumelage.audit.models import AuditEntry
from jumelage.projects.models import Visibility
from jumelage.testing import make_project, make_pupil
from jumelage.twinspace import services
from jumelage.wiki.models import Page

from .helpers import hide, page, report, url

pytestmark = pytest.mark.django_db


def test_pupils_contribution_waits_then_a_teacher_approves_it(client, world):
    project, admin = world.project, world.users["admin"]
    pupil, other_pupil = world.users["pupil"], make_pupil(project)
    waiting = page(project, pupil, "Our school", "<p>We are 25.</p>", Visibility.PENDING)
    client.force_login(other_pupil)
    assert client.get(waiting.get_absolute_url()).status_code == 404
    client.force_login(admin)
    assert "Our school" in client.get(url("moderation", project)).text
    response = client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": waiting.pk, "action": "approve"},
    )
    assert response.status_code == 303
    waiting.refresh_from_db()
    assert waiting.visibility == Visibility.PUBLISHED and waiting.moderated_by == admin
    client.force_login(other_pupil)
    assert client.get(waiting.get_absolute_url()).status_code == 200
    client.force_login(admin)
    assert "Approved or restored" in client.get(url("audit", project)).text


@pytest.mark.parametrize(
    "data",
    [
        {"content_type": "wiki.page", "object_id": "abc", "action": "hide"},
        {"content_type": "wiki.page", "action": "hide"},
        {"content_type": "wiki.page", "object_id": "1", "action": "delete"},
    ],
)
def test_bad_moderation_requests_change_nothing(client, world, data):
    created = page(world.project, world.users["admin"], "P")
    data = {k: (created.pk if v == "1" else v) for k, v in data.items()}
    client.force_login(world.users["admin"])
    response = client.post(url("moderate", world.project), data, follow=True)
    assert response.status_code == 200
    assert "incomplete; nothing was changed" in response.text
    created.refresh_from_db()
    assert created.visibility == Visibility.PUBLISHED


@pytest.mark.parametrize("content_type", ["wiki.revision", "accounts.user", "nope.nope", "x"])
def test_moderation_refuses_what_is_not_moderated_content_of_this_project(
    client, world, content_type
):
    admin = world.users["admin"]
    client.force_login(admin)
    data = {"content_type": content_type, "object_id": admin.pk, "action": "hide"}
    assert client.post(url("moderate", world.project), data).status_code == 404


def test_content_of_another_project_is_not_found(client, world):
    other = make_project()
    foreign = page(other, other.created_by, "Theirs")
    client.force_login(world.users["admin"])
    data = {"content_type": "wiki.page", "object_id": foreign.pk, "action": "hide"}
    assert client.post(url("moderate", world.project), data).status_code == 404
    assert client.post(url("report", world.project), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.visibility == Visibility.PUBLISHED


def test_only_teachers_of_an_active_project_moderate_even_through_the_service(world):
    from jumelage.core.errors import Refused
    from jumelage.projects.access import access_for

    created = page(world.project, world.users["pupil"], "Mine")
    with pytest.raises(Refused):
        services.set_visibility(
            access_for(world.users["pupil"], world.project), created, Visibility.HIDDEN
        )
    created.refresh_from_db()
    assert created.visibility == Visibility.PUBLISHED


def test_moderation_log_shows_only_this_projects_moderation(client, world):
    other = make_project()
    theirs = page(other, other.created_by, "Theirs")
    hide(other.created_by, other, theirs, note="elsewhere-note")
    AuditEntry.objects.create(action="project.approved", project=world.project, note="staff-note")
    client.force_login(world.users["admin"])
    html = client.get(url("audit", world.project)).text
    assert "elsewhere-note" not in html and "staff-note" not in html


@pytest.mark.parametrize("n", [10, 50])
def test_moderation_and_log_query_counts_are_flat(client, world, django_assert_num_queries, n):
    project, admin = world.project, world.users["admin"]
    pupil = world.users["pupil"]
    for i in range(n):
        waiting = page(project, pupil, f"Pending {i}")
        report(pupil, project, page(project, admin, f"P{i}"), "r")
        hide(admin, project, waiting)
    client.force_login(admin)
    client.get(url("moderation", project))
    # One query per kind of moderated content (pages, forum posts...), whatever their number,
    # and one for the authors of the reported pages (one per reported content type).
    with django_assert_num_queries(5 + len(services.moderated_models()) + 1):
        assert client.get(url("moderation", project)).status_code == 200
    with django_assert_num_queries(5):
        assert client.get(url("audit", project)).status_code == 200


def test_pending_list_covers_every_moderated_model():
    from jumelage.twinspace.content import project_path

    models = services.moderated_models()
    assert Page in models
    # Every app's moderated content is traced to its project, so teachers can moderate it.
    assert all(project_path(m) for m in models), models
