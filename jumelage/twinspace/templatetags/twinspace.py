"""The TwinSpace navigation and helpers other apps' templates use.

{% load twinspace %}
{% space_nav project %}                       the space's sections, as each app registered them
{% space_url "forum:topic_list" project %}    a URL, or "" when that name does not exist (yet)
{{ content|content_key }}                     "app_label.model" for the moderation/report forms
{{ user|name_for:request.access }}            a name as the reader may see it (docs/roles.md)
"""

from django import template
from django.urls import NoReverseMatch, reverse

from jumelage.core.reversing import ROW, fixed_url

from ..registry import SECTIONS

register = template.Library()


def _reverse_or_empty(url_name: str, project) -> str:
    try:
        return reverse(url_name, kwargs={"project_id": project.pk})
    except NoReverseMatch:
        return ""


@register.simple_tag
def space_url(url_name, project) -> str:
    """The URL of `url_name` in `project`'s space, or "" when no app serves that name yet."""
    return _reverse_or_empty(url_name, project)


@register.inclusion_tag("twinspace/_nav.html", takes_context=True)
def space_nav(context, project, current=""):
    request = context.get("request")
    path = request.path if request is not None else ""
    access = getattr(request, "access", None)
    visitor = bool(access and access.is_visitor)
    links = []
    for section in SECTIONS:
        if visitor and not section.visitors:
            continue
        url = fixed_url(section.url_name, project_id=ROW).format(project.pk)
        links.append({"label": section.label, "url": url})
    # The current section: the longest matching prefix, so Home does not match all.
    best = max((link["url"] for link in links if path.startswith(link["url"])), key=len, default="")
    for link in links:
        link["current"] = link["url"] == best
    return {"links": links, "project": project}


@register.filter
def name_for(user, access) -> str:
    """A person's name as this reader may see it (visitors: a pupil's first name only)."""
    if access is None:
        return str(user or "")
    return access.name_of(user)


@register.filter
def content_key(obj) -> str:
    return obj._meta.label_lower if obj is not None else ""


@register.filter
def content_type_name(obj) -> str:
    """The kind of content in the reader's language ("forum reply"), see reporting.kind_label."""
    from ..reporting import kind_label

    return kind_label(type(obj)) if obj is not None else ""


@register.filter
def audit_action(action: str) -> str:
    """A readable name for the decisions recorded by the moderation and settings services."""
    from django.utils.translation import gettext as _

    names = {
        "moderation.hidden": _("Hidden"),
        "moderation.published": _("Approved or restored"),
        "moderation.pending": _("Put back in waiting"),
        "moderation.report": _("Reported"),
        "moderation.report_resolved": _("Report closed"),
        "twinspace.settings": _("Settings changed"),
    }
    return names.get(action, action)
