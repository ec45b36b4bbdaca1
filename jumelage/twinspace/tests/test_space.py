from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.audit.models import AuditEntry
from jumelage.calendar.models import Event
from jumelage.core.testing import add_member, make_project, make_pupil, make_teacher
from jumelage.projects.models import Membership, Project
from jumelage.twinspace import services
from jumelage.twinspace.models import BulletinNote, Report
from jumelage.wiki.models import Page
from jumelage.wiki.services import create_page

pytestmark = pytest.mark.django_db


def url(name, project, **kwargs):
    return reverse(f"twinspace:{name}", kwargs={"project_id": project.pk, **kwargs})


@pytest.fixture
def project():
    return make_project()


@pytest.fixture
def admin(project):
    return project.memberships.filter(is_founder=True).first().user


def _event(project, days, title):
    start = timezone.now() + timedelta(days=days)
    return Event.objects.create(
        project=project, title=title, starts_at=start, ends_at=start + timedelta(hours=1)
    )


def test_home_groups_members_by_country_and_school_and_lists_upcoming_events(
    client, project, admin
):
    add_member(project, make_teacher("IT", name="Giulia Rossi"))
    _event(project, 3, "Video call with Berlin")
    _event(project, -3, "Last week's call")
    client.force_login(admin)
    html = client.get(url("home", project)).text
    assert "Italy" in html and "Germany" in html and "France" in html
    # Countries in order of their code, each with its schools and members.
    assert html.index("Germany") < html.index("France") < html.index("Italy")
    assert html.index("Italy") < html.index("Giulia Rossi")
    assert "Video call with Berlin" in html
    assert "Last week's call" not in html


def test_the_bulletin_is_for_the_projects_teachers_only(client, project, admin):
    services.post_bulletin_note(admin, project, "Grades due on Friday")
    teacher = add_member(project)
    client.force_login(teacher)
    assert "Grades due on Friday" in client.get(url("home", project)).text
    for member in (make_pupil(project), add_member(project, role=Membership.Role.GUEST)):
        client.force_login(member)
        html = client.get(url("home", project)).text
        assert "Grades due on Friday" not in html and "Teachers' bulletin" not in html
        assert client.post(url("bulletin_post", project), {"body": "hi"}).status_code == 404
    assert BulletinNote.objects.count() == 1


def test_a_bulletin_note_is_plain_text_shown_escaped(client, project, admin):
    client.force_login(admin)
    response = client.post(url("bulletin_post", project), {"body": "<b>Bring</b> the <script>"})
    assert response.status_code == 302
    html = client.get(url("home", project)).text
    assert "&lt;b&gt;Bring&lt;/b&gt; the &lt;script&gt;" in html


