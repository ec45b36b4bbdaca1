"""Each revision knows its page's project (filled in from the pages here).

Two migrations, not one: on PostgreSQL the deferred foreign-key checks of this update
would refuse the NOT NULL change in the same transaction.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_projects(apps, schema_editor):
    Page = apps.get_model("wiki", "Page")
    Revision = apps.get_model("wiki", "Revision")
    Revision.objects.update(
        project_id=Subquery(Page.objects.filter(pk=OuterRef("page_id")).values("project_id")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0009_directory_by_country"),
        ("wiki", "0006_database_defaults"),
    ]

    operations = [
        migrations.AddField(
            model_name="revision",
            name="project",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="projects.project",
            ),
        ),
        migrations.RunPython(copy_projects, migrations.RunPython.noop),
    ]
