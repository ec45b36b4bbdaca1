"""The default reference data, loaded by the reference migrations.

Kept as plain data so that the migration and the tests read the same lists.
Country and language names come from Babel (CLDR) in English and French.
"""

import pycountry
from babel import Locale

# The seed's 33 countries that may found a project.
EU_MEMBERS = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]
EFTA = ["IS", "NO", "CH"]
CANDIDATES = ["MK", "HR", "TR"]

COUNTRY_LANGUAGE = {
    "AT": "de",
    "BE": "fr",
    "BG": "bg",
    "CY": "el",
    "CZ": "cs",
    "DE": "de",
    "DK": "da",
    "EE": "et",
    "ES": "es",
    "FI": "fi",
    "FR": "fr",
    "GB": "en",
    "GR": "el",
    "HU": "hu",
    "IE": "en",
    "IT": "it",
    "LT": "lt",
    "LU": "fr",
    "LV": "lv",
    "MT": "mt",
    "NL": "nl",
    "PL": "pl",
    "PT": "pt",
    "RO": "ro",
    "SE": "sv",
    "SI": "sl",
    "SK": "sk",
    "IS": "is",
    "NO": "no",
    "CH": "de",
    "MK": "mk",
    "HR": "hr",
    "TR": "tr",
}
COUNTRY_TIMEZONE = {
    "AT": "Europe/Vienna",
    "BE": "Europe/Brussels",
    "BG": "Europe/Sofia",
    "CY": "Asia/Nicosia",
    "CZ": "Europe/Prague",
    "DE": "Europe/Berlin",
    "DK": "Europe/Copenhagen",
    "EE": "Europe/Tallinn",
    "ES": "Europe/Madrid",
    "FI": "Europe/Helsinki",
    "FR": "Europe/Paris",
    "GB": "Europe/London",
    "GR": "Europe/Athens",
    "HU": "Europe/Budapest",
    "IE": "Europe/Dublin",
    "IT": "Europe/Rome",
    "LT": "Europe/Vilnius",
    "LU": "Europe/Luxembourg",
    "LV": "Europe/Riga",
    "MT": "Europe/Malta",
    "NL": "Europe/Amsterdam",
    "PL": "Europe/Warsaw",
    "PT": "Europe/Lisbon",
    "RO": "Europe/Bucharest",
    "SE": "Europe/Stockholm",
    "SI": "Europe/Ljubljana",
    "SK": "Europe/Bratislava",
    "IS": "Atlantic/Reykjavik",
    "NO": "Europe/Oslo",
    "CH": "Europe/Zurich",
    "MK": "Europe/Skopje",
    "HR": "Europe/Zagreb",
    "TR": "Europe/Istanbul",
}
NATIONAL_ID = {"FR": ("UAI / RNE", r"^\d{3}\d{4}[A-HJ-NPR-Z]$")}

# The 24 official EU languages, then the other languages of the 33 countries.
EU_LANGUAGES = [
    "bg",
    "hr",
    "cs",
    "da",
    "nl",
    "en",
    "et",
    "fi",
    "fr",
    "de",
    "el",
    "hu",
    "ga",
    "it",
    "lv",
    "lt",
    "mt",
    "pl",
    "pt",
    "ro",
    "sk",
    "sl",
    "es",
    "sv",
]
OTHER_LANGUAGES = [
    "is",
    "no",
    "mk",
    "tr",
    "sq",
    "rm",
    "lb",
    "ca",
    "eu",
    "gl",
    "cy",
    "gd",
    "br",
    "oc",
    "co",
    "se",
    "fy",
    "ku",
]

SUBJECTS = [
    # code, English, French, cross-curricular
    ("art", "Art", "Arts plastiques", False),
    ("biology", "Biology", "Biologie", False),
    ("chemistry", "Chemistry", "Chimie", False),
    ("citizenship", "Citizenship", "Éducation civique", False),
    (
        "classical-languages",
        "Classical languages (Latin, Greek)",
        "Langues anciennes (latin, grec)",
        False,
    ),
    ("computing", "Computing / ICT", "Informatique / TIC", False),
    ("design-technology", "Design and technology", "Technologie", False),
    ("drama", "Drama", "Théâtre", False),
    ("economics", "Economics", "Économie", False),
    ("foreign-languages", "Foreign languages", "Langues vivantes étrangères", False),
    ("geography", "Geography", "Géographie", False),
    ("history", "History", "Histoire", False),
    ("home-economics", "Home economics", "Économie familiale", False),
    ("language-literature", "Language and literature", "Langue et littérature", False),
    ("mathematics", "Mathematics", "Mathématiques", False),
    ("media-education", "Media education", "Éducation aux médias", False),
    ("music", "Music", "Éducation musicale", False),
    ("philosophy", "Philosophy", "Philosophie", False),
    ("physical-education", "Physical education", "Éducation physique et sportive", False),
    ("physics", "Physics", "Physique", False),
    ("pre-school", "Pre-school education", "Éducation préélémentaire", False),
    ("primary-school", "Primary school subjects", "Enseignement primaire (polyvalent)", False),
    ("psychology", "Psychology", "Psychologie", False),
    ("religion-ethics", "Religion and ethics", "Religion et éthique", False),
    ("science", "Natural sciences", "Sciences de la vie et de la Terre", False),
    ("social-studies", "Social studies", "Sciences sociales", False),
    ("special-needs", "Special needs education", "Enseignement spécialisé", False),
    ("vocational", "Vocational subjects", "Enseignement professionnel", False),
    ("cultural-heritage", "Cultural heritage", "Patrimoine culturel", True),
    ("entrepreneurship", "Entrepreneurship", "Esprit d'entreprise", True),
    ("environment", "Environmental education", "Éducation à l'environnement", True),
    ("european-studies", "European studies", "Études européennes", True),
    ("health", "Health education", "Éducation à la santé", True),
    ("inclusion", "Inclusion and diversity", "Inclusion et diversité", True),
    ("stem", "STEM", "Sciences, technologies, ingénierie, mathématiques", True),
    ("digital-citizenship", "Digital citizenship", "Citoyenneté numérique", True),
]

