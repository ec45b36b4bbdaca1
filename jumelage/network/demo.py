"""Demo support network: correspondents and ambassadors in Paris, Corsica and Lyon."""

from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.core.management.commands.load_demo import PASSWORD
from jumelage.reference.models import Department, Region

from .models import SupportRole

PEOPLE = [
    # email, name, role, académie code, département code, availability
    (
        "correspondant.paris@demo.jumelage.eu",
        "Sophie Durand",
        "regional",
        "paris",
        None,
        "Mardi et jeudi, 14 h – 17 h",
    ),
    (
        "ambassadeur.paris@demo.jumelage.eu",
        "Marc Lefèvre",
        "ambassador",
        "paris",
        None,
        "Le mercredi après-midi",
    ),
    (
        "correspondant.corse@demo.jumelage.eu",
        "Anna Santoni",
        "regional",
        "corse",
        None,
        "Du lundi au vendredi, 9 h – 12 h",
    ),
    (
        "correspondant.2b@demo.jumelage.eu",
        "Petru Albertini",
        "departmental",
        "corse",
        "2B",
        "Le lundi",
    ),
    (
        "correspondant.lyon@demo.jumelage.eu",
        "Claire Bonnet",
        "regional",
        "lyon",
        None,
        "Sur rendez-vous",
    ),
    (
        "ambassadeur.lyon@demo.jumelage.eu",
        "Yasmine Haddad",
        "ambassador",
        "lyon",
        None,
        "Le vendredi",
    ),
]


def load(stdout) -> None:
    for email, name, role, region_code, department_code, availability in PEOPLE:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=PASSWORD,
                display_name=name,
                kind=User.Kind.STAFF,
                language="fr",
                email_confirmed_at=timezone.now(),
            )
        region = Region.objects.get(country_id="FR", code=region_code)
        department = Department.objects.get(code=department_code) if department_code else None
        SupportRole.objects.get_or_create(
            user=user,
            role=role,
            country_id="FR",
            region=region,
            department=department,
            defaults={"public_email": email, "availability": availability},
        )
    stdout.write(
        "Support network: correspondents and ambassadors for the académies of Paris, "
        "Corse and Lyon (e.g. correspondant.paris@demo.jumelage.eu)."
    )
