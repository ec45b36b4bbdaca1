from django.db import migrations


def load(apps, schema_editor):
    from jumelage.prizes.data import load as load_categories

    load_categories(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("prizes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
