from jumelage.meetings.models import MeetingRoom
from jumelage.projects.models import Project


def load(stdout) -> None:
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    if project is not None:
        MeetingRoom.objects.get_or_create(project=project, title="Rencontre Paris – Berlin")
