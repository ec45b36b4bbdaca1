import pytest
from django.urls import reverse
from django.utils import formats, timezone

from jumelage.projects.models import Project
from jumelage.testing import add_member, make_project, make_teacher

from .helpers import note, page, url

pytestmark = pytest.mark.django_db


def test_home_groups_members_by_country_and_school(client, world):
    add_member(world.project, make_teacher("IT", name="Giulia Rossi"))
    client.force_login(world.users["admin"])
    html = client.get(url("home", world.project)).text
    assert "Italy" in html and "Germany" in html and "France" in html
    # Countries in order of their code, each with its schools and members.
    assert html.index("Germany") < html.index("France") < html.index("Italy")
    assert html.index("Italy") < html.index("Giulia Rossi")


def test_the_home_shows_the_panels_other_apps_register(client, world):
    from jumelage.twinspace import registry

    def panel(request):
        if not request.access.is_teacher:
            return None
        return {"title": f"Panel of {request.project.title}"}

    before = list(registry.PANELS)
    registry.register_space_panel("twinspace/tests/panel.html", panel, order=1)
    try:
        client.force_login(world.users["admin"])
        assert f"Panel of {world.project.title}" in client.get(url("home", world.project)).text
        client.force_login(world.users["pupil"])
        assert "Panel of" not in client.get(url("home", world.project)).text
    finally:
        registry.PANELS[:] = before


def test_anonymous_visitors_are_sent_to_log_in_and_outsiders_get_404(client, world):
    response = client.get(url("home", world.project))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.get(url("home", world.project).replace(str(world.project.pk), "999999"))
    assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(world.users["outsider_teacher"])
    assert client.get(url("home", world.project)).status_code == 404


def test_navigation_links_the_sections_that_exist(client, world):
    from django.urls import reverse

    client.force_login(world.users["admin"])
    html = client.get(url("home", world.project)).text
    nav = html[html.index('class="space-nav"') : html.index("</nav>", html.index("space-nav"))]
    assert reverse("wiki:index", kwargs={"project_id": world.project.pk}) in nav
    assert 'aria-current="page">Home<' in nav


def test_the_dashboard_links_to_the_users_twinspaces(client, world):
    admin = world.users["admin"]
    make_project(status=Project.Status.DRAFT, founders=[admin, make_teacher("DE")])
    closed = make_project(status=Project.Status.CLOSED, founders=[admin, make_teacher("DE")])
    client.force_login(admin)
    html = client.get("/dashboard/").text
    panel = html.split('id="my-spaces-title"')[1].split("</section>")[0]
    assert url("home", world.project) in panel
    # A closed project's space is read only; a draft project has none yet.
    assert (
        f'<a href="{url("home", closed)}">{closed.title}</a> <span class="badge">Closed: read only'
        in panel
    )
    assert panel.count("/space/") == 2


def test_the_space_speaks_french(client, world):
    admin = world.users["admin"]
    admin.language = "fr"
    admin.save()
    created = page(world.project, admin, "Étape 1")
    client.force_login(admin)
    home = client.get(url("home", world.project)).text
    assert "Tableau des enseignants" in home
    assert ">Accueil<" in home and ">Pages<" in home
    assert "Historique" in client.get(created.get_absolute_url()).text


def _fill(world, n):
    from jumelage.testing import make_pupil

    admin = world.users["admin"]
    for i in range(n):
        add_member(world.project, make_teacher(("IT", "ES", "FR", "DE")[i % 4]))
        make_pupil(world.project)
        note(admin, world.project, f"Note {i}")
        page(world.project, admin, f"Page {i}", f"<p>Body {i}</p>")


# The founder's home of an active project: session, user, access (membership and
# project in one), members, bulletin notes; plus what the apps registered (latest
# activity, panels), measured on their own, whatever their number; the members' counts.
HOME_QUERIES = 6


