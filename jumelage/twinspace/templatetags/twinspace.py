"""The TwinSpace navigation and helpers other apps' templates use.

{% load twinspace %}
{% space_nav project %}                       the space's sections, as each app registered them
{% space_url "forum:topic_list" project %}    a URL, or "" when that name does not exist (yet)
{{ content|content_key }}                     "app_label.model" for the moderation/report forms
{{ user|name_for:request.access }}            a name as the reader may see it (docs/roles.md)
{% space_activity activity %}                 the home's latest activity, as list items
{% space_members members %}                   the home's members by country and school
{% space_links panel.projects %}              the dashboard's TwinSpaces, as list items
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import conditional_escape, format_html
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


# The home is every visit's first page: its two lists are written here, not by a loop of
# template nodes (a third of the page's rendering for ten items and thirty members).


@register.simple_tag
def space_activity(activity):
    """The items of `twinspace.services.latest_activity`, each a link, who and when."""
    if not activity:
        return format_html("<li>{}</li>", gettext("Nothing has happened here yet."))
    parts = []
    for item in activity:
        when = timezone.localtime(item.when)
        parts.append(
            format_html(
                '<li><a href="{}">{}</a><br><span class="muted">{}'
                '<time datetime="{}">{}</time></span></li>',
                item.url,
                item.text,
                format_html("{} · ", item.who) if item.who else "",
                when.isoformat(),
                formats.date_format(when, "SHORT_DATETIME_FORMAT"),
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - each part built by format_html


@register.simple_tag
def space_members(members):
    """The home's adults, grouped as `twinspace.views._members_by_country_and_school` groups
    them: a heading per country, one per school, a list of names with role and badge."""
    without_school = conditional_escape(gettext("Without a school"))
    founder = format_html(' <span class="badge">{}</span>', gettext("founder"))
    parts = []
    for country, schools in members:
        name = country.name if country is not None else ""
        parts.append(f"<h3>{conditional_escape(name) if name else without_school}</h3>")
        for school, people in schools:
            if school and school["name"]:
                town = f", {conditional_escape(school['town'])}" if school["town"] else ""
                parts.append(f"<h4>{conditional_escape(school['name'])}{town}</h4>")
            parts.append('<ul class="plain-list">')
            for m in people:
                parts.append(
                    format_html(
                        '<li>{} <span class="badge">{}</span>{}</li>',
                        m.name,
                        m.role,
                        founder if m.is_founder else "",
                    )
                )
            parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.simple_tag
def space_links(spaces):
    """The dashboard's TwinSpaces (twinspace.panels.Space): a teacher in 40 projects had
    40 rows through the template engine on every dashboard view."""
    closed = format_html(' <span class="badge">{}</span>', gettext("Closed: read only"))
    return mark_safe(  # noqa: S308 - built by format_html
        "".join(
            format_html(
                '<li><a href="{}">{}</a>{}</li>',
                space.url,
                space.title,
                closed if space.is_read_only else "",
            )
            for space in spaces
        )
    )
