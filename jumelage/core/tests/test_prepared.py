"""Prepared queries give what their queryset gives, for each call's values, compiled once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.paginator import Paginator
from django.db import connection, connections
from django.db.models import Count
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from jumelage import testing
from jumelage.core.prepared import Prepared, PreparedPages
from jumelage.projects.models import Membership, Project

pytestmark = pytest.mark.django_db


def _membership_query():
    return Prepared(
        lambda project_id, user_id: (
            Membership.objects.select_related("project", "school")
            .filter(project_id=project_id, user_id=user_id)
            .order_by("pk")[:1]
        ),
        project_id=int,
        user_id=int,
    )


def test_each_call_finds_its_own_row_with_its_relations_loaded(monkeypatch):
    anna, ben = testing.make_teacher("FR"), testing.make_teacher("DE")
    first = testing.make_project([anna, ben], title="Rivers")
    second = testing.make_project([ben, testing.make_teacher("IT")], title="Bridges")
    prepared = _membership_query()
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )

    with CaptureQueriesContext(connection) as queries:
        found = [
            prepared.first(project_id=first.pk, user_id=anna.pk),
            prepared.first(project_id=second.pk, user_id=ben.pk),
            prepared.first(project_id=second.pk, user_id=anna.pk),
        ]
        titles = [found[0].project.title, found[1].project.title]
        schools = [found[0].school, found[1].school]
    # Three queries for three calls: the relations came with them.
    assert len(queries) == 3, queries.captured_queries
    assert len(compiled) == 1  # compiled at the first call only
    assert titles == ["Rivers", "Bridges"]
    assert found[2] is None
    assert (found[0].user_id, found[1].user_id) == (anna.pk, ben.pk)
    assert schools == [Membership.objects.get(pk=m.pk).school for m in found[:2]]
    assert schools[0] is not None


def test_values_rows_and_prefetches_come_as_the_queryset_gives_them():
    anna = testing.make_teacher("FR")
    project = testing.make_project([anna, testing.make_teacher("DE")], title="Seas")
    testing.make_pupil(project, anna)
    counts = Prepared(
        lambda project_id: (
            Membership.objects.filter(project_id=project_id)
            .values("role")
            .annotate(n=Count("pk"))
            .order_by("role")
        ),
        project_id=int,
    )
    assert counts.list(project_id=project.pk) == list(
        Membership.objects.filter(project_id=project.pk)
        .values("role")
        .annotate(n=Count("pk"))
        .order_by("role")
    )
    with_members = Prepared(
        lambda title: Project.objects.filter(title=title).prefetch_related("memberships"),
        title=str,
    )
    (found,) = with_members.list(title="Seas")
    with CaptureQueriesContext(connection) as queries:
        assert len(found.memberships.all()) == 3
    assert len(queries) == 0
    assert with_members.list(title="Lakes") == []


def test_values_that_would_change_the_sql_are_refused():
    by_title = Prepared(lambda title: Project.objects.filter(title__icontains=title), title=str)
    with pytest.raises(ValueError, match="as a parameter"):
        by_title.list(title="sea")
    by_id = _membership_query()
    for wrong in (None, "3", True, 3.0):
        with pytest.raises(TypeError):
            by_id.first(project_id=wrong, user_id=1)
    with pytest.raises(TypeError):
        by_id.first(project_id=1)
    # An id typed by hand beyond any integer column: no row, as Django's own lookups say.
    assert by_id.first(project_id=10**20, user_id=1) is None
    with pytest.raises(TypeError):
        Prepared(lambda when: Project.objects.filter(created_at__gt=when), when=object)


@pytest.mark.django_db(transaction=True)
def test_each_thread_runs_it_on_its_own_connection():
    anna = testing.make_teacher("FR")
    project = testing.make_project([anna, testing.make_teacher("DE")], title="Forests")
    prepared = _membership_query()
    assert prepared.first(project_id=project.pk, user_id=anna.pk).project.title == "Forests"

    def in_a_thread(_):
        try:
            return prepared.first(project_id=project.pk, user_id=anna.pk).project.title
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(in_a_thread, range(4))) == ["Forests"] * 4


def test_a_pager_reads_a_prepared_list_page_by_page_as_it_reads_the_queryset():
    founders = [testing.make_teacher("FR"), testing.make_teacher("DE")]
    project = testing.make_project(founders)
    for n in range(7):
        testing.make_pupil(project, founders[0], name=f"Pupil {n}")
    ordered = lambda project_id: Membership.objects.filter(project_id=project_id).order_by("pk")  # noqa: E731
    pages = PreparedPages(ordered, project_id=int)
    pages.MAX_SLICES = 2  # the third slice asked is built as Django builds it
    expected = list(ordered(project.pk))
    assert len(expected) == 9
    for number in (1, 2, 3, 2):
        page = Paginator(pages.rows(project_id=project.pk), 4).get_page(number)
        assert page.paginator.count == 9
        assert page.paginator.num_pages == 3
        assert list(page.object_list) == expected[(number - 1) * 4 : number * 4]
    assert len(pages._slices) == 2
    assert Paginator(pages.rows(project_id=project.pk + 1000), 4).get_page(1).object_list == []
    with pytest.raises(TypeError):
        pages.rows(project_id=project.pk)[3]
    # An empty list's first page, and a shape that can match nothing: no row, no error.
    empty = PreparedPages(ordered, project_id=int).rows(project_id=project.pk + 1000)
    assert Paginator(empty, 4).get_page(1).object_list == []
    nothing = Prepared(
        lambda project_id: Membership.objects.filter(project_id=project_id, pk__in=[]),
        project_id=int,
    )
    assert nothing.list(project_id=project.pk) == []


def _topics_world():
    """A project's topics as four readers see them: published, waiting, hidden."""
    from jumelage.forum.models import Topic
    from jumelage.projects.access import access_for

    teacher = testing.make_teacher("FR")
    project = testing.make_project([teacher, testing.make_teacher("DE")])
    anna, ben = testing.make_pupil(project, teacher), testing.make_pupil(project, teacher)
    visitor = testing.make_visitor(project)
    for author, visibility in [
        (teacher, "published"),
        (anna, "pending"),
        (anna, "hidden"),
        (ben, "pending"),
        (ben, "published"),
    ]:
        Topic.objects.create(
            project=project,
            author=author,
            title=f"{visibility} by {author.pk}",
            body="<p>x</p>",
            visibility=visibility,
        )
    readers = [teacher, anna, ben, visitor]
    return project, {user: access_for(user, project) for user in readers}


