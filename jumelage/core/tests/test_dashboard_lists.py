"""The dashboard's three lists written in Python (issue 16): each tag writes what the
template loop it replaced wrote, kept here as the reference, in English and French."""

import pytest
from django.template import Context, Template
from django.utils import translation

from jumelage.partners import suggestions
from jumelage.partners.tests.helpers import profile
from jumelage.projects.models import Project
from jumelage.testing import make_project, make_teacher
from jumelage.twinspace.panels import Space

pytestmark = pytest.mark.django_db

SUGGESTION_LOOP = Template(
    """{% load i18n %}{% for s in suggestions %}
  <li>
    <strong>{{ s.teacher.display_name }}</strong>{% for m in s.teacher.school_memberships.all %}, {{ m.school.name }} ({{ m.school.country.name }}){% endfor %}
    — {% blocktranslate count score=s.score %}score {{ score }} point{% plural %}score {{ score }} points{% endblocktranslate %}
    <ul class="reasons">{% for reason in s.reasons %}<li>{{ reason }}</li>{% endfor %}</ul>
    <a href="{% url 'messaging:compose' %}?to={{ s.teacher.pk }}">{% blocktranslate with name=s.teacher.display_name %}Write to {{ name }}{% endblocktranslate %}</a>
  </li>
  {% endfor %}"""  # noqa: E501
)
PROJECT_LOOP = Template(
    "{% load i18n %}{% for project in projects %}<li><a href=\"{% url 'projects:detail' "
    'project.pk %}">{{ project.title }}</a> <span class="badge">{{ project.get_status_display }}'
    "</span></li>{% endfor %}"
)
SPACE_LOOP = Template(
    '{% load i18n %}{% for project in projects %}<li><a href="{{ project.url }}">'
    '{{ project.title }}</a>{% if project.is_read_only %} <span class="badge">'
    '{% translate "Closed: read only" %}</span>{% endif %}</li>{% endfor %}'
)


def both(loop: Template, tag: str, **context) -> tuple[str, str]:
    return Template(tag).render(Context(context)), loop.render(Context(context))


def test_the_suggested_partners_are_the_loop_they_replace():
    me = profile(make_teacher("FR"), subjects=["history"], languages=["fr", "en"], ages=[10, 11])
    profile(make_teacher("DE", name='Jonas <b>"J"</b>'), subjects=["history"], ages=[10, 11])
    profile(make_teacher("IT", name="Lia & co"), subjects=["music"], ages=[10])
    found = suggestions.for_teacher(me)
    assert {s.score for s in found} >= {5} and len(found) == 2
    found[1].score = 1  # "1 point", singular
    for language in ("en", "fr"):
        with translation.override(language):
            ours, loop = both(
                SUGGESTION_LOOP,
                "{% load partners %}{% suggestion_items suggestions %}",
                suggestions=found,
            )
            assert ours == loop
    assert "Jonas &lt;b&gt;&quot;J&quot;&lt;/b&gt;" in ours and "Lia &amp; co" in ours


def test_the_dashboards_projects_are_the_loop_they_replace():
    rows = [
        make_project(title="Eau & <vie>"),
        make_project(title="Arbres", status=Project.Status.CLOSED),
    ]
    for language in ("en", "fr"):
        with translation.override(language):
            ours, loop = both(
                PROJECT_LOOP, "{% load project_links %}{% project_links projects %}", projects=rows
            )
            assert ours == loop
    assert "Eau &amp; &lt;vie&gt;" in ours


def test_the_dashboards_spaces_are_the_loop_they_replace():
    spaces = [Space("Eau & <vie>", False, "/projects/1/space/"), Space("Arbres", True, "/p/2/")]
    for language in ("en", "fr"):
        with translation.override(language):
            ours, loop = both(
                SPACE_LOOP, "{% load twinspace %}{% space_links projects %}", projects=spaces
            )
            assert ours == loop
            assert translation.gettext("Closed: read only") in ours


def test_my_projects_and_my_spaces_come_from_one_read_each_in_its_order(
    client, django_assert_num_queries
):
    """ "My projects": by status, the newest of each first, eight at most; "My TwinSpaces":
    the projects whose space the members see, by title. One query serves both panels."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    teacher = make_teacher("FR")
    made = {}
    for title, status in [
        ("Bridges", Project.Status.ACTIVE),
        ("Apples", Project.Status.DRAFT),
        ("Canals", Project.Status.ACTIVE),
        ("Dunes", Project.Status.CLOSED),
        ("Elms", Project.Status.ACTIVE),
    ] + [(f"Zone {n}", Project.Status.ARCHIVED) for n in range(6)]:
        made[title] = make_project([teacher, make_teacher("DE")], title=title, status=status)
    client.force_login(teacher)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/dashboard/").content.decode()
    mine = [
        q["sql"] for q in queries if re.search(r'FROM "projects_(project|membership)"', q["sql"])
    ]
    assert len(mine) == 1, mine
    panels = re.findall(
        r'<section class="card" aria-labelledby="([a-z-]+)">(.*?)</section>', page, re.S
    )
    listed = {name: re.findall(r">([A-Z][a-z]+(?: \d)?)</a>", html) for name, html in panels}
    # Statuses in their stored order (active, archived, closed, draft), newest first within.
    assert listed["panel-projects"] == [
        "Elms",
        "Canals",
        "Bridges",
        "Zone 5",
        "Zone 4",
        "Zone 3",
        "Zone 2",
        "Zone 1",
    ]
    assert listed["my-spaces-title"] == ["Bridges", "Canals", "Dunes", "Elms"] + [
        f"Zone {n}" for n in range(6)
    ]
