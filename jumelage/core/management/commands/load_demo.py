"""A small demo data set for `make run`: safe to run twice."""

from datetime import date
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from jumelage.accounts.models import TeacherProfile, User
from jumelage.network.models import SupportRole
from jumelage.projects.models import Membership, Project
from jumelage.reference.models import Country, Department
from jumelage.schools.models import School, SchoolMembership

PASSWORD = "jumelage-demo"

SCHOOLS = [
    # country, name, identifier, town, phone, level, teacher email, teacher name
    (
        "FR",
        "Lycée Louis-le-Grand",
        "0750654D",
        "Paris",
        "+33 1 44 32 82 00",
        "upper_secondary",
        "claire.martin@demo.jumelage.eu",
        "Claire Martin",
    ),
    (
        "DE",
        "Goethe-Gymnasium",
        "DE-BE-1042",
        "Berlin",
        "+49 30 1234567",
        "upper_secondary",
        "jonas.weber@demo.jumelage.eu",
        "Jonas Weber",
    ),
    (
        "FI",
        "Helsingin normaalilyseo",
        "FI-00100-7",
        "Helsinki",
        "+358 9 1234567",
        "lower_secondary",
        "aino.virtanen@demo.jumelage.eu",
        "Aino Virtanen",
    ),
    (
        "PT",
        "Escola Secundária de Camões",
        "PT-1150-3",
        "Lisboa",
        "+351 21 3190380",
        "upper_secondary",
        "joao.silva@demo.jumelage.eu",
        "João Silva",
    ),
]


class Command(BaseCommand):
    help = "Load the demo teachers, schools, support staff and one active project."

    @transaction.atomic
    def handle(self, *args, **options):
        logins = []
        teachers = {}
        for country, name, ident, town, phone, level, email, display in SCHOOLS:
            school, _ = School.objects.get_or_create(
                country_id=country,
                national_id=ident,
                defaults={
                    "name": name,
                    "level": level,
                    "address": "1 rue de l'École",
                    "town": town,
                    "phone": phone,
                    "email": f"contact@{town.lower()}.demo.jumelage.eu",
                    "head_name": "Head teacher",
                    "head_email": f"head@{town.lower()}.demo.jumelage.eu",
                    "status": School.Status.VERIFIED,
                    "verified_at": timezone.now(),
                    "head_confirmed_at": timezone.now(),
                    "timezone": Country.objects.get(code=country).timezone,
                    "department": Department.objects.filter(uai_prefix=ident[:3]).first()
                    if country == "FR"
                    else None,
                },
            )
            if school.department_id and not school.region_id:
                school.region = school.department.region
                school.save(update_fields=["region"])
            user = self._user(email, display, User.Kind.TEACHER, "fr" if country == "FR" else "en")
            TeacherProfile.objects.get_or_create(
                user=user,
                defaults={
                    "status": TeacherProfile.Status.VERIFIED,
                    "verified_at": timezone.now(),
                    "presentation": f"{display}, {name}.",
                },
            )
            SchoolMembership.objects.get_or_create(school=school, user=user)
            teachers[country] = (user, school)
            logins.append((email, PASSWORD, f"teacher, {country}"))

        staff = self._user(
            "bureau.france@demo.jumelage.eu", "Bureau eTwinning France", User.Kind.STAFF, "fr"
        )
        SupportRole.objects.get_or_create(
            user=staff,
            role=SupportRole.Role.NATIONAL_OFFICE,
            country_id="FR",
            defaults={"can_verify": True},
        )
        logins.append((staff.email, PASSWORD, "national support office, FR"))
        admin = self._user("admin@demo.jumelage.eu", "Platform admin", User.Kind.STAFF, "en")
        if not admin.is_superuser:
            admin.is_staff = admin.is_superuser = True
            admin.save(update_fields=["is_staff", "is_superuser"])
        logins.append((admin.email, PASSWORD, "platform admin (/admin/)"))

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
            logins.append((pupil.username, PASSWORD, "pupil (pupil login page)"))

        # Each app may add its own demo content in <app>/demo.py: load(stdout).
        for config in apps.get_app_configs():
            if config.name.startswith("jumelage.") and module_has_submodule(config.module, "demo"):
                import_module(f"{config.name}.demo").load(self.stdout)

        self.stdout.write(f"Demo logins (password for all: {PASSWORD}):")
        for login, _password, role in logins:
            self.stdout.write(f"  {login:40} {role}")

    def _user(self, email, name, kind, language):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=PASSWORD,
                display_name=name,
                kind=kind,
                language=language,
                email_confirmed_at=timezone.now(),
            )
        return user
