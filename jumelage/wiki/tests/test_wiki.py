import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.core.testing import add_member, make_project, make_pupil, make_teacher
from jumelage.kits.models import Kit, KitStep
from jumelage.projects.models import Membership, Project
from jumelage.projects.signals import project_activated
from jumelage.twinspace.services import latest_activity, search_space, set_visibility
from jumelage.wiki import services
from jumelage.wiki.diff import text_lines
from jumelage.wiki.models import Page, Revision

pytestmark = pytest.mark.django_db


def url(name, project, **kwargs):
    return reverse(f"wiki:{name}", kwargs={"project_id": project.pk, **kwargs})


@pytest.fixture
def project():
    return make_project()


@pytest.fixture
def admin(project):
    return project.memberships.filter(is_founder=True).first().user


@pytest.fixture
def page(project, admin):
    return services.create_page(project, admin, "Step 1: our towns", "<p>Paris</p>")


def edit(client, page, version, body, title=None, **extra):
    data = {"title": title or page.title, "body": body, "version": version, "position": 0}
    data.update(extra)
    return client.post(url("edit", page.project, page_id=page.pk), data)


def test_a_teacher_creates_a_page_under_another(client, project, admin, page):
    client.force_login(admin)
    response = client.post(
        url("create", project),
        {"title": "Step 1.1", "body": "<p>Map</p>", "parent": page.pk, "position": 2},
    )
    child = Page.objects.get(title="Step 1.1")
    assert response.status_code == 302 and response["Location"] == child.get_absolute_url()
    assert child.parent == page and child.position == 2 and child.visibility == "published"
    assert child.revisions.get().number == 1
    tree = client.get(url("index", project)).text
    # The sub-page is nested in its parent's list.
    assert tree.index("Step 1: our towns") < tree.index("Step 1.1")
    between = tree[tree.index("Step 1: our towns") : tree.index("Step 1.1")]
    assert "<ul>" in between and "</li>" not in between


def test_every_save_is_a_revision_with_history_diff_and_restore(client, project, admin, page):
    client.force_login(admin)
    assert edit(client, page, 1, "<p>Paris</p><p>Berlin</p>").status_code == 302
    assert edit(client, page, 2, "<p>Berlin</p><p>Lisbon &lt;3</p>").status_code == 302
    page.refresh_from_db()
    assert page.version == 3
    assert list(page.revisions.values_list("number", flat=True)) == [3, 2, 1]
    history = client.get(url("history", project, page_id=page.pk)).text
    assert "Revision 3" in history and "Restore revision 1" in history

    diff = client.get(url("diff", project, page_id=page.pk), {"old": 2, "new": 3}).text
    assert '<li class="removed"><del>' in diff and "Removed: </span>Paris" in diff
    assert "Added: </span>Lisbon &lt;3</ins>" in diff
    assert '<li class="same"><span class="marker" aria-hidden="true"> </span>Berlin' in diff

    response = client.post(url("restore", project, page_id=page.pk, number=1), {"version": 3})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.version == 4 and page.body == "<p>Paris</p>"
    latest = page.revisions.first()
    assert latest.number == 4 and latest.restored_from == 1 and latest.author == admin
    # The older revisions are untouched.
    assert Revision.objects.get(page=page, number=3).body == "<p>Berlin</p><p>Lisbon &lt;3</p>"
    old = client.get(url("revision", project, page_id=page.pk, number=2)).text
    assert "You are reading revision 2" in old and "<p>Berlin</p>" in old


def test_saving_unchanged_text_adds_no_revision(client, admin, page):
    client.force_login(admin)
    response = edit(client, page, 1, "<p>Paris</p>")
    assert response.status_code == 302
    assert page.revisions.count() == 1


