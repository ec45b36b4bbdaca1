"""Demo forum content in the demo project (idempotent)."""

from jumelage.accounts.models import User
from jumelage.forum import services
from jumelage.forum.models import Topic
from jumelage.projects.access import access_for
from jumelage.projects.models import Project

TITLE = "Présentez-vous ! / Stellt euch vor!"


def load(stdout) -> None:
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    jonas = User.objects.filter(email="jonas.weber@demo.jumelage.eu").first()
    pupil = User.objects.filter(username="demo-pupil-1").first()
    if not (project and claire and jonas) or Topic.objects.filter(project=project).exists():
        return
    teachers = access_for(claire, project)
    services.save_category(teachers, "Échanges / Austausch")
    staff_room = services.save_category(teachers, "Salle des profs / Lehrerzimmer")
    services.set_category_rights(
        teachers, staff_room, {"pupils_view": False, "pupil_admins_view": False}
    )
    services.start_topic(
        teachers,
        claire,
        "Calendrier des échanges / Zeitplan",
        "<p>Proposition : un échange de lettres par mois.</p>",
        staff_room,
    )
    topic = services.start_topic(
        teachers,
        claire,
        TITLE,
        "<p>Bonjour ! Dites-nous votre prénom, votre âge et ce que vous aimez dans votre ville.</p>"
        "<p>Hallo! Sagt uns euren Vornamen, euer Alter und was ihr an eurer Stadt mögt.</p>",
    )
    services.set_flags(claire, topic, sticky=True)
    services.reply(
        access_for(jonas, project),
        topic,
        jonas,
        "<p>Hallo aus Berlin! Meine Klasse schreibt morgen.</p>",
    )
    if pupil is not None:
        services.reply(
            access_for(pupil, project),
            topic,
            pupil,
            "<p>Je m'appelle Léa, j'ai 15 ans et j'aime la Seine.</p>",
        )
    stdout.write("Forum: two categories (one for teachers) and a pinned topic in the demo project.")
