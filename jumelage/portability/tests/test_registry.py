"""Every project model travels in the archive or is left out for a stated reason."""

from django.apps import apps

from jumelage.portability import registry
from jumelage.projects.models import Project


def project_models() -> set[str]:
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            to_one = (field.many_to_one or field.one_to_one) and field.concrete
            if to_one and field.related_model is Project:
                found.add(model._meta.label)
    return found


def test_every_project_model_is_covered():
    """A new app's model with a FK to projects.Project must join a part or be excused.

    Add it to `models=` of its app's part (`<app>/portability.py`), or call
    `registry.exclude_model(label, reason)` there, saying why it stays out.
    """
    parts = registry.parts()
    covered = {label for part in parts for label in part.models} | set(registry.EXCLUDED)
    missing = sorted(project_models() - covered)
    assert not missing, f"project models in no archive part and not excluded: {missing}"


def test_every_exclusion_gives_a_reason_and_names_a_real_model():
    registry.discover()
    labels = {model._meta.label for model in apps.get_models()}
    for label, reason in registry.EXCLUDED.items():
        assert label in labels, label
        assert len(reason) > 20, label


def test_parts_run_project_and_members_first():
    keys = [part.key for part in registry.parts()]
    assert keys[:2] == ["project", "members"]
    assert {"wiki", "forum", "blog", "calendar", "chat", "materials"} <= set(keys)
