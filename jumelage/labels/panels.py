"""What labels adds to other apps' pages, through their registries: the dashboard
panel, the TwinSpace home's badges and the project's published site."""

from django.utils.translation import gettext as _

from jumelage.showcase.labels import Label

from . import policies, queries
from .models import Application, EuropeanDecision


def dashboard(request):
    """An office's waiting applications. Teachers find their label work on the labels
    page and their TwinSpace home: the dashboard's query budget is pinned."""
    countries = policies.office_countries(request.user)  # no query for a teacher
    if countries:
        return {"office": True, "waiting": len(queries.waiting(countries))}
    return None


def space(request):
    """The project's labels, on its TwinSpace home (one query)."""
    labels = list(
        Application.objects.filter(project=request.project, status=Application.Status.AWARDED)
        .select_related("country")
        .order_by("country__name_en")
    )
    may_apply = request.access.is_founder
    if not labels and not may_apply:
        return None
    return {"labels": labels, "may_apply": may_apply}


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
