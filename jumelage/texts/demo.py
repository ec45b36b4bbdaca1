"""Initial content: the circular that frames pupils' European mobility (and encourages eTwinning)."""

from datetime import date

from .models import OfficialText

BO_2011 = {
    "title": "Encadrement de la mobilité européenne et internationale au collège et au lycée",
    "reference": "Bulletin officiel n°30 du 25 août 2011",
    "kind": OfficialText.Kind.OFFICIAL,
    "published_on": date(2011, 8, 25),
    "country_id": "FR",
    "language_id": "fr",
    "body": (
        "<p>Cette circulaire encadre la mobilité européenne et internationale des élèves "
        "au collège et au lycée. Elle encourage les établissements à développer les échanges, "
        "les appariements et les partenariats avec des écoles d'autres pays, y compris les "
        "projets de collaboration à distance comme eTwinning, qui préparent ou prolongent "
        "une mobilité physique.</p>"
        "<p>Les correspondants académiques et départementaux accompagnent les équipes "
        "qui montent un projet.</p>"
    ),
    "links": "https://school-education.ec.europa.eu/en/etwinning eTwinning",
}

NEWS = {
    "title": "Jumelage ouvre ses TwinSpaces",
    "kind": OfficialText.Kind.NEWS,
    "published_on": date(2026, 9, 1),
    "country_id": None,
    "language_id": "fr",
    "body": "<p>Les enseignants peuvent désormais fonder un projet et inviter leurs classes.</p>",
}


def load(stdout) -> None:
    for fields in (BO_2011, NEWS):
        OfficialText.objects.get_or_create(
            title=fields["title"], defaults={k: v for k, v in fields.items() if k != "title"}
        )
    stdout.write("Official texts: Bulletin officiel n°30 du 25 août 2011 and one news item.")