def test_a_stale_edit_is_refused_and_the_users_text_is_kept(client, project, admin, page):
    colleague = add_member(project)
    client.force_login(colleague)
    assert 'name="version" value="1"' in client.get(url("edit", project, page_id=page.pk)).text
    # Meanwhile the admin saves revision 2.
    services.save_page(page, admin, title=page.title, body="<p>Admin's text</p>", base_version=1)

    response = edit(client, page, 1, "<p>Colleague's long text</p>")
    assert response.status_code == 409
    assert "Someone else saved this page while you were editing" in response.text
    assert "Your text was NOT saved" in response.text
    assert "Colleague&#x27;s long text" in response.text or "Colleague's long text" in response.text
    assert "<p>Admin's text</p>" in response.text  # their version, shown for merging
    assert 'name="version" value="2"' in response.text  # the next save starts from it
    page.refresh_from_db()
    assert page.body == "<p>Admin's text</p>" and page.version == 2

    # After merging, saving from the version just shown works.
    assert edit(client, page, 2, "<p>Admin's text</p><p>Merged</p>").status_code == 302
    page.refresh_from_db()
    assert page.version == 3 and page.updated_by == colleague


def test_the_service_refuses_two_saves_from_the_same_version(admin, page):
    other = Page.objects.get(pk=page.pk)
    services.save_page(page, admin, title="A", body="<p>first</p>", base_version=1)
    with pytest.raises(services.EditConflict):
        services.save_page(other, admin, title="B", body="<p>second</p>", base_version=1)
    page.refresh_from_db()
    assert page.title == "A" and page.revisions.count() == 2


def test_restoring_from_a_stale_history_restores_nothing(client, project, admin, page):
    client.force_login(admin)
    services.save_page(page, admin, title=page.title, body="<p>Two</p>", base_version=1)
    services.save_page(page, admin, title=page.title, body="<p>Three</p>", base_version=2)
    response = client.post(
        url("restore", project, page_id=page.pk, number=1), {"version": 2}, follow=True
    )
    assert "nothing was restored" in response.text
    page.refresh_from_db()
    assert page.version == 3 and page.body == "<p>Three</p>"


def test_rich_text_is_sanitised_and_the_title_escaped(client, project, admin):
    client.force_login(admin)
    client.post(
        url("create", project),
        {
            "title": "<script>alert(1)</script>",
            "body": '<p onclick="x()">Hi<script>alert(2)</script></p>'
            '<a href="javascript:alert(3)">link</a><img src="x" onerror="alert(4)">'
            '<p style="position:fixed">styled</p>',
        },
    )
    page = Page.objects.get()
    assert "script" not in page.body and "onclick" not in page.body
    assert "javascript" not in page.body and "onerror" not in page.body
    assert "style=" not in page.body and "<p>styled</p>" in page.body
    html = client.get(page.get_absolute_url()).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_pupils_edit_pages_only_when_the_admins_allow_it(client, project, admin, page):
    pupil = make_pupil(project)
    client.force_login(pupil)
    assert client.get(url("edit", project, page_id=page.pk)).status_code == 403
    assert edit(client, page, 1, "<p>pupil</p>").status_code == 403
    assert client.post(url("create", project), {"title": "Mine"}).status_code == 403
    assert "New page" not in client.get(url("index", project)).text

    project.pupils_may_edit_pages = True
    project.save()
    assert edit(client, page, 1, "<p>pupil was here</p>").status_code == 302
    page.refresh_from_db()
    # Pupils' contributions wait for approval (the default): the page has not changed yet.
    assert page.body == "<p>Paris</p>" and page.version == 1
    assert page.proposed_edits.get().body == "<p>pupil was here</p>"
    # A pupil's new page waits for a teacher (the default), visible to its author.
    client.post(url("create", project), {"title": "Mine", "body": "<p>x</p>"})
    mine = Page.objects.get(title="Mine")
    assert mine.visibility == "pending"
    assert client.get(mine.get_absolute_url()).status_code == 200
    client.force_login(make_pupil(project))
    assert client.get(mine.get_absolute_url()).status_code == 404
    assert "Mine" not in client.get(url("index", project)).text
    # Pupils never delete.
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 403


