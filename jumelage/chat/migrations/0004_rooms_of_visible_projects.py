"""Rooms are now created when a project is activated (chat.services.on_project_activated),
no longer on the first visit of the chat: give every project already visible its two rooms."""

from django.db import migrations

VISIBLE = ("active", "closed", "archived")  # projects.access.VISIBLE_TO_MEMBERS, frozen here


def create_rooms(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    Room = apps.get_model("chat", "Room")
    for project_id in Project.objects.filter(status__in=VISIBLE).values_list("pk", flat=True):
        for kind in ("general", "teachers"):
            Room.objects.get_or_create(project_id=project_id, kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("chat", "0003_dates_in_range"),
        ("projects", "0004_dates_in_range"),
    ]

    operations = [migrations.RunPython(create_rooms, migrations.RunPython.noop)]
