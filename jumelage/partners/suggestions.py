"""Partner suggestions from a transparent score: every point comes with its reason.

Candidates come from the search index (teachers sharing a subject and an age,
outside the teacher's own country, most recently active first; then, if too
few, anyone sharing a subject, an age or a language); each candidate is then
scored here, in plain Python, so the score and its reasons are easy to read.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jumelage.accounts import ratelimit
from jumelage.accounts.models import TeacherProfile, User
from jumelage.core.prepared import Prepared
from jumelage.reference.choices import cached_choices
from jumelage.reference.links import linked_rows
from jumelage.reference.models import Country
from jumelage.schools.models import SchoolMembership
from jumelage.search.backends import Query
from jumelage.search.documents import facet
from jumelage.search.models import SearchDocument
from jumelage.search.services import search

from .models import open_requests

WEIGHTS = {"ages": 3, "subject": 3, "language": 2, "country": 2, "active": 1}
RECENT = timedelta(days=30)
CANDIDATES = 60
# The candidates are the most recently active of the first this-many matches (the search's
# pool, in the index's physical order). A thousand, as a search page counts, made the
# suggestions' search 7-8 ms at the median and 34-46 ms at p90 at eTwinning's scale; two
# hundred, 2 and 7 ms (docs/benchmarks.md, stop 47).
CANDIDATE_POOL = 200
# Cards loaded per suggestion shown (see _shortlist).
SHORTLIST = 2
log = logging.getLogger(__name__)


@dataclass
class Wish:
    """What the teacher (or their request) looks for."""

    subjects: dict  # code -> Subject
    languages: dict  # code -> Language
    ages: set
    own_countries: set
    wished_countries: set = field(default_factory=set)
    exclude_ids: tuple = ()


@dataclass
class Suggestion:
    teacher: "TeacherCard"
    score: int
    reasons: list


def _co_members(user_id: int):
    from jumelage.projects.models import Membership

    return Membership.objects.filter(
        project__memberships__user_id=user_id, role__in=["admin", "teacher", "guest"]
    ).values_list("user_id", flat=True)


# A teacher's suggestions are computed on their first dashboard in SUGGESTIONS_TTL: the
# queries that read them per teacher are prepared (core.prepared).
_CO_MEMBERS = Prepared(_co_members, user_id=int)
_OWN_COUNTRIES = Prepared(
    lambda user_id: SchoolMembership.objects.filter(user_id=user_id).values_list(
        "school__country_id", flat=True
    ),
    user_id=int,
)
_FACETS = Prepared(
    lambda ids: SearchDocument.objects.filter(user_id__in_array=ids).values_list(
        "user_id", "facets", "active_at"
    ),
    ids=list,
)


def _already_partners(user_id) -> tuple:
    """The person and the teachers they already share a project with: not suggested."""
    shared = _CO_MEMBERS.list(user_id=user_id)
    return (user_id, *sorted(set(shared) - {user_id}))


def wish_for_teacher(user) -> Wish:
    profile = user.teacher_profile
    lists = {attribute: {} for _field, attribute in REFERENCE_LISTS}
    for _profile, attribute, row in _reference_rows([profile.pk]):
        lists[attribute][row.pk] = row
    return Wish(
        subjects=lists["subject_list"],
        languages=lists["language_list"],
        ages=set(lists["age_list"]),
        own_countries=set(_OWN_COUNTRIES.list(user_id=user.pk)),
        exclude_ids=_already_partners(user.pk),
    )


def wish_for_request(partner_request) -> Wish:
    return Wish(
        subjects={s.code: s for s in partner_request.subjects.all()},
        languages={lang.code: lang for lang in partner_request.languages.all()},
        ages={band.min_age for band in partner_request.age_bands.all()},
        own_countries=set(_OWN_COUNTRIES.list(user_id=partner_request.author_id)),
        wished_countries={c.code for c in partner_request.wished_countries.all()},
        exclude_ids=_already_partners(partner_request.author_id),
    )


def _candidate_ids(wish: Wish) -> list[int]:
    subjects = tuple(facet("subject", s) for s in wish.subjects)
    ages = tuple(facet("age", a) for a in wish.ages)
    languages = tuple(facet("language", lang) for lang in wish.languages)
    wished = tuple(facet("country", c) for c in wish.wished_countries)
    own = tuple(facet("country", c) for c in wish.own_countries)
    tries = [
        Query(facet_groups=(subjects, ages, wished), must_not=own, exclude_ids=wish.exclude_ids),
        # A partner works in another country: colleagues at home are never "partners".
        Query(
            facet_groups=(subjects + ages + languages, wished),
            must_not=own,
            exclude_ids=wish.exclude_ids,
        ),
    ]
    ids: list[int] = []
    for query in tries:
        if not any(group for group in query.facet_groups):
            continue
        page = search(query, per_page=CANDIDATES, order="activity", pool_size=CANDIDATE_POOL)
        ids += [i for i in page.ids if i not in ids]
        if len(ids) >= CANDIDATES // 2:
            break
    return ids


# A profile's reference lists as load_teachers leaves them: (field, attribute).
REFERENCE_LISTS = (("subjects", "subject_list"), ("languages", "language_list"),
                   ("age_bands", "age_list"))  # fmt: skip


@dataclass(slots=True)
class ProfileCard:
    """What results and suggestions show of a teacher's profile."""

    pk: int
    presentation: str
    email_visible: bool
    subject_list: list = field(default_factory=list)
    language_list: list = field(default_factory=list)
    age_list: list = field(default_factory=list)


