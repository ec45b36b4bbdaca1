import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0007_revision_project"),
    ]

    operations = [
        migrations.AlterField(
            model_name="revision",
            name="project",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="projects.project",
            ),
        ),
        migrations.AddIndex(
            model_name="revision",
            index=models.Index(
                fields=["project", "-created_at", "-id"], name="wiki_revisi_project_751a32_idx"
            ),
        ),
    ]