PRODUCTION_TYPES = [
    ("blog", "Blog", "Blog"),
    ("online-journal", "Online journal", "Journal en ligne"),
    ("website", "Website", "Site web"),
    ("multimedia", "CD-ROM / multimedia", "Cédérom / multimédia"),
    ("film", "Film", "Film"),
    ("exhibition", "Exhibition", "Exposition"),
    ("other", "Other", "Autre"),
]

# France: académies and their départements (code, name, UAI prefix).
ACADEMIES = {
    ("aix-marseille", "Aix-Marseille"): [
        ("04", "Alpes-de-Haute-Provence"),
        ("05", "Hautes-Alpes"),
        ("13", "Bouches-du-Rhône"),
        ("84", "Vaucluse"),
    ],
    ("amiens", "Amiens"): [("02", "Aisne"), ("60", "Oise"), ("80", "Somme")],
    ("besancon", "Besançon"): [
        ("25", "Doubs"),
        ("39", "Jura"),
        ("70", "Haute-Saône"),
        ("90", "Territoire de Belfort"),
    ],
    ("bordeaux", "Bordeaux"): [
        ("24", "Dordogne"),
        ("33", "Gironde"),
        ("40", "Landes"),
        ("47", "Lot-et-Garonne"),
        ("64", "Pyrénées-Atlantiques"),
    ],
    ("clermont-ferrand", "Clermont-Ferrand"): [
        ("03", "Allier"),
        ("15", "Cantal"),
        ("43", "Haute-Loire"),
        ("63", "Puy-de-Dôme"),
    ],
    ("corse", "Corse"): [("2A", "Corse-du-Sud"), ("2B", "Haute-Corse")],
    ("creteil", "Créteil"): [
        ("77", "Seine-et-Marne"),
        ("93", "Seine-Saint-Denis"),
        ("94", "Val-de-Marne"),
    ],
    ("dijon", "Dijon"): [
        ("21", "Côte-d'Or"),
        ("58", "Nièvre"),
        ("71", "Saône-et-Loire"),
        ("89", "Yonne"),
    ],
    ("grenoble", "Grenoble"): [
        ("07", "Ardèche"),
        ("26", "Drôme"),
        ("38", "Isère"),
        ("73", "Savoie"),
        ("74", "Haute-Savoie"),
    ],
    ("guadeloupe", "Guadeloupe"): [("971", "Guadeloupe")],
    ("guyane", "Guyane"): [("973", "Guyane")],
    ("la-reunion", "La Réunion"): [("974", "La Réunion")],
    ("lille", "Lille"): [("59", "Nord"), ("62", "Pas-de-Calais")],
    ("limoges", "Limoges"): [("19", "Corrèze"), ("23", "Creuse"), ("87", "Haute-Vienne")],
    ("lyon", "Lyon"): [("01", "Ain"), ("42", "Loire"), ("69", "Rhône")],
    ("martinique", "Martinique"): [("972", "Martinique")],
    ("mayotte", "Mayotte"): [("976", "Mayotte")],
    ("montpellier", "Montpellier"): [
        ("11", "Aude"),
        ("30", "Gard"),
        ("34", "Hérault"),
        ("48", "Lozère"),
        ("66", "Pyrénées-Orientales"),
    ],
    ("nancy-metz", "Nancy-Metz"): [
        ("54", "Meurthe-et-Moselle"),
        ("55", "Meuse"),
        ("57", "Moselle"),
        ("88", "Vosges"),
    ],
    ("nantes", "Nantes"): [
        ("44", "Loire-Atlantique"),
        ("49", "Maine-et-Loire"),
        ("53", "Mayenne"),
        ("72", "Sarthe"),
        ("85", "Vendée"),
    ],
    ("nice", "Nice"): [("06", "Alpes-Maritimes"), ("83", "Var")],
    ("normandie", "Normandie"): [
        ("14", "Calvados"),
        ("27", "Eure"),
        ("50", "Manche"),
        ("61", "Orne"),
        ("76", "Seine-Maritime"),
    ],
    ("orleans-tours", "Orléans-Tours"): [
        ("18", "Cher"),
        ("28", "Eure-et-Loir"),
        ("36", "Indre"),
        ("37", "Indre-et-Loire"),
        ("41", "Loir-et-Cher"),
        ("45", "Loiret"),
    ],
    ("paris", "Paris"): [("75", "Paris")],
    ("poitiers", "Poitiers"): [
        ("16", "Charente"),
        ("17", "Charente-Maritime"),
        ("79", "Deux-Sèvres"),
        ("86", "Vienne"),
    ],
    ("reims", "Reims"): [
        ("08", "Ardennes"),
        ("10", "Aube"),
        ("51", "Marne"),
        ("52", "Haute-Marne"),
    ],
    ("rennes", "Rennes"): [
        ("22", "Côtes-d'Armor"),
        ("29", "Finistère"),
        ("35", "Ille-et-Vilaine"),
        ("56", "Morbihan"),
    ],
    ("strasbourg", "Strasbourg"): [("67", "Bas-Rhin"), ("68", "Haut-Rhin")],
    ("toulouse", "Toulouse"): [
        ("09", "Ariège"),
        ("12", "Aveyron"),
        ("31", "Haute-Garonne"),
        ("32", "Gers"),
        ("46", "Lot"),
        ("65", "Hautes-Pyrénées"),
        ("81", "Tarn"),
        ("82", "Tarn-et-Garonne"),
    ],
    ("versailles", "Versailles"): [
        ("78", "Yvelines"),
        ("91", "Essonne"),
        ("92", "Hauts-de-Seine"),
        ("95", "Val-d'Oise"),
    ],
}