@dataclass(slots=True)
class SchoolCard:
    name: str
    town: str
    level: str
    country: Country

    @property
    def country_id(self) -> str:
        return self.country.pk


@dataclass(slots=True)
class MembershipCard:
    school: SchoolCard


@dataclass(slots=True)
class RequestCard:
    pk: int
    title: str


class _Memberships(list):
    """A teacher's schools, read as `teacher.school_memberships.all()` is."""

    def all(self):
        return self


@dataclass(slots=True)
class TeacherCard:
    """A findable teacher as results and suggestions show them, read from the columns they
    show: the search page's twenty teachers as users, profiles, memberships, schools
    and countries were 120 model instances and a prefetch each (25,000 of the page's
    68,000 Python calls). Read-only: nothing saves a card."""

    pk: int
    display_name: str
    email: str
    last_seen_at: datetime | None
    teacher_profile: ProfileCard
    school_memberships: _Memberships = field(default_factory=_Memberships)
    open_requests: list = field(default_factory=list)

    def __str__(self) -> str:
        return self.display_name or self.email


# A country's every column, in the model's order (Model.from_db reads them so).
_COUNTRY_COLUMNS = [f.attname for f in Country._meta.concrete_fields]
# The cards' queries, by a list of teacher ids (one parameter: core.lookups.InArray).
_FINDABLE = Prepared(
    lambda ids: User.objects.filter(
        pk__in_array=ids,
        is_active=True,
        kind=User.Kind.TEACHER,
        teacher_profile__status="verified",
        teacher_profile__findable=True,
    ).values_list(
        "pk",
        "display_name",
        "email",
        "last_seen_at",
        "teacher_profile__pk",
        "teacher_profile__presentation",
        "teacher_profile__email_visible",
    ),  # fmt: skip
    ids=list,
)
_SCHOOLS = Prepared(
    lambda ids: (
        SchoolMembership.objects.filter(user_id__in_array=ids)
        .order_by("pk")
        .values_list(
            "user_id",
            "school__name",
            "school__town",
            "school__level",
            *(f"school__country__{n}" for n in _COUNTRY_COLUMNS),
        )
    ),
    ids=list,
)
_OPEN_REQUESTS = Prepared(
    lambda ids, now: (
        open_requests(now).filter(author_id__in_array=ids).values_list("author_id", "pk", "title")
    ),
    ids=list,
    now=datetime,
)


