"""Finding any ModeratedContent's project and page, whatever app defines it.

Apps need not declare anything: the project is reached through a `project`
foreign key, or one hop away (a forum reply's topic, a blog comment's post, a
chat message's room). A model may set `moderation_project_path` to say it
explicitly, and define get_absolute_url(); otherwise the link is found by URL
name (`<app>:<model>_detail` or `<app>:<model>` with project_id and <model>_id),
on the content or on the object one hop up.
"""

from functools import cache

from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse


def _is_project(model) -> bool:
    return model._meta.label_lower == "projects.project"


def _resolves(model, path: str) -> bool:
    current = model
    for name in path.split("__"):
        try:
            field = current._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not field.is_relation or field.related_model is None:
            return False
        current = field.related_model
    return _is_project(current)


def _foreign_keys(model):
    return [f for f in model._meta.get_fields() if f.many_to_one and f.concrete]


@cache
def project_path(model) -> str | None:
    """The ORM path from `model` to its project, or None if there is none."""
    declared = model.__dict__.get("moderation_project_path") or getattr(
        model, "moderation_project_path", "project"
    )
    if declared and _resolves(model, declared):
        return declared
    for field in _foreign_keys(model):
        if _is_project(field.related_model):
            return field.name
    for field in _foreign_keys(model):
        if field.related_model is model:
            continue
        for hop in _foreign_keys(field.related_model):
            if _is_project(hop.related_model):
                return f"{field.name}__{hop.name}"
    return None


def parent_field(model) -> str | None:
    """The first hop of the project path when the content is not directly in a project."""
    path = project_path(model)
    return path.split("__")[0] if path and "__" in path else None


def _reverse_for(obj, project_id) -> str:
    meta = obj._meta
    for name in (
        f"{meta.app_label}:{meta.model_name}_detail",
        f"{meta.app_label}:{meta.model_name}",
    ):
        try:
            return reverse(name, kwargs={"project_id": project_id, f"{meta.model_name}_id": obj.pk})
        except NoReverseMatch:
            continue
    return ""


def content_url(obj, project_id) -> str:
    """Where the content is read: its own page, or the page of what it belongs to."""
    if obj is None:
        return ""
    if hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    url = _reverse_for(obj, project_id)
    if url:
        return url
    parent = parent_field(type(obj))
    if parent:
        up = getattr(obj, parent, None)
        if up is not None:
            url = content_url(up, project_id)
            if url:
                return f"{url}#{obj._meta.model_name}-{obj.pk}"
    return ""
