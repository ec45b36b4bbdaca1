"""Demo labels: the Paris–Berlin project already holds Germany's National Quality Label,
so once the French office awards its own, the project may be nominated for the
European one."""

from django.utils import timezone

from jumelage.projects.models import Project

from .models import Application, Criterion, Score

ORDER = 60  # after the projects


def load(stdout) -> None:
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    if project is None:
        return
    founder = project.memberships.filter(is_founder=True, school__country_id="DE").first()
    if founder is None or Application.objects.filter(project=project, country_id="DE").exists():
        return
    application = Application.objects.create(
        project=project,
        country_id="DE",
        school=founder.school,
        applicant=founder.user,
        statement="Unsere Klassen haben ihre Städte gemeinsam beschrieben.",
        status=Application.Status.AWARDED,
        decided_at=timezone.now(),
        comments="Eine echte Zusammenarbeit zwischen Paris und Berlin.",
    )
    Score.objects.bulk_create(
        Score(application=application, criterion=c, points=c.max_points)
        for c in Criterion.objects.all()
    )
    stdout.write("Demo labels: the German National Quality Label of “Nos villes, nos vies”.")
