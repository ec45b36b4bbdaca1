"""Demo groups: a national group run by the Lyon ambassador, and a subject group (idempotent)."""

from datetime import timedelta

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.calendar import services as calendar_services
from jumelage.forum import services as forum_services

from . import services
from .access import load_access
from .models import Group

ORDER = 60  # after the network (the ambassador) and the schools (the teachers)

LYON = "Nouveaux eTwinneurs de l'académie de Lyon"


def load(stdout) -> None:
    ambassador = User.objects.filter(email="ambassadeur.lyon@demo.jumelage.eu").first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    jonas = User.objects.filter(email="jonas.weber@demo.jumelage.eu").first()
    if not (ambassador and claire and jonas) or Group.objects.filter(name=LYON).exists():
        return
    lyon = services.create_group(
        ambassador,
        name=LYON,
        description="Premiers pas sur la plateforme : questions, ateliers et entraide "
        "entre collègues de l'académie.",
        admission=Group.Admission.VERIFIED,
        country=ambassador.support_roles.first().country,
    )
    forum_services.start_topic(
        load_access(ambassador, lyon.pk),
        ambassador,
        "Atelier de rentrée : trouver un partenaire",
        "<p>Rendez-vous mercredi à 14 h pour un atelier en ligne. Posez vos questions ici.</p>",
    )
    start = (timezone.now() + timedelta(days=14)).replace(hour=12, minute=0, second=0)
    calendar_services.create_event(
        ambassador,
        lyon,
        {
            "title": "Atelier en ligne : trouver un partenaire",
            "starts_at": start,
            "ends_at": start + timedelta(hours=1),
            "timezone": "Europe/Paris",
        },
    )
    languages = services.create_group(
        claire,
        name="Foreign languages teachers / Lehrkräfte für Fremdsprachen",
        description="Ideas, materials and partners for language classes.",
        admission=Group.Admission.OPEN,
        subjects=["foreign-languages"],
    )
    services.join(load_access(jonas, languages.pk))
    stdout.write(f"Groups: “{LYON}” (national, Lyon) and a foreign-languages group.")
