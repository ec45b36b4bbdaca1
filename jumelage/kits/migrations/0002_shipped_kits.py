from django.db import migrations


def load(apps, schema_editor):
    from jumelage.kits.data import load as load_kits

    load_kits(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("kits", "0001_initial"), ("reference", "0002_default_data")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
