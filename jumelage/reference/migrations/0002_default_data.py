from django.db import migrations


def load(apps, schema_editor):
    from jumelage.reference.data import load as load_reference

    load_reference(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
