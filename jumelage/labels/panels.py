"""What labels adds to other apps' pages, through their registries: the dashboard
panel, the project's published site, and the badges of its public page and TwinSpace home."""

from django.urls import reverse
from django.utils.translation import gettext as _

from jumelage.projects.registry import Badge
from jumelage.showcase.labels import Label

from . import policies, queries
from .models import EuropeanDecision


def dashboard(request):
    """An office's waiting applications. Teachers find their label work on the labels
    page and their TwinSpace home: the dashboard's query budget is pinned."""
    countries = policies.office_countries(request.user)  # no query for a teacher
    if countries:
        return {"office": True, "waiting": len(queries.waiting(countries))}
    return None


def showcase_labels(project) -> list[Label]:
    """The labels printed on the project's published site."""
    found = [
        Label(_("National Quality Label"), a.decided_at.year, a.country.name)
        for a in queries.awarded().filter(project=project)
    ]
    decision = EuropeanDecision.objects.filter(project=project, awarded=True).first()
    if decision:
        found.append(Label(_("European Quality Label"), decision.decided_at.year))
    return found


def project_badges(project) -> list[Badge]:
    """The badges of a project's public page (one query), linked to its labels page."""
    held = queries.held(project)
    url = reverse("labels:project", args=[project.pk]) if any(held.values()) else ""
    found = []
    if held["national"]:
        found.append(Badge(_("National Quality Label"), url))
    if held["european"]:
        found.append(Badge(_("European Quality Label"), url))
    return found


def space_badges(request):
    """The same badges on the TwinSpace home; no panel while the project holds none."""
    badges = project_badges(request.project)
    return {"badges": badges} if badges else None
