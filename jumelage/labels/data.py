"""The default label rules, installed (and refreshed) by the labels migrations.

Data, not code: staff change points, minimums, caps and windows in the admin.
"""

# code, points, minimum (None: none), English, French, help (en), help (fr)
CRITERIA = [
    (
        "innovation",
        20,
        None,
        "Pedagogical innovation",
        "Innovation pédagogique",
        "Pupils learn by doing, with methods new to the schools.",
        "Les élèves apprennent en faisant, avec des méthodes nouvelles pour les écoles.",
    ),
    (
        "curriculum",
        15,
        None,
        "Curricular integration",
        "Intégration au programme",
        "The project serves the subjects taught.",
        "Le projet sert les disciplines enseignées.",
    ),
    (
        "collaboration",
        25,
        12,
        "Collaboration between partner schools",
        "Collaboration entre écoles partenaires",
        "Pupils work together, not only side by side.",
        "Les élèves travaillent ensemble, pas seulement côte à côte.",
    ),
    (
        "technology",
        15,
        None,
        "Creative use of technology",
        "Usage créatif des outils numériques",
        "Tools serve the pupils' work and collaboration.",
        "Les outils servent le travail et la collaboration des élèves.",
    ),
    (
        "safety",
        10,
        5,
        "Safe and legal use",
        "Usage sûr et légal",
        "GDPR, copyright and e-safety are respected and taught.",
        "RGPD, droit d'auteur et sécurité en ligne sont respectés et enseignés.",
    ),
    (
        "results",
        15,
        None,
        "Results, impact and documentation",
        "Résultats, impact et documentation",
        "The results are shown, shared and documented.",
        "Les résultats sont montrés, partagés et documentés.",
    ),
]

# kind, opens (month, day), closes (month, day)
WINDOWS = [("national", (10, 1), (11, 30))]


def load(apps, schema_editor=None) -> None:
    """Install the default criteria, rules and windows; safe to run twice, and never
    overwrites what staff changed (only missing rows are added)."""
    Criterion = apps.get_model("labels", "Criterion")
    for position, (code, points, minimum, en, fr, help_en, help_fr) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(
            code=code,
            defaults={
                "position": position,
                "max_points": points,
                "min_points": minimum,
                "name_en": en,
                "name_fr": fr,
                "help_en": help_en,
                "help_fr": help_fr,
            },
        )
    LabelRules = apps.get_model("labels", "LabelRules")
    if not LabelRules.objects.exists():
        LabelRules.objects.create()
    Window = apps.get_model("labels", "Window")
    for kind, (om, od), (cm, cd) in WINDOWS:
        if not Window.objects.filter(kind=kind).exists():
            Window.objects.create(
                kind=kind, opens_month=om, opens_day=od, closes_month=cm, closes_day=cd
            )