def load_teachers(ids) -> dict[int, TeacherCard]:
    """Findable teachers by id, with what results show, in four prepared queries whatever
    their number: each profile's subjects, languages and ages as lists in the reference
    tables' order, each reference row and country built once for the page."""
    teachers = {}
    for row in _FINDABLE.list(ids=list(ids)):
        pk, display_name, email, last_seen_at, profile_pk, presentation, email_visible = row
        profile = ProfileCard(profile_pk, presentation, email_visible)
        teachers[pk] = TeacherCard(pk, display_name, email, last_seen_at, profile)
    if not teachers:
        return teachers
    code_at = _COUNTRY_COLUMNS.index("code")
    countries = {}
    for user_id, name, town, level, *country in _SCHOOLS.list(ids=list(teachers)):
        found = countries.get(country[code_at])
        if found is None:
            found = countries[country[code_at]] = Country.from_db(
                Country.objects.db, _COUNTRY_COLUMNS, country
            )
        school = SchoolCard(name, town, level, found)
        teachers[user_id].school_memberships.append(MembershipCard(school))
    for author_id, pk, title in _OPEN_REQUESTS.list(ids=list(teachers), now=timezone.now()):
        teachers[author_id].open_requests.append(RequestCard(pk, title))
    profiles = {t.teacher_profile.pk: t.teacher_profile for t in teachers.values()}
    for profile_id, attribute, row in _reference_rows(profiles):
        getattr(profiles[profile_id], attribute).append(row)
    return teachers


def _reference_rows(profile_ids):
    """(profile id, attribute, reference row) of the profiles' subjects, languages and age
    bands, each list in its table's order (reference.links: one query, cached rows)."""
    attributes = dict(REFERENCE_LISTS)
    for profile_id, field_name, row in linked_rows(TeacherProfile, tuple(attributes), profile_ids):
        yield profile_id, attributes[field_name], row


def score(wish: Wish, teacher: User, now=None) -> Suggestion:
    now = now or timezone.now()
    profile = teacher.teacher_profile
    reasons: list[str] = []
    points = 0
    ages = sorted(wish.ages & {band.min_age for band in profile.age_list})
    if ages:
        points += WEIGHTS["ages"]
        reasons.append(_("Pupils of the same age: %(ages)s") % {"ages": ", ".join(map(str, ages))})
    subjects = [s for s in profile.subject_list if s.code in wish.subjects]
    if subjects:
        points += WEIGHTS["subject"]
        reasons.append(
            _("Also teaches %(subjects)s") % {"subjects": ", ".join(s.name for s in subjects)}
        )
    languages = [lang for lang in profile.language_list if lang.code in wish.languages]
    if languages:
        points += WEIGHTS["language"]
        reasons.append(
            _("Speaks %(languages)s") % {"languages": ", ".join(lang.name for lang in languages)}
        )
    founding = [
        m.school.country
        for m in teacher.school_memberships.all()
        if m.school.country.can_found and m.school.country_id not in wish.own_countries
    ]
    if founding:
        points += WEIGHTS["country"]
        reasons.append(
            _("Works in %(country)s, which may found a project with you")
            % {"country": founding[0].name}
        )
    if teacher.last_seen_at and now - teacher.last_seen_at <= RECENT:
        points += WEIGHTS["active"]
        reasons.append(_("Active in the last 30 days"))
    return Suggestion(teacher, points, reasons)


FOUNDING = Country.objects.filter(can_found=True)


def _founding_countries() -> list[str]:
    return [facet("country", code) for code in FOUNDING.values_list("code", flat=True)]


def _founding_tokens() -> tuple:
    """The facet of every country whose teachers may found a project, kept per process."""
    return cached_choices(FOUNDING, _founding_countries)


