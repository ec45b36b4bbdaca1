"""The dashboard's projects, written in Python: `{% project_links panel.projects %}`."""

from django import template
from django.utils.safestring import mark_safe

from jumelage.core.html import format_html
from jumelage.core.reversing import ROW, fixed_url

register = template.Library()


@register.simple_tag
def project_links(projects):
    """Each project's title, linked, and its status: the HTML of a loop with a `{% url %}`
    and a `get_status_display` per project, written once per project here."""
    url = fixed_url("projects:detail", project_id=ROW)
    return mark_safe(  # noqa: S308 - built by format_html
        "".join(
            format_html(
                '<li><a href="{}">{}</a> <span class="badge">{}</span></li>',
                url.format(project.pk),
                project.title,
                project.get_status_display(),
            )
            for project in projects
        )
    )
