from jumelage.labels.models import EuropeanDecision
from jumelage.labels.tests.helpers import award, ripen
from jumelage.prizes.models import AgeCategory, Competition, Entry


def european(project):
    """A project with two national labels and the European one."""
    ripen(project)
    award(project, "FR")
    award(project, "DE")
    EuropeanDecision.objects.create(project=project, awarded=True)
    return project


def competition(year=2026, status=Competition.Status.OPEN, jury=()):
    c = Competition.objects.create(title=f"European Prizes {year}", year=year, status=status)
    c.jury.set(jury)
    return c


def entry(competition, project, category="up-to-11"):
    return Entry.objects.create(
        competition=competition,
        project=project,
        category=AgeCategory.objects.get(code=category),
        statement="Ours.",
    )