def _shortlist(wish: Wish, ids: list[int], size: int) -> list[int]:
    """The `size` candidates that score best on their search documents' facets.

    Loading sixty teachers' cards to show five was half the cost of a teacher's first
    dashboard (12 of 24 ms at eTwinning's scale). The facets hold what score() reads
    (ages, subjects, languages, the schools' countries) and `active_at` is last_seen_at,
    kept in step by the search signals, so the two orders mostly agree. They differ for a
    teacher never seen (their joining counts here as activity) and for one whose open
    partner request adds subjects, ages or languages to their facets (score() reads the
    profile only): such a teacher may take a place here and score lower on the card,
    hence twice as many cards as shown, ranked again by score().
    """
    if len(ids) <= size:
        return ids
    wanted = [
        (WEIGHTS["ages"], {facet("age", a) for a in wish.ages}),
        (WEIGHTS["subject"], {facet("subject", s) for s in wish.subjects}),
        (WEIGHTS["language"], {facet("language", lang) for lang in wish.languages}),
        (WEIGHTS["country"], set(_founding_tokens()) - {facet("country", c) for c in wish.own_countries}),
    ]  # fmt: skip
    recent = timezone.now() - RECENT
    ranked = []
    for user_id, facets, active_at in _FACETS.list(ids=list(ids)):
        tokens = set(facets.split())
        points = sum(weight for weight, group in wanted if not group.isdisjoint(tokens))
        points += WEIGHTS["active"] if active_at >= recent else 0
        ranked.append((-points, -active_at.timestamp(), user_id))
    ranked.sort()
    return [user_id for *_, user_id in ranked[:size]]


def _suggest(wish: Wish, limit: int) -> list[Suggestion]:
    teachers = load_teachers(_shortlist(wish, _candidate_ids(wish), limit * SHORTLIST))
    now = timezone.now()
    scored = [score(wish, t, now) for t in teachers.values()]
    scored = [s for s in scored if s.score > 0]
    far_past = now - timedelta(days=36500)
    scored.sort(
        key=lambda s: (-s.score, -(s.teacher.last_seen_at or far_past).timestamp(), s.teacher.pk)
    )
    return scored[:limit]


def for_teacher(user, limit: int = 5) -> list[Suggestion]:
    return _suggest(wish_for_teacher(user), limit)


# The dashboard shows a teacher's suggestions on every visit; computing them is
# about ten queries and ~20 ms (search index, profiles, schools). They are
# advice, not state, so they are cached per teacher and language (the reasons are
# translated) rather than stored in a table refreshed by a task (a migration, a
# beat entry, and lists stale until the task runs, for the same result).
# Invalidation (docs/performance.md): the key carries the pool's generation, which
# every write on a partner request bumps (a new, changed, renewed, closed or expired
# request shows at once to everyone); a teacher's own key is dropped when what they
# look for changes (profile, schools, projects: partners/signals.py). Other teachers'
# profile edits show within SUGGESTIONS_TTL.
SUGGESTIONS_TTL = 5 * 60


def _cache_key(user, language=None, generation=None) -> str:
    return ratelimit.key(
        "partner-suggestions", user.pk if hasattr(user, "pk") else user,
        language or get_language(), generation or "",
    )  # fmt: skip


def _generation_key() -> str:
    return ratelimit.key("partner-suggestions-generation")


def _generation() -> str:
    found = ratelimit.get(_generation_key())
    if found is None:
        found = uuid.uuid4().hex
        ratelimit.set(_generation_key(), found, None)
    return found


def bump_pool() -> None:
    """The candidates changed for everyone (a partner request): every teacher's list is stale."""
    ratelimit.set(_generation_key(), uuid.uuid4().hex, None)


def cached_for_teacher(user, limit: int = 5) -> list[Suggestion]:
    """for_teacher, computed at most once per SUGGESTIONS_TTL per teacher and language,
    and again after bump_pool() or forget_for_teacher()."""
    key = _cache_key(user, generation=_generation())
    found = ratelimit.get(key)  # fails open: an unreachable cache only costs the queries
    if found is None:
        found = for_teacher(user, limit)
        ratelimit.set(key, found, SUGGESTIONS_TTL)
    return found[:limit]


def forget_for_teacher(user_or_id) -> None:
    """Drop the cached suggestions of this teacher, in every language (what they look
    for, their schools or their projects changed)."""
    generation = _generation()
    keys = [_cache_key(user_or_id, code, generation) for code, _name in settings.LANGUAGES]
    try:
        cache.delete_many(keys)
    except Exception:  # noqa: BLE001 - fail open, like ratelimit: the TTL still applies
        log.warning("cache unreachable: forgetting suggestions", exc_info=True)


def for_request(partner_request, limit: int = 5) -> list[Suggestion]:
    return _suggest(wish_for_request(partner_request), limit)