def uai_prefix(department_code: str) -> str:
    """Corsica's départements use 620 and 720; overseas ones their 3 digits; others 0 + code."""
    return {"2A": "620", "2B": "720"}.get(department_code) or department_code.rjust(3, "0")


def academie_fr(name: str) -> str:
    return f"Académie d'{name}" if name[0] in "AEIOUÉ" else f"Académie de {name}"


def country_category(code: str) -> str:
    if code in EU_MEMBERS:
        return "eu"
    if code in EFTA:
        return "efta"
    if code in CANDIDATES:
        return "candidate"
    return "partner"


def load(apps, schema_editor=None) -> None:
    """Install (or refresh) the default reference data; safe to run twice."""
    en, fr = Locale("en"), Locale("fr")
    Country = apps.get_model("reference", "Country")
    for c in pycountry.countries:
        code = c.alpha_2
        category = country_category(code)
        label, pattern = NATIONAL_ID.get(code, ("", ""))
        Country.objects.update_or_create(
            code=code,
            defaults={
                "name_en": en.territories.get(code, c.name),
                "name_fr": fr.territories.get(code, c.name),
                "category": category,
                "can_found": category != "partner",
                "default_language": COUNTRY_LANGUAGE.get(code, ""),
                "timezone": COUNTRY_TIMEZONE.get(code, ""),
                "national_id_label": label,
                "national_id_pattern": pattern,
            },
        )
    Language = apps.get_model("reference", "Language")
    for code in EU_LANGUAGES + OTHER_LANGUAGES:
        Language.objects.update_or_create(
            code=code,
            defaults={
                "name_en": en.languages[code].capitalize(),
                "name_fr": fr.languages[code].capitalize(),
                "eu_official": code in EU_LANGUAGES,
            },
        )
    Subject = apps.get_model("reference", "Subject")
    for code, name_en, name_fr, cross in SUBJECTS:
        Subject.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr, "cross_curricular": cross}
        )
    AgeBand = apps.get_model("reference", "AgeBand")
    for age in range(3, 19):
        AgeBand.objects.update_or_create(
            min_age=age,
            defaults={"max_age": age, "name_en": f"{age} years", "name_fr": f"{age} ans"},
        )
    AgeBand.objects.update_or_create(
        min_age=19,
        defaults={"max_age": None, "name_en": "19 and over", "name_fr": "19 ans et plus"},
    )
    ProductionType = apps.get_model("reference", "ProductionType")
    for position, (code, name_en, name_fr) in enumerate(PRODUCTION_TYPES):
        ProductionType.objects.update_or_create(
            code=code, defaults={"name_en": name_en, "name_fr": name_fr, "position": position}
        )
    Region = apps.get_model("reference", "Region")
    Department = apps.get_model("reference", "Department")
    for (code, name), departments in ACADEMIES.items():
        region, _ = Region.objects.update_or_create(
            country_id="FR",
            code=code,
            defaults={"name_en": f"Académie of {name}", "name_fr": academie_fr(name)},
        )
        for dep_code, dep_name in departments:
            Department.objects.update_or_create(
                code=dep_code,
                defaults={
                    "region": region,
                    "name_en": dep_name,
                    "name_fr": dep_name,
                    "uai_prefix": uai_prefix(dep_code),
                },
            )
