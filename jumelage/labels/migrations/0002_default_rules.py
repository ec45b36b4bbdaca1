from django.db import migrations


def load(apps, schema_editor):
    from jumelage.labels.data import load as load_rules

    load_rules(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("labels", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