def test_an_empty_note_is_refused_with_a_message(client, project, admin):
    client.force_login(admin)
    response = client.post(url("bulletin_post", project), {"body": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert not BulletinNote.objects.exists()
    assert client.get(url("bulletin_post", project)).status_code == 405


def test_only_the_author_or_an_admin_removes_a_note(client, project, admin):
    teacher = add_member(project)
    note = services.post_bulletin_note(admin, project, "Admin's note")
    own = services.post_bulletin_note(teacher, project, "Teacher's note")
    client.force_login(teacher)
    assert client.post(url("bulletin_delete", project, note_id=note.pk)).status_code == 403
    assert client.post(url("bulletin_delete", project, note_id=own.pk)).status_code == 302
    client.force_login(admin)
    assert client.post(url("bulletin_delete", project, note_id=note.pk)).status_code == 302
    assert not BulletinNote.objects.exists()
    # A note of another project is not found through this one.
    other = make_project()
    stranger = services.post_bulletin_note(other.created_by, other, "Elsewhere")
    assert client.post(url("bulletin_delete", project, note_id=stranger.pk)).status_code == 404


def test_admins_change_the_twinspace_settings_and_it_is_audited(client, project, admin):
    client.force_login(admin)
    assert project.blog_public and project.pupils_need_approval
    response = client.post(url("settings", project), {"pupils_may_edit_pages": "on"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert not project.blog_public
    assert not project.pupils_need_approval
    assert project.pupils_may_edit_pages
    entry = AuditEntry.objects.get(action="twinspace.settings", project=project)
    assert entry.actor == admin
    assert entry.data == {
        "blog_public": False,
        "pupils_need_approval": False,
        "pupils_may_edit_pages": True,
    }
    assert "Settings changed" in client.get(url("audit", project)).text


def test_a_teacher_member_may_not_change_the_settings(client, project):
    client.force_login(add_member(project))
    assert client.get(url("settings", project)).status_code == 403
    assert client.post(url("settings", project), {}).status_code == 403
    project.refresh_from_db()
    assert project.blog_public


def test_a_closed_project_is_read_only(client, project, admin):
    project.status = Project.Status.CLOSED
    project.save()
    client.force_login(admin)
    assert client.get(url("home", project)).status_code == 200
    response = client.get(url("settings", project))
    assert response.status_code == 200 and "disabled" in response.text
    assert client.post(url("settings", project), {}).status_code == 403
    assert client.post(url("bulletin_post", project), {"body": "x"}).status_code == 403
    page = create_page(project, admin, "Old page", "<p>x</p>")
    data = {"content_type": "wiki.page", "object_id": page.pk, "action": "hide"}
    assert client.post(url("moderate", project), data).status_code == 403
    assert client.post(url("report", project), data).status_code == 403
    project.refresh_from_db()
    assert project.blog_public and not BulletinNote.objects.exists()


def test_pupils_contribution_waits_then_a_teacher_approves_it(client, project, admin):
    pupil, other_pupil = make_pupil(project), make_pupil(project)
    page = create_page(project, pupil, "Our school", "<p>We are 25.</p>")
    assert page.visibility == "pending"
    client.force_login(other_pupil)
    assert client.get(page.get_absolute_url()).status_code == 404
    client.force_login(admin)
    html = client.get(url("moderation", project)).text
    assert "Our school" in html
    response = client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": page.pk, "action": "approve"},
    )
    assert response.status_code == 303
    page.refresh_from_db()
    assert page.visibility == "published" and page.moderated_by == admin
    client.force_login(other_pupil)
    assert client.get(page.get_absolute_url()).status_code == 200
    client.force_login(admin)
    log = client.get(url("audit", project)).text
    assert "Approved or restored" in log


def test_a_report_reaches_the_teachers_who_hide_the_content(client, project, admin):
    pupil = make_pupil(project)
    page = create_page(project, admin, "Town map", "<p>map</p>")
    client.force_login(pupil)
    form = client.get(url("report", project), {"content_type": "wiki.page", "object_id": page.pk})
    assert form.status_code == 200 and "Town map" in form.text
    response = client.post(
        url("report", project),
        {"content_type": "wiki.page", "object_id": page.pk, "reason": "Wrong address"},
    )
    assert response.status_code == 302
    client.force_login(admin)
    html = client.get(url("moderation", project)).text
    assert "Wrong address" in html and "Town map" in html
    client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": page.pk, "action": "hide", "note": "checking"},
    )
    page.refresh_from_db()
    assert page.visibility == "hidden"
    assert Report.objects.get().resolved_by == admin
    assert "No open report." in client.get(url("moderation", project)).text
    client.force_login(pupil)
    assert client.get(page.get_absolute_url()).status_code == 404
    client.force_login(admin)
    client.post(
        url("moderate", project),
        {"content_type": "wiki.page", "object_id": page.pk, "action": "restore"},
    )
    page.refresh_from_db()
    assert page.visibility == "published"
    actions = list(
        AuditEntry.objects.filter(project=project).values_list("action", flat=True).order_by("id")
    )
    assert actions == ["moderation.report", "moderation.hidden", "moderation.published"]


def test_a_report_can_be_closed_without_action(client, project, admin):
    page = create_page(project, admin, "Town map", "<p>map</p>")
    report = services.report(make_pupil(project), project, page, "meh")
    client.force_login(admin)
    assert client.post(url("resolve_report", project, report_id=report.pk)).status_code == 302
    report.refresh_from_db()
    assert report.resolved_by == admin
    page.refresh_from_db()
    assert page.visibility == "published"
    # Replayed: still fine, nothing changes.
    assert client.post(url("resolve_report", project, report_id=report.pk)).status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"content_type": "wiki.page", "object_id": "abc", "action": "hide"},
        {"content_type": "wiki.page", "action": "hide"},
        {"content_type": "wiki.page", "object_id": "1", "action": "delete"},
    ],
)
def test_bad_moderation_requests_change_nothing(client, project, admin, data):
    page = create_page(project, admin, "P", "<p>x</p>")
    data = {k: (page.pk if v == "1" else v) for k, v in data.items()}
    client.force_login(admin)
    response = client.post(url("moderate", project), data, follow=True)
    assert response.status_code == 200
    assert "incomplete; nothing was changed" in response.text
    page.refresh_from_db()
    assert page.visibility == "published"