def _registered_queries(request_user, world) -> int:
    """What the registered apps add to the home (latest activity and panels)."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from jumelage.projects.access import access_for
    from jumelage.twinspace.registry import ACTIVITIES, PANELS

    request = RequestFactory().get("/")
    request.user = request_user
    request.project = world.project
    request.access = access_for(request_user, world.project)
    with CaptureQueriesContext(connection) as queries:
        for entry in ACTIVITIES:
            entry.latest(request.access, 10)
        for panel in PANELS:
            panel.context(request)
    return len(queries)


@pytest.mark.parametrize("n", [10, 50])
def test_home_query_count_is_flat_with_10_or_50_members_and_items(
    client, world, django_assert_num_queries, n
):
    _fill(world, n)
    admin = world.users["admin"]
    client.force_login(admin)
    client.get(url("home", world.project))  # warm the content-type cache
    others = _registered_queries(admin, world)
    with django_assert_num_queries(HOME_QUERIES + others):
        response = client.get(url("home", world.project))
    assert response.status_code == 200
    assert response.text.count('class="note-body"') == 10


def test_a_big_projects_home_names_a_few_adults_and_counts_the_rest(client, world):
    from jumelage.testing import make_pupil
    from jumelage.twinspace.views import HOME_ADULTS

    for i in range(HOME_ADULTS + 2):
        add_member(world.project, make_teacher("IT", name=f"Teacher {i:03}"))
    for _ in range(3):
        make_pupil(world.project)
    client.force_login(world.users["admin"])
    html = client.get(url("home", world.project)).text
    members = html[html.index('id="members-title"') :]
    total = world.project.memberships.count()
    pupils = world.project.memberships.filter(role="pupil").count()
    assert members.count("<li>") == HOME_ADULTS
    assert f"And {total - pupils - HOME_ADULTS} more teachers and guests." in members
    assert f"{pupils} pupils." in members
    assert (
        f"See all the members ({total})" in members and world.project.get_members_url() in members
    )


def test_the_activity_and_members_name_people_as_the_reader_reads_them(client, world):
    """The home reads columns, not people: a deleted account is still "Former member" in
    the reader's language, a name is text, each item links where it happened."""
    from jumelage.accounts.services import delete_account
    from jumelage.forum.models import Post, Topic
    from jumelage.materials.models import Item

    project, admin = world.project, world.users["admin"]
    leaving = make_teacher("IT", name="Leaving <b>Teacher</b>")
    add_member(project, leaving)
    topic = Topic.objects.create(project=project, author=leaving, title="Volcans", body="x")
    post = Post.objects.create(project=project, topic=topic, author=leaving, body="<p>y</p>")
    created = page(project, leaving, "Étape 1")
    item = Item.objects.create(
        project=project, name="plan.pdf", file="x.pdf", kind="pdf",
        content_type="application/pdf", size=3, uploaded_by=None,
    )  # fmt: skip
    admin.language = "fr"
    admin.save()
    client.force_login(admin)
    html = client.get(url("home", project)).text
    activity = html[html.index('id="activity-title"') : html.index('id="members-title"')]
    members = html[html.index('id="members-title"') :]
    assert "Leaving &lt;b&gt;Teacher&lt;/b&gt; ·" in activity
    assert "Leaving &lt;b&gt;Teacher&lt;/b&gt; <span" in members
    topic_address = reverse("forum:topic_detail", args=[project.pk, topic.pk])
    assert f'href="{topic_address}"' in activity
    assert f'href="{topic_address}?post={post.pk}#post-{post.pk}"' in activity
    assert f'href="{created.get_absolute_url()}"' in activity
    assert reverse("materials:download", args=[project.pk, item.pk]) in activity
    # No uploader: the file is listed with no name before its date.
    file_line = activity[activity.index("plan.pdf") :].split("</li>")[0]
    assert "·" not in file_line

    delete_account(leaving)
    html = client.get(url("home", project)).text
    activity = html[html.index('id="activity-title"') : html.index('id="members-title"')]
    assert "Leaving" not in html
    assert activity.count("Ancien membre ·") == 3  # the topic, the reply, the page
    # Members: each one's role in the reader's language, the founder marked.
    members = html[html.index('id="members-title"') :]
    assert "Administrateur" in members and ">fondateur<" in members


def test_a_new_projects_home_says_nothing_happened_and_groups_visitors_without_a_school(
    client, world
):
    from jumelage.testing import make_visitor

    founder, partner = make_teacher("FR", name="Anne Founder"), make_teacher("DE", name="Bernd")
    project = make_project(founders=[founder, partner])
    make_visitor(project, name="Vera Visitor & Co")
    client.force_login(founder)
    html = client.get(url("home", project)).text
    activity = html[html.index('id="activity-title"') : html.index('id="members-title"')]
    members = html[html.index('id="members-title"') :]
    assert "<li>Nothing has happened here yet.</li>" in activity
    # Countries by code; the visitor, who has no school, under a heading of its own.
    assert members.index("Germany") < members.index("France")
    no_school = members[members.index("<h3>Without a school</h3>") :].split("<h3>")[1]
    assert "<li>Vera Visitor &amp; Co <span" in no_school
    assert members.count('<span class="badge">founder</span>') == 2

    created = page(project, partner, "Journal").revisions.get().created_at
    html = client.get(url("home", project)).text
    shown = timezone.localtime(created)
    assert (
        f'Bernd · <time datetime="{shown.isoformat()}">'
        f"{formats.date_format(shown, 'SHORT_DATETIME_FORMAT')}</time>"
    ) in html