def test_guests_read_but_never_write(client, project, page):
    guest = add_member(project, role=Membership.Role.GUEST)
    client.force_login(guest)
    assert client.get(page.get_absolute_url()).status_code == 200
    assert edit(client, page, 1, "<p>x</p>").status_code == 403


def test_a_closed_project_is_read_only(client, project, admin, page):
    project.status = Project.Status.CLOSED
    project.save()
    client.force_login(admin)
    html = client.get(page.get_absolute_url()).text
    assert "Paris" in html and ">Edit<" not in html
    assert client.get(url("edit", project, page_id=page.pk)).status_code == 403
    assert edit(client, page, 1, "<p>late</p>").status_code == 403
    assert client.post(url("create", project), {"title": "late"}).status_code == 403
    assert client.post(url("restore", project, page_id=page.pk, number=1)).status_code == 403
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 403
    page.refresh_from_db()
    assert page.body == "<p>Paris</p>" and Page.objects.count() == 1


def test_hidden_pages_are_for_teachers_and_their_author(client, project, admin, page):
    set_visibility(admin, project, page, "hidden")
    client.force_login(make_pupil(project))
    assert client.get(page.get_absolute_url()).status_code == 404
    assert client.get(url("history", project, page_id=page.pk)).status_code == 404
    client.force_login(add_member(project))
    assert "Hidden by a teacher" in client.get(page.get_absolute_url()).text


def test_a_page_cannot_move_under_itself_or_its_sub_pages(client, project, admin, page):
    child = services.create_page(project, admin, "Child", "", parent=page)
    client.force_login(admin)
    response = edit(client, page, 1, "<p>Paris</p>", parent=child.pk)
    assert response.status_code == 400
    assert "Select a valid choice" in response.text
    assert 'aria-invalid="true"' in response.text
    page.refresh_from_db()
    assert page.parent is None


def test_missing_title_is_a_clear_error_and_keeps_the_text(client, project, admin):
    client.force_login(admin)
    response = client.post(url("create", project), {"title": "", "body": "<p>Keep me</p>"})
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert "Keep me" in response.text
    assert not Page.objects.exists()


def test_deleting_a_page_moves_its_sub_pages_up_and_is_audited(client, project, admin, page):
    child = services.create_page(project, admin, "Child", "", parent=page)
    client.force_login(admin)
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 302
    child.refresh_from_db()
    assert child.parent is None
    assert AuditEntry.objects.get(action="wiki.page_deleted").data == {"title": page.title}
    assert client.post(url("delete", project, page_id=page.pk)).status_code == 404


def test_bad_diff_requests_get_a_message_or_a_404(client, project, admin, page):
    client.force_login(admin)
    response = client.get(url("diff", project, page_id=page.pk), {"old": "x"}, follow=True)
    assert "Please choose two revisions" in response.text
    assert (
        client.get(url("diff", project, page_id=page.pk), {"old": 1, "new": 9}).status_code == 404
    )
    assert client.get(url("revision", project, page_id=page.pk, number=9)).status_code == 404
    assert client.get(url("detail", project, page_id=99999)).status_code == 404
    assert client.get(url("restore", project, page_id=page.pk, number=1)).status_code == 405


def test_a_page_of_another_project_is_not_found_through_this_one(client, project, admin):
    other = make_project()
    theirs = services.create_page(other, other.created_by, "Theirs", "")
    client.force_login(admin)
    assert client.get(url("detail", project, page_id=theirs.pk)).status_code == 404
    assert edit(client, theirs, 1, "x").status_code == 404


def _kit(steps=2):
    kit = Kit.objects.create(
        slug="town-journal",
        title_en="Town journal",
        title_fr="Journal de ville",
        summary_en="s",
        summary_fr="s",
    )
    for n in range(1, steps + 1):
        KitStep.objects.create(
            kit=kit,
            position=n,
            title_en=f"Step {n}",
            title_fr=f"Étape {n}",
            body_en=f"Present your town.\n\nPart {n}.",
            body_fr=f"Présentez votre ville.\n\nPartie {n}.",
        )
    return kit


