"""Demo schools and their teachers (FR, DE, FI, PT), verified: the first seed of the demo."""

from django.utils import timezone

from jumelage.accounts.models import TeacherProfile, User
from jumelage.core.demo import login, person
from jumelage.reference.models import Country, Department

from .models import School, SchoolHoliday, SchoolMembership

ORDER = 10  # before the network, the projects and everything that needs a teacher

SCHOOLS = [
    # country, name, identifier, town, phone, level, teacher email, teacher name
    (
        "FR",
        "Lycée Louis-le-Grand",
        "0750654D",
        "Paris",
        "+33 1 44 32 82 00",
        School.Level.UPPER_SECONDARY,
        "claire.martin@demo.jumelage.eu",
        "Claire Martin",
    ),
    (
        "DE",
        "Goethe-Gymnasium",
        "DE-BE-1042",
        "Berlin",
        "+49 30 1234567",
        School.Level.UPPER_SECONDARY,
        "jonas.weber@demo.jumelage.eu",
        "Jonas Weber",
    ),
    (
        "FI",
        "Helsingin normaalilyseo",
        "FI-00100-7",
        "Helsinki",
        "+358 9 1234567",
        School.Level.LOWER_SECONDARY,
        "aino.virtanen@demo.jumelage.eu",
        "Aino Virtanen",
    ),
    (
        "PT",
        "Escola Secundária de Camões",
        "PT-1150-3",
        "Lisboa",
        "+351 21 3190380",
        School.Level.UPPER_SECONDARY,
        "joao.silva@demo.jumelage.eu",
        "João Silva",
    ),
]


def load(stdout) -> None:
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
        user = person(email, display, User.Kind.TEACHER, "fr" if country == "FR" else "en")
        TeacherProfile.objects.get_or_create(
            user=user,
            defaults={
                "status": TeacherProfile.Status.VERIFIED,
                "verified_at": timezone.now(),
                "presentation": f"{display}, {name}.",
            },
        )
        SchoolMembership.objects.get_or_create(school=school, user=user)
        login(stdout, email, f"teacher, {country}")
    load_winter_holidays()


# Each demo country's winter holidays: (country, name, first day, last day in January).
WINTER_HOLIDAYS = [
    ("FR", "Vacances de Noël", 19, 3),
    ("DE", "Weihnachtsferien", 21, 2),
    ("FI", "Joululoma", 20, 6),
    ("PT", "Férias do Natal", 18, 3),
]


def load_winter_holidays():
    """This school year's winter holidays, so the meeting-time finder skips them."""
    today = timezone.localdate()
    year = today.year if today.month >= 9 else today.year - 1
    for country, name, first, last in WINTER_HOLIDAYS:
        SchoolHoliday.objects.get_or_create(
            country_id=country,
            name=name,
            defaults={
                "first_day": today.replace(year=year, month=12, day=first),
                "last_day": today.replace(year=year + 1, month=1, day=last),
            },
        )