@pytest.mark.parametrize("content_type", ["wiki.revision", "accounts.user", "nope.nope", "x"])
def test_moderation_refuses_what_is_not_moderated_content_of_this_project(
    client, project, admin, content_type
):
    client.force_login(admin)
    data = {"content_type": content_type, "object_id": admin.pk, "action": "hide"}
    assert client.post(url("moderate", project), data).status_code == 404


def test_content_of_another_project_is_not_found(client, project, admin):
    other = make_project()
    foreign = create_page(other, other.created_by, "Theirs", "<p>x</p>")
    client.force_login(admin)
    data = {"content_type": "wiki.page", "object_id": foreign.pk, "action": "hide"}
    assert client.post(url("moderate", project), data).status_code == 404
    assert client.post(url("report", project), data).status_code == 404
    foreign.refresh_from_db()
    assert foreign.visibility == "published" and not Report.objects.exists()


def test_moderation_log_shows_only_this_projects_moderation(client, project, admin):
    other = make_project()
    page = create_page(other, other.created_by, "Theirs", "<p>x</p>")
    services.set_visibility(other.created_by, other, page, "hidden", note="elsewhere-note")
    AuditEntry.objects.create(action="project.approved", project=project, note="staff-note")
    client.force_login(admin)
    html = client.get(url("audit", project)).text
    assert "elsewhere-note" not in html and "staff-note" not in html


def test_search_finds_pages_the_user_may_see(client, project, admin):
    create_page(project, admin, "Recipes from Berlin", "<p>Currywurst and more</p>")
    hidden = create_page(project, admin, "Berlin secrets", "<p>hidden</p>")
    services.set_visibility(admin, project, hidden, "hidden")
    pupil = make_pupil(project)
    client.force_login(pupil)
    html = client.get(url("search", project), {"q": "berlin"}).text
    assert "Recipes from Berlin" in html and "Berlin secrets" not in html
    client.force_login(admin)
    html = client.get(url("search", project), {"q": "currywurst"}).text
    assert "Recipes from Berlin" in html and "Currywurst and more" in html
    assert "at least two letters" in client.get(url("search", project), {"q": "b"}).text


def test_navigation_links_the_sections_that_exist(client, project, admin):
    client.force_login(admin)
    html = client.get(url("home", project)).text
    nav = html[html.index('class="space-nav"') : html.index("</nav>", html.index("space-nav"))]
    assert reverse("wiki:index", kwargs={"project_id": project.pk}) in nav
    assert 'aria-current="page">Home<' in nav


def test_space_url_tag_skips_names_not_registered(project):
    from django.template import Context, Template

    out = Template(
        '{% load twinspace %}[{% space_url "nosuchapp:index" project %}]'
        '[{% space_url "wiki:index" project %}]'
    ).render(Context({"project": project}))
    assert out == f"[][/projects/{project.pk}/space/pages/]"


def _fill(project, admin, n):
    for i in range(n):
        add_member(project, make_teacher(("IT", "ES", "FR", "DE")[i % 4]))
        make_pupil(project)
        services.post_bulletin_note(admin, project, f"Note {i}")
        _event(project, i + 1, f"Event {i}")
        create_page(project, admin, f"Page {i}", f"<p>Body {i}</p>")


