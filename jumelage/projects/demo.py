"""Demo data for `make run`: the active project with its pupils, a project awaiting
approval and an open invitation (idempotent)."""

from datetime import date

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.core.demo import PASSWORD, login
from jumelage.kits.models import Kit
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Membership, Project
from jumelage.schools.models import SchoolMembership

ORDER = 30  # after the schools (teachers) and the network (the office that approves)


def load(stdout) -> None:
    seed_active_project(stdout)
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


def _teachers() -> dict:
    """The demo teacher of each country, with their school (seeded by schools.demo)."""
    teachers = {}
    for email, country in [
        ("claire.martin@demo.jumelage.eu", "FR"),
        ("jonas.weber@demo.jumelage.eu", "DE"),
    ]:
        user = User.objects.filter(email=email).first()
        if user is None:
            return {}
        teachers[country] = (user, user.schools.filter(country_id=country).first())
    return teachers


def seed_active_project(stdout) -> None:
    """The active Paris–Berlin project, its founders and three French pupils."""
    teachers = _teachers()
    if not teachers:
        return
    project, created = Project.objects.get_or_create(
        title="Nos villes, nos vies / Our towns, our lives",
        defaults={
            "summary": "Two classes from Paris and Berlin describe their towns and daily lives.",
            "description": "<p>Each class presents its town in French and in German.</p>",
            "age_min": 15,
            "age_max": 17,
            "start_date": date(2026, 9, 14),
            "status": Project.Status.ACTIVE,
            "activated_at": timezone.now(),
            "created_by": teachers["FR"][0],
        },
    )
    if created:
        project.subjects.set(["foreign-languages", "geography"])
        project.languages.set(["fr", "de"])
        project.productions.set(["blog"])
        for country in ("FR", "DE"):
            user, school = teachers[country]
            Membership.objects.create(
                project=project,
                user=user,
                role=Membership.Role.ADMIN,
                school=school,
                is_founder=True,
            )
    for n, first_name in enumerate(["Léa", "Hugo", "Inès"], start=1):
        pupil = User.objects.filter(username=f"demo-pupil-{n}").first()
        if pupil is None:
            pupil = User.objects.create_user(
                email=None,
                password=PASSWORD,
                display_name=first_name,
                kind=User.Kind.PUPIL,
                username=f"demo-pupil-{n}",
            )
        user, school = teachers["FR"]
        SchoolMembership.objects.get_or_create(school=school, user=pupil)
        Membership.objects.get_or_create(
            project=project,
            user=pupil,
            defaults={"role": Membership.Role.PUPIL, "school": school, "teacher": user},
        )
        login(stdout, pupil.username, "pupil (pupil login page)")
