"""What labels adds to other apps' pages, through their registries: the dashboard
panel, and the project's published site."""

from django.utils.translation import gettext as _

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
