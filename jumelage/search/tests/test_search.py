"""The search module: the same tests run on SQLite FTS5 (pass 1) and PostgreSQL (pass 2)."""

import pytest

from jumelage.accounts.models import TeacherProfile
from jumelage.reference.models import AgeBand, Language, Subject
from jumelage.schools.models import School
from jumelage.search.backends import MAX_COUNT, Query
from jumelage.search.documents import OPEN_REQUEST, facet
from jumelage.search.models import SearchDocument
from jumelage.search.services import reindex_all, search
from jumelage.testing import make_project, make_pupil, make_school, make_teacher

pytestmark = pytest.mark.django_db


def ids(text="", groups=(), **kwargs):
    return search(Query(text=text, facet_groups=groups), per_page=100, **kwargs).ids


def teacher(country="FR", presentation="", subjects=(), languages=(), ages=(), **kwargs):
    user = make_teacher(country, presentation=presentation, **kwargs)
    profile = user.teacher_profile
    profile.subjects.set(Subject.objects.filter(code__in=subjects))
    profile.languages.set(Language.objects.filter(code__in=languages))
    profile.age_bands.set(AgeBand.objects.filter(min_age__in=ages))
    return user


def test_case_and_accents_do_not_matter():
    claire = teacher(presentation="Professeure dans une petite école de montagne.")
    teacher(presentation="Nothing in common here.")
    for text in ("école", "Ecole", "ECOLE", "ecole", "ÉCOLE"):
        assert ids(text) == [claire.pk], text


def test_accented_query_matches_plain_text_and_back():
    plain = teacher(presentation="We love the theatre and music.")
    accented = teacher(presentation="Nous faisons du théâtre avec les élèves.")
    assert set(ids("théâtre")) == {plain.pk, accented.pk}
    assert set(ids("THEATRE")) == {plain.pk, accented.pk}


def test_english_stemming_finds_other_forms():
    user = teacher(presentation="My pupils are painting murals.")
    assert ids("paint") == [user.pk]
    assert ids("painted") == [user.pk]


def test_every_word_must_match():
    both = teacher(presentation="Robotics club and a choir.")
    teacher(presentation="Robotics only.")
    assert ids("robotics choir") == [both.pk]


def test_school_name_town_and_country_are_searchable():
    school = make_school("DE", name="Goethe-Gymnasium", town="Heidelberg")
    user = make_teacher("DE", school=school)
    assert ids("goethe") == [user.pk]
    assert ids("heidelberg") == [user.pk]
    assert user.pk in ids("Allemagne")  # the country's French name
    assert user.pk in ids("germany")


def test_subject_names_in_both_languages_are_searchable():
    user = teacher(subjects=["drama"])
    assert ids("drama") == [user.pk]
    assert ids("Théâtre") == [user.pk]


def test_name_matches_rank_above_body_matches():
    in_body = teacher(presentation="I once met Madame Rossignol at a conference.")
    named = make_teacher("FR", name="Anne Rossignol")
    assert ids("rossignol") == [named.pk, in_body.pk]


def test_unverified_unfindable_and_pupils_never_appear_in_results_or_counts():
    shown = teacher(presentation="Chorale et théâtre")
    teacher(presentation="Chorale et théâtre", verified=False)
    hidden = teacher(presentation="Chorale et théâtre")
    hidden.teacher_profile.findable = False
    hidden.teacher_profile.save()
    project = make_project()
    make_pupil(project, name="Chorale")
    page = search(Query(text="chorale"))
    assert page.ids == [shown.pk]
    assert page.total == 1
    assert search(Query()).total == SearchDocument.objects.count()
    assert set(SearchDocument.objects.values_list("user_id", flat=True)) == {
        u.pk for u in [shown, *(m.user for m in project.memberships.filter(is_founder=True))]
    }


