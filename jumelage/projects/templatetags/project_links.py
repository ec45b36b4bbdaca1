"""The dashboard's projects, written in Python: `{% project_links panel.projects %}`."""

from django import template
from django.utils.safestring import mark_safe

from jumelage.core.html import format_html
from jumelage.core.reversing import ROW, fixed_url

from ..models import Project

register = template.Library()


@register.simple_tag
def project_links(projects):
    """Each project's title, linked, and its status: the HTML of a loop with a `{% url %}`
    and a `get_status_display` per project, written once per project here."""
    url = fixed_url("projects:detail", project_id=ROW)
    statuses = {value: str(label) for value, label in Project.Status.choices}
    return mark_safe(  # noqa: S308 - built by format_html
        "".join(
            format_html(
                '<li><a href="{}">{}</a> <span class="badge">{}</span></li>',
                url.format(project.pk),
                project.title,
                statuses.get(project.status, project.status),
            )
            for project in projects
        )
    )
