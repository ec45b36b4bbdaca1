"""The search module's interface: search, and keep the index current.

Other apps add text and filter tokens to a teacher's document through
`register_contributor` (partners adds open partner requests), so this module
depends on no app above accounts and schools.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from jumelage.accounts.models import TeacherProfile, User
from jumelage.schools.models import School, SchoolMembership

from .backends import Page, Query, backend
from .documents import TeacherDocument
from .models import SearchDocument

# fn(docs: dict[user_id, TeacherDocument]) -> None, adds to the documents in place.
_CONTRIBUTORS: list[Callable[[dict], None]] = []


def register_contributor(fn: Callable[[dict], None]) -> None:
    if fn not in _CONTRIBUTORS:
        _CONTRIBUTORS.append(fn)


def search(
    query: Query,
    page: int = 1,
    per_page: int = 20,
    order: str = "rank",
    pool_size: int | None = None,
) -> Page:
    """Ids of findable teachers matching `query`, best first, one page of them: ranked or
    ordered within the first `pool_size` matches (backends.MAX_COUNT by default), and
    counted up to it."""
    return backend().search(query, max(1, page), per_page, order, pool_size)


def is_findable(profile: TeacherProfile) -> bool:
    """Only verified teachers who chose to be findable are ever indexed."""
    user = profile.user
    return bool(
        profile.status == TeacherProfile.Status.VERIFIED
        and profile.findable
        and user.is_active
        and user.kind == User.Kind.TEACHER
    )


def level_labels(level: str) -> list[str]:
    """A school level's name in every site language, so either finds it."""
    if level not in School.Level.values:
        return []
    labels = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.append(str(School.Level(level).label))
    return labels


def _documents(user_ids: Iterable[int]) -> dict[int, tuple[TeacherDocument, User]]:
    profiles = (
        TeacherProfile.objects.filter(user_id__in=list(user_ids))
        .select_related("user")
        .prefetch_related("subjects", "languages", "age_bands")
    )
    docs: dict[int, tuple[TeacherDocument, User]] = {}
    for profile in profiles:
        if not is_findable(profile):
            continue
        doc = TeacherDocument(
            display_name=profile.user.display_name, presentation=profile.presentation
        )
        for subject in profile.subjects.all():
            doc.subjects.add(subject.code)
            doc.labels += [subject.name_en, subject.name_fr]
        for language in profile.languages.all():
            doc.languages.add(language.code)
            doc.labels += [language.name_en, language.name_fr]
        for band in profile.age_bands.all():
            doc.ages.add(band.min_age)
        docs[profile.user_id] = (doc, profile.user)
    memberships = SchoolMembership.objects.filter(user_id__in=list(docs)).select_related(
        "school__country"
    )
    for membership in memberships:
        school, doc = membership.school, docs[membership.user_id][0]
        doc.school_names.append(school.name)
        doc.places += [school.town, school.country.name_en, school.country.name_fr]
        doc.labels += level_labels(school.level)
        doc.countries.add(school.country_id)
        doc.levels.add(school.level)
    plain = {user_id: doc for user_id, (doc, _user) in docs.items()}
    for contributor in _CONTRIBUTORS:
        contributor(plain)
    return docs


@transaction.atomic
def index_teachers(user_ids: Iterable[int]) -> None:
    """Bring these teachers' documents up to date: written if findable, removed if not."""
    user_ids = set(user_ids)
    if not user_ids:
        return
    docs = _documents(user_ids)
    SearchDocument.objects.filter(user_id__in=user_ids - set(docs)).delete()
    for user_id, (doc, user) in docs.items():
        SearchDocument.objects.update_or_create(
            user_id=user_id,
            defaults={
                "name": doc.name_text(),
                "body": doc.body_text(),
                "facets": doc.facets_text(),
                "active_at": user.last_seen_at or user.date_joined,
            },
        )


def reindex_all(batch: int = 1000, stdout=None) -> int:
    """Rebuild every document (after a data import or a change of reference names)."""
    ids = list(TeacherProfile.objects.order_by("user_id").values_list("user_id", flat=True))
    SearchDocument.objects.exclude(user_id__in=ids).delete()
    for start in range(0, len(ids), batch):
        index_teachers(ids[start : start + batch])
        if stdout:
            stdout.write(f"{min(start + batch, len(ids))}/{len(ids)}")
    return SearchDocument.objects.count()