def test_becoming_unverified_or_unfindable_removes_the_teacher_at_once():
    user = teacher(presentation="Astronomie")
    assert ids("astronomie") == [user.pk]
    profile = user.teacher_profile
    profile.findable = False
    profile.save()
    assert ids("astronomie") == []
    profile.findable = True
    profile.save()
    assert ids("astronomie") == [user.pk]
    profile.status = TeacherProfile.Status.REJECTED
    profile.save()
    assert ids("astronomie") == []


def test_filters_are_or_within_a_kind_and_and_across_kinds():
    fr_art = teacher("FR", subjects=["art"], ages=[10])
    de_art = teacher("DE", subjects=["art"], ages=[14])
    it_music = teacher("IT", subjects=["music"], ages=[10])
    teacher("ES", subjects=["art"], ages=[10])
    country = (facet("country", "FR"), facet("country", "DE"), facet("country", "IT"))
    assert set(ids(groups=(country,))) == {fr_art.pk, de_art.pk, it_music.pk}
    art = (facet("subject", "art"),)
    assert set(ids(groups=(country, art))) == {fr_art.pk, de_art.pk}
    age10 = (facet("age", 10),)
    assert ids(groups=(country, art, age10)) == [fr_art.pk]
    art_or_music = (facet("subject", "art"), facet("subject", "music"))
    assert set(ids(groups=(country, art_or_music, age10))) == {fr_art.pk, it_music.pk}


def test_language_and_school_level_filters():
    primary = make_school("FR", level=School.Level.PRIMARY)
    user = teacher(languages=["fr", "en"], school=primary)
    teacher(languages=["de"])
    assert ids(groups=((facet("language", "en"),),)) == [user.pk]
    assert ids(groups=((facet("level", "primary"),),)) == [user.pk]


def test_text_and_filters_combine():
    fr = teacher("FR", presentation="journal scolaire")
    teacher("DE", presentation="journal scolaire")
    assert ids("journal", groups=((facet("country", "FR"),),)) == [fr.pk]


def test_a_deleted_profile_leaves_the_index():
    user = teacher(presentation="Origami")
    user.teacher_profile.delete()
    assert ids("origami") == []


def test_school_changes_reach_the_index():
    school = make_school("FR", name="Collège Victor Hugo")
    user = make_teacher("FR", school=school)
    assert ids("hugo") == [user.pk]
    school.name = "Collège Jules Verne"
    school.save()
    assert ids("hugo") == []
    assert ids("verne") == [user.pk]


def test_subject_changes_reach_the_index():
    user = teacher(subjects=["art"])
    assert ids(groups=((facet("subject", "music"),),)) == []
    user.teacher_profile.subjects.add(Subject.objects.get(code="music"))
    assert ids(groups=((facet("subject", "music"),),)) == [user.pk]


def test_pagination_is_stable_and_complete():
    users = [teacher(presentation="Projet sur la forêt") for _ in range(23)]
    seen = []
    for number in (1, 2, 3, 4):
        page = search(Query(text="forêt"), page=number, per_page=7)
        seen += page.ids
        assert page.total == 23
        assert page.num_pages == 4
    assert sorted(seen) == sorted(u.pk for u in users)
    assert len(seen) == len(set(seen))
    again = [i for n in (1, 2, 3, 4) for i in search(Query(text="forêt"), page=n, per_page=7).ids]
    assert again == seen


