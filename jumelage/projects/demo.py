"""Demo data for `make run`: a project awaiting approval and an open invitation (idempotent)."""

from datetime import date

from jumelage.accounts.models import User
from jumelage.kits.models import Kit
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Project


def load(stdout) -> None:
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    aino = User.objects.filter(email="aino.virtanen@demo.jumelage.eu").first()
    joao = User.objects.filter(email="joao.silva@demo.jumelage.eu").first()
    if not (claire and aino and joao):
        return
    Project.objects.filter(title__startswith="Nos villes, nos vies", kit__isnull=True).update(
        kit=Kit.objects.filter(slug="our-towns-our-lives").first()
    )
    climate = Kit.objects.filter(slug="climate-detectives").first()
    if not Project.objects.filter(title="Climate detectives Helsinki–Paris").exists():
        # Founded by Aino (FI) with Claire (FR), waiting for the French office's decision.
        project = _draft(aino, "Climate detectives Helsinki–Paris", climate)
        invitation = services.invite_cofounder(access_for(aino, project), invitee=claire)
        services.accept_invitation(invitation, claire, claire.schools.first())
        services.submit(access_for(aino, project))
        stdout.write("  demo: a project awaits the French office's approval")
    if not Project.objects.filter(title="European recipes book Lisboa–Helsinki").exists():
        # João (PT) invited Aino (FI) as co-founder: she sees the invitation on her dashboard.
        kit = Kit.objects.filter(slug="european-recipes-book").first()
        project = _draft(joao, "European recipes book Lisboa–Helsinki", kit)
        services.invite_cofounder(access_for(joao, project), invitee=aino)
        stdout.write("  demo: an invitation to co-found awaits Aino")


def _draft(creator, title, kit):
    return services.create_project(
        creator,
        creator.schools.first(),
        {
            "title": title,
            "summary": kit.summary[:500] if kit else title,
            "description": "",
            "age_min": kit.age_min if kit else 10,
            "age_max": kit.age_max if kit else 14,
            "start_date": date(2027, 1, 11),
            "end_date": date(2027, 6, 25),
            "kit": kit,
        },
        subjects=list(kit.subjects.all()) if kit else [],
        languages=["en", "fr"],
        productions=[kit.production] if kit and kit.production else [],
    )
