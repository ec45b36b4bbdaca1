"""Demo support network: the French national office, the platform admin, and
correspondents and ambassadors in Paris, Corsica and Lyon."""

from jumelage.accounts.models import User
from jumelage.core.demo import login, person
from jumelage.reference.models import Department, Region

from .models import SupportRole

ORDER = 20  # after the schools; before accounts' demo, which gives staff their backup codes

PEOPLE = [
    # email, name, role, académie code, département code, availability
    (
        "correspondant.paris@demo.jumelage.eu",
        "Sophie Durand",
        SupportRole.Role.REGIONAL_CORRESPONDENT,
        "paris",
        None,
        "Mardi et jeudi, 14 h – 17 h",
    ),
    (
        "ambassadeur.paris@demo.jumelage.eu",
        "Marc Lefèvre",
        SupportRole.Role.AMBASSADOR,
        "paris",
        None,
        "Le mercredi après-midi",
    ),
    (
        "correspondant.corse@demo.jumelage.eu",
        "Anna Santoni",
        SupportRole.Role.REGIONAL_CORRESPONDENT,
        "corse",
        None,
        "Du lundi au vendredi, 9 h – 12 h",
    ),
    (
        "correspondant.2b@demo.jumelage.eu",
        "Petru Albertini",
        SupportRole.Role.DEPARTMENTAL_CORRESPONDENT,
        "corse",
        "2B",
        "Le lundi",
    ),
    (
        "correspondant.lyon@demo.jumelage.eu",
        "Claire Bonnet",
        SupportRole.Role.REGIONAL_CORRESPONDENT,
        "lyon",
        None,
        "Sur rendez-vous",
    ),
    (
        "ambassadeur.lyon@demo.jumelage.eu",
        "Yasmine Haddad",
        SupportRole.Role.AMBASSADOR,
        "lyon",
        None,
        "Le vendredi",
    ),
]


def load(stdout) -> None:
    office = person(
        "bureau.france@demo.jumelage.eu", "Bureau eTwinning France", User.Kind.STAFF, "fr"
    )
    SupportRole.objects.get_or_create(
        user=office,
        role=SupportRole.Role.NATIONAL_OFFICE,
        country_id="FR",
        defaults={"can_verify": True},
    )
    login(stdout, office.email, "national support office, FR")
    admin = person("admin@demo.jumelage.eu", "Platform admin", User.Kind.STAFF, "en")
    if not admin.is_superuser:
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
    login(stdout, admin.email, "platform admin (/admin/)")

    for email, name, role, region_code, department_code, availability in PEOPLE:
        user = person(email, name, User.Kind.STAFF, "fr")
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