def test_a_search_without_match_reads_the_index_once_and_a_page_past_the_end_counts():
    """The empty page is the slowest search (no probe can stop early): it must not run
    the pool a second time just to learn that there is nothing (issue 22)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    users = [teacher(presentation="Projet sur la forêt") for _ in range(3)]
    nothing = Query(facet_groups=((facet("subject", "art"),),))
    with CaptureQueriesContext(connection) as statements:
        page = search(nothing)
    assert (page.ids, page.total, page.num_pages) == ([], 0, 1)
    assert len(statements) == 1
    past = search(Query(text="forêt"), page=3, per_page=2)
    assert (past.ids, past.total, past.has_previous) == ([], len(users), True)


def test_without_text_the_recently_active_come_first():
    from django.utils import timezone

    old, recent = teacher(), teacher()
    old.last_seen_at = timezone.now() - timezone.timedelta(days=300)
    old.save(update_fields=["last_seen_at"])
    recent.last_seen_at = timezone.now()
    recent.save(update_fields=["last_seen_at"])
    order = ids()
    assert order.index(recent.pk) < order.index(old.pk)


def test_exclusions_and_must_not():
    fr, de = teacher("FR", subjects=["art"]), teacher("DE", subjects=["art"])
    art = ((facet("subject", "art"),),)
    page = search(Query(facet_groups=art, must_not=(facet("country", "FR"),)))
    assert page.ids == [de.pk]
    assert search(Query(facet_groups=art, exclude_ids=(de.pk,))).ids == [fr.pk]


def test_counts_are_capped(monkeypatch):
    from jumelage.search import backends

    monkeypatch.setattr(backends, "MAX_COUNT", 3)
    for _ in range(5):
        teacher(presentation="Volcans")
    page = search(Query(text="volcans"), per_page=2)
    assert page.total == 3
    assert page.total_is_capped
    assert MAX_COUNT == 1000


def test_a_smaller_pool_orders_and_counts_only_its_first_matches():
    """The partner suggestions ask for the most active of a smaller pool (cheaper)."""
    for _ in range(5):
        teacher(subjects=["art"])
    art = ((facet("subject", "art"),),)
    everyone = search(Query(facet_groups=art), per_page=10, order="activity")
    assert everyone.total == 5 and not everyone.total_is_capped
    pooled = search(Query(facet_groups=art), per_page=10, order="activity", pool_size=2)
    assert pooled.total == 2 and pooled.total_is_capped
    assert 2 <= len(pooled.ids) <= 3 and set(pooled.ids) < set(everyone.ids)


def test_punctuation_and_quotes_are_harmless():
    user = teacher(presentation="Le club d'échecs")
    assert ids('"échecs" (*') == [user.pk]
    assert ids("'; DROP TABLE x; --") == []
    assert ids("   ") == ids()


def test_reindex_rebuilds_everything():
    user = teacher(presentation="Volley-ball")
    SearchDocument.objects.all().delete()
    assert ids("volley") == []
    assert reindex_all() == 1
    assert ids("volley") == [user.pk]


def test_open_request_token_is_a_filter():
    user = teacher()
    assert ids(groups=((OPEN_REQUEST,),)) == []
    SearchDocument.objects.filter(user=user).update(facets=OPEN_REQUEST)
    assert ids(groups=((OPEN_REQUEST,),)) == [user.pk]


@pytest.mark.services
def test_french_stemming_on_postgresql(postgres):
    user = teacher(presentation="Nos élèves chantaient des chansons.")
    assert ids("chanson") == [user.pk]
    assert ids("élève") == [user.pk]


@pytest.mark.services  # PostgreSQL: the second pass
def test_a_words_queries_are_asked_of_postgresql_once_per_process(django_assert_num_queries):
    """Each word's three tsqueries come from PostgreSQL the first time only; a search
    repeating a word then costs one round trip fewer, and finds the same teachers."""
    from django.db import connection

    from jumelage.search import backends

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (the second pass)")
    backends._WORD_QUERIES.clear()
    plain = teacher(presentation="Nous faisons du theatre avec les eleves.")
    accented = teacher(presentation="Un atelier de théâtre et de musique.")
    teacher(presentation="Sciences.")
    first = ids("Théâtre le")  # "le": a stop word, asked once too, and narrowing nothing
    assert set(first) == {plain.pk, accented.pk}
    assert set(backends._WORD_QUERIES) == {"théâtre", "le"}
    with django_assert_num_queries(1):  # the pool alone: its count and page in one statement
        again = ids("théâtre le")
    assert again == first
    assert set(ids("théâtre musique")) == {accented.pk}  # one new word: asked alone
    assert set(backends._WORD_QUERIES) == {"théâtre", "le", "musique"}
