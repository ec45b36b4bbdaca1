"""Demo partner finding: the demo teachers' subjects and ages, and one open partner request."""

from datetime import date

from jumelage.accounts.models import User
from jumelage.reference.models import AgeBand, Country, Language, Subject
from jumelage.search.services import reindex_all

from . import services
from .models import PartnerRequest

PROFILES = {
    "claire.martin@demo.jumelage.eu": (["history", "drama"], ["fr", "en"], [14, 15, 16]),
    "jonas.weber@demo.jumelage.eu": (
        ["history", "foreign-languages"],
        ["de", "en", "fr"],
        [15, 16],
    ),
    "aino.virtanen@demo.jumelage.eu": (["drama", "music"], ["fi", "en"], [14, 15]),
    "joao.silva@demo.jumelage.eu": (["science", "environment"], ["pt", "en", "fr"], [10, 11]),
}
TITLE = "Théâtre et mémoire : nos villes en 1945"


def load(stdout) -> None:
    for email, (subjects, languages, ages) in PROFILES.items():
        user = User.objects.filter(email=email).select_related("teacher_profile").first()
        if user is None or not hasattr(user, "teacher_profile"):
            continue
        profile = user.teacher_profile
        if not profile.subjects.exists():
            profile.subjects.set(Subject.objects.filter(code__in=subjects))
            profile.languages.set(Language.objects.filter(code__in=languages))
            profile.age_bands.set(AgeBand.objects.filter(min_age__in=ages))
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    if claire and not PartnerRequest.objects.filter(author=claire, title=TITLE).exists():
        services.create_request(
            claire,
            {
                "title": TITLE,
                "description": (
                    "Mes élèves de seconde aimeraient écrire et jouer une courte pièce sur la vie "
                    "de leur ville en 1945, avec une classe partenaire qui ferait de même."
                ),
                "subjects": list(Subject.objects.filter(code__in=["history", "drama"])),
                "age_bands": list(AgeBand.objects.filter(min_age__in=[15, 16])),
                "languages": list(Language.objects.filter(code__in=["fr", "en"])),
                "wished_countries": list(Country.objects.filter(code__in=["DE", "FI"])),
                "duration": "year",
                "start_month": date(date.today().year + 1, 1, 1),
            },
        )
    total = reindex_all()
    stdout.write(f"partners: {total} findable teachers in the search index")