def test_activation_creates_one_page_per_kit_step_in_the_founders_languages():
    fr, de = make_teacher("FR"), make_teacher("DE")
    fr.language = "fr"
    fr.save()
    project = make_project([fr, de], status=Project.Status.AWAITING_APPROVAL, kit=_kit())
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
    project = make_project([fr1, fr2], kit=_kit(1))
    project_activated.send(sender=Project, project=project)
    page = Page.objects.get(project=project)
    assert page.title == "Étape 1"
    assert page.body == "<p>Présentez votre ville.</p><p>Partie 1.</p>"


def test_a_project_without_a_kit_gets_no_page(project):
    project_activated.send(sender=Project, project=project)
    assert not Page.objects.exists()


def test_wiki_feeds_the_space_search_and_activity(project, admin, page):
    results = dict(search_space(project, admin, "paris"))
    ((title, link, snippet),) = results["Pages"]
    assert title == page.title and link == page.get_absolute_url() and snippet == "Paris"
    activity = latest_activity(project, admin)
    assert activity[0].url == page.get_absolute_url()
    assert "created" in activity[0].text


def test_diff_text_keeps_link_and_image_addresses():
    lines = text_lines(
        '<p>See <a href="https://a.example/">this</a></p><img src="/m/1.jpg" alt="Map">'
    )
    assert lines == ["See this <https://a.example/>", "[Map /m/1.jpg]"]


def _many_pages(project, admin, page, n):
    for i in range(n):
        child = services.create_page(project, admin, f"Sub {i}", f"<p>{i}</p>", parent=page)
        services.save_page(child, admin, title=child.title, body="<p>again</p>", base_version=1)
        services.save_page(
            page, admin, title=page.title, body=f"<p>v{i}</p>", base_version=page.version
        )


@pytest.mark.parametrize("n", [10, 50])
@pytest.mark.parametrize(
    ("view", "queries"),
    [("detail", 6), ("index", 4), ("history", 6), ("edit", 6), ("diff", 5), ("revision", 5)],
)
def test_page_query_counts_do_not_grow(
    client, project, admin, page, django_assert_num_queries, n, view, queries
):
    _many_pages(project, admin, page, n)
    client.force_login(admin)
    if view == "index":
        target = url(view, project)
    elif view == "revision":
        target = url(view, project, page_id=page.pk, number=1)
    else:
        target = url(view, project, page_id=page.pk)
    client.get(target)
    with django_assert_num_queries(queries):
        assert client.get(target).status_code == 200


def test_approving_a_kit_project_creates_its_pages(django_capture_on_commit_callbacks):
    """Through the real approval service: the last office's approval activates the project."""
    from django.utils import timezone

    from jumelage.core.testing import make_staff
    from jumelage.projects import services as project_services
    from jumelage.projects.models import Approval

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


@pytest.mark.parametrize(
    ("view", "query"),
    [
        ("create", {"parent": "abc"}),
        ("create", {"parent": "99999"}),
        ("history", {"page": "abc"}),
        ("history", {"page": "-5"}),
    ],
)
def test_odd_query_strings_never_break_a_page(client, project, admin, page, view, query):
    client.force_login(admin)
    target = url(view, project) if view == "create" else url(view, project, page_id=page.pk)
    assert client.get(target, query).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {"title": "x" * 201},
        {"title": "ok", "position": "-1"},
        {"title": "ok", "position": "abc"},
        {"title": "ok", "version": "abc"},
    ],
)
def test_bad_page_forms_are_refused_and_change_nothing(client, project, admin, page, data):
    client.force_login(admin)
    response = client.post(url("edit", project, page_id=page.pk), {"body": "<p>new</p>", **data})
    assert response.status_code == 400
    assert "<p>new</p>" in response.text or "&lt;p&gt;new&lt;/p&gt;" in response.text
    page.refresh_from_db()
    assert page.body == "<p>Paris</p>" and page.version == 1
