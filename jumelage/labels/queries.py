"""The label lists the pages show, each one query (plus prefetches)."""

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch

from jumelage.accounts import ratelimit
from jumelage.accounts.models import User
from jumelage.projects.models import Membership, Project, Visibility

from .models import Application, EuropeanDecision, Nomination, SchoolLabel


def awarded():
    return (
        Application.objects.filter(status=Application.Status.AWARDED)
        .select_related("project", "country", "school")
        .order_by("-decided_at", "-id")
    )


def european():
    return (
        EuropeanDecision.objects.filter(awarded=True)
        .select_related("project")
        .order_by("-decided_at", "-id")
    )


def school_labels():
    return SchoolLabel.objects.select_related("school", "school__country")


def labelled_schools():
    return school_labels().order_by("-awarded_on", "-id")


def waiting(countries):
    return list(
        Application.objects.filter(country_id__in=countries, status=Application.Status.SUBMITTED)
        .select_related("project", "country", "applicant")
        .order_by("submitted_at", "id")
    )


def decided(countries):
    return (
        Application.objects.filter(country_id__in=countries)
        .exclude(status=Application.Status.SUBMITTED)
        .select_related("project", "country")
        .order_by("-decided_at", "-id")
    )


def multi_labelled(countries) -> list[Project]:
    """Projects labelled by one of these offices and by at least one other country."""
    mine = Application.objects.filter(
        project=OuterRef("pk"), status=Application.Status.AWARDED, country_id__in=countries
    )
    nominated = Nomination.objects.filter(project=OuterRef("pk"), country_id__in=countries)
    projects = (
        Project.objects.filter(Exists(mine))
        .annotate(nominated_by_me=Exists(nominated))
        .filter(european_label__isnull=True)
        .prefetch_related(
            Prefetch(
                "label_applications",
                queryset=Application.objects.filter(status=Application.Status.AWARDED),
            )
        )
        .order_by("title")
    )
    return [p for p in projects if len({a.country_id for a in p.label_applications.all()}) >= 2]


def school_projects(school):
    """The school's labelled projects (national labels), newest first."""
    return awarded().filter(project__memberships__school=school).distinct()


def teachers():
    return User.objects.filter(kind=User.Kind.TEACHER, is_active=True)


def teacher_labels(person):
    """National labels of the projects this teacher teaches in."""
    return awarded().filter(
        project__memberships__user=person,
        project__memberships__role__in=(Membership.Role.ADMIN, Membership.Role.TEACHER),
    )


def published_space(project) -> dict:
    """What the assessing office reads of the TwinSpace: its published content only,
    never the pupils' private messages or pending or hidden contributions."""
    from jumelage.blog.models import Post as BlogPost
    from jumelage.forum.models import Topic
    from jumelage.materials.models import Item
    from jumelage.wiki.models import Page

    published = {"visibility": Visibility.PUBLISHED}
    return {
        "pages": list(Page.objects.filter(project=project, **published).order_by("title")[:100]),
        "topics": list(Topic.objects.filter(project=project, **published).order_by("-id")[:100]),
        "posts": list(BlogPost.objects.filter(project=project).public().order_by("-id")[:100]),
        "files": list(Item.objects.filter(project=project).order_by("name")[:200]),
    }


def my_label_work(user) -> dict:
    """A teacher's founded projects (active or closed) and own applications."""
    projects = Project.objects.filter(
        memberships__user=user,
        memberships__is_founder=True,
        status__in=(Project.Status.ACTIVE, Project.Status.CLOSED),
    ).order_by("title")[:20]
    applications = Application.objects.filter(applicant=user).select_related("project")[:20]
    return {"projects": list(projects), "applications": list(applications)}


HELD_TTL = 3600  # seconds; a decision forgets it at once (apps.py)


def _held_key(project_id) -> str:
    return ratelimit.key("labels-held", project_id)


def held(project) -> dict:
    """Whether the project holds a National and the European Quality Label, from the cache
    (the space home asks on every visit; decisions are a few a year): else one query."""
    key = _held_key(project.pk)
    found = ratelimit.get(key)  # fails open: an unreachable cache costs the query
    if found is None:
        found = _held(project)
        ratelimit.set(key, found, HELD_TTL)
    return found


def forget_held(sender, instance, using=None, **kwargs) -> None:
    """A label decision changed (post_save, post_delete of Application, EuropeanDecision):
    now, and again once committed (a page read the old rows in between)."""
    key = _held_key(instance.project_id)
    ratelimit.delete(key)
    transaction.on_commit(lambda: ratelimit.delete(key), using=using)


def _held(project) -> dict:
    row = (
        Project.objects.filter(pk=project.pk)
        .values(
            national=Exists(
                Application.objects.filter(
                    project=OuterRef("pk"), status=Application.Status.AWARDED
                )
            ),
            european=Exists(EuropeanDecision.objects.filter(project=OuterRef("pk"), awarded=True)),
        )
        .first()
    )
    return row or {"national": False, "european": False}
