"""The default prize age categories, installed by the prizes migrations (data, not code)."""

CATEGORIES = [
    ("up-to-11", 3, 11, "Pupils up to 11", "Élèves jusqu'à 11 ans"),
    ("12-15", 12, 15, "Pupils aged 12 to 15", "Élèves de 12 à 15 ans"),
    ("16-19", 16, 19, "Pupils aged 16 to 19", "Élèves de 16 à 19 ans"),
]


def load(apps, schema_editor=None) -> None:
    AgeCategory = apps.get_model("prizes", "AgeCategory")
    for code, low, high, en, fr in CATEGORIES:
        AgeCategory.objects.get_or_create(
            code=code, defaults={"min_age": low, "max_age": high, "name_en": en, "name_fr": fr}
        )