HOME_QUERIES = 10  # without the latest activity of apps other than the wiki


def _other_apps_activity_queries(project, user) -> int:
    """What the forum, blog, materials... add to the home's latest activity (their own tests)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jumelage.twinspace.registry import ACTIVITIES
    from jumelage.wiki.space import latest_edits

    with CaptureQueriesContext(connection) as queries:
        for entry in ACTIVITIES:
            if entry.latest is not latest_edits:
                entry.latest(project, user, 10)
    return len(queries)


@pytest.mark.parametrize("n", [2, 10])
def test_home_query_count_does_not_grow(client, project, admin, django_assert_num_queries, n):
    _fill(project, admin, n)
    client.force_login(admin)
    client.get(url("home", project))  # warm the content-type cache
    others = _other_apps_activity_queries(project, admin)
    with django_assert_num_queries(HOME_QUERIES + others):
        response = client.get(url("home", project))
    assert response.status_code == 200
    assert response.text.count('class="note-body"') == min(n, 10)


@pytest.mark.parametrize("n", [2, 10])
def test_moderation_and_log_query_counts_do_not_grow(
    client, project, admin, django_assert_num_queries, n
):
    for i in range(n):
        pupil = make_pupil(project)
        page = create_page(project, pupil, f"Pending {i}", "<p>x</p>")
        services.report(pupil, project, create_page(project, admin, f"P{i}", "<p>y</p>"), "r")
        services.set_visibility(admin, project, page, "hidden")
    client.force_login(admin)
    client.get(url("moderation", project))
    # One query per kind of moderated content (pages, forum posts...), whatever their number.
    with django_assert_num_queries(8 + len(services.moderated_models())):
        assert client.get(url("moderation", project)).status_code == 200
    with django_assert_num_queries(7):
        assert client.get(url("audit", project)).status_code == 200


def test_pending_list_covers_every_moderated_model(project):
    from jumelage.twinspace.content import project_path as content_project_path

    models = services.moderated_models()
    assert Page in models
    # Every app's moderated content is traced to its project, so teachers can moderate it.
    assert all(content_project_path(m) for m in models), models


def test_the_dashboard_links_to_the_users_twinspaces(client, project, admin):
    make_project(status=Project.Status.DRAFT, founders=[admin, make_teacher("DE")])
    client.force_login(admin)
    html = client.get(reverse("core:dashboard")).text
    assert "My TwinSpaces" in html and url("home", project) in html
    # A draft project has no TwinSpace yet for its members.
    assert html.count("/space/") == 1


def test_demo_data_loads_twice(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())
    project = Project.objects.get(title__startswith="Nos villes")
    assert Page.objects.filter(project=project).count() == 4
    assert BulletinNote.objects.filter(project=project).count() == 1


def test_policy_answers_are_fresh_outside_a_request(project):
    from jumelage.twinspace import policies

    teacher = add_member(project)
    assert policies.can_see_bulletin(teacher, project)
    Membership.objects.filter(user=teacher).update(role=Membership.Role.GUEST)
    assert not policies.can_see_bulletin(teacher, project)


def test_content_of_any_app_is_traced_to_its_project_and_page(project, admin):
    from jumelage.twinspace import content
    from jumelage.wiki.models import Revision

    assert content.project_path(Page) == "project"
    # One hop away, as for a forum reply (topic) or a blog comment (post).
    assert content.project_path(Revision) == "page__project"
    page = create_page(project, admin, "P", "<p>x</p>")
    revision = page.revisions.get()
    assert content.content_url(revision, project.pk) == (
        f"{page.get_absolute_url()}#revision-{revision.pk}"
    )
    assert content.project_path(type(admin)) is None


def test_the_space_speaks_french(client, project, admin):
    admin.language = "fr"
    admin.save()
    page = create_page(project, admin, "Étape 1", "<p>x</p>")
    client.force_login(admin)
    home = client.get(url("home", project)).text
    assert "Tableau des enseignants" in home and "Événements à venir" in home
    assert ">Accueil<" in home and ">Pages<" in home
    assert "Historique" in client.get(page.get_absolute_url()).text