def _topics(visible, project_id):
    from jumelage.forum.models import Topic

    return Topic.objects.filter(project_id=project_id).filter(visible).order_by("pk")


def test_each_readers_conditions_give_what_the_queryset_gives_compiled_once_a_shape(
    monkeypatch,
):
    from jumelage.core.prepared import PreparedShapes

    project, accesses = _topics_world()
    shapes = PreparedShapes(_topics, project_id=int)
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    seen = {}
    for _ in range(2):
        for user, access in accesses.items():
            rows = shapes.list({"visible": access.visible()}, project_id=project.pk)
            seen[user] = [topic.title for topic in rows]
    compiled_by_shapes = len(compiled)
    monkeypatch.setattr(SQLCompiler, "as_sql", original)
    for user, access in accesses.items():
        expected = [t.title for t in _topics(access.visible(), project.pk)]
        assert seen[user] == expected
    teacher, anna, ben, visitor = accesses
    # Each pupil sees the published topics and their own, the teacher all of them.
    assert len(seen[teacher]) == 5
    assert len(seen[anna]) == 4 and len(seen[ben]) == 3 and len(seen[visitor]) == 2
    assert seen[anna] != seen[ben]
    # Two shapes (a teacher's empty condition; published-or-own for the others): two
    # compilations for sixteen calls.
    assert compiled_by_shapes == 2


def test_conditions_that_cannot_be_masked_are_built_as_django_builds_them():
    from django.db.models import Q

    from jumelage.core.prepared import PreparedShapes

    project, accesses = _topics_world()
    teacher, anna, *_ = accesses
    shapes = PreparedShapes(_topics, project_id=int)
    mine = shapes.list({"visible": Q(author=anna)}, project_id=project.pk)  # an instance
    assert sorted(t.visibility for t in mine) == ["hidden", "pending"]
    # An integer no column holds, beside a condition that matches: the other side's rows.
    published_or_nobody = Q(visibility="published") | Q(author_id=2**70)
    rows = shapes.list({"visible": published_or_nobody}, project_id=project.pk)
    assert [t.visibility for t in rows] == ["published", "published"]
    # A family grown beyond its bound keeps answering, unprepared.
    shapes.MAX_SHAPES = 0
    rows = shapes.list({"visible": Q(visibility="pending")}, project_id=project.pk)
    assert [t.author_id for t in rows] == [anna.pk, list(accesses)[2].pk]


def test_a_paged_family_gives_each_reader_the_pagers_count_and_pages():
    from jumelage.core.prepared import PreparedShapes

    project, accesses = _topics_world()
    shapes = PreparedShapes(_topics, paged=True, project_id=int)
    for access in accesses.values():
        ours = Paginator(shapes.rows({"visible": access.visible()}, project_id=project.pk), 2)
        django = Paginator(_topics(access.visible(), project.pk), 2)
        assert ours.count == django.count
        for number in ours.page_range:
            assert list(ours.page(number).object_list) == list(django.page(number).object_list)


def test_a_list_of_ids_is_one_parameter_so_one_query_serves_any_number(monkeypatch):
    """`__in_array` (core.lookups): on PostgreSQL the list is one parameter and the query
    is compiled once for lists of any length; on SQLite it is spread, and built each call.
    Either way, the rows `__in` gives; ids no column holds match nothing."""
    titles = ["Alpha", "Beta", "Gamma"]
    projects = [testing.make_project(title=title) for title in titles]
    ids = [p.pk for p in projects]
    prepared = Prepared(
        lambda ids: (
            Project.objects.filter(pk__in_array=ids).order_by("pk").values_list("title", flat=True)
        ),
        ids=list,
    )
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(
        SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k)
    )
    asked = [ids, ids[1:], [ids[2]], [], [2**70, ids[0]], [ids[0], ids[0]]]
    found = [prepared.list(ids=value) for value in asked]
    monkeypatch.setattr(SQLCompiler, "as_sql", original)
    assert found == [titles, titles[1:], ["Gamma"], [], ["Alpha"], ["Alpha"]]
    for value, rows in zip(asked, found, strict=True):
        expected = Project.objects.filter(pk__in=[v for v in value if v < 2**63])
        assert rows == list(expected.order_by("pk").values_list("title", flat=True))
    if connection.vendor == "postgresql":
        assert len(compiled) == 1
    else:
        assert len(compiled) >= len(asked) - 1  # the empty list needs no SQL at all
    with pytest.raises(TypeError):
        prepared.list(ids=[1.5])
