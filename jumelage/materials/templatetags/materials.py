"""A folder's files as table rows, written in Python.

Fifty rows through the template engine (a size, a kind, a name and a delete form each)
were half of the materials page's time (issue 16); the same rows written here cost a
fraction. `materials/tests/test_file_rows.py` holds them to what each reader may do.
"""

from django import template
from django.template.defaultfilters import filesizeformat
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import format_html, format_html_join

from ..models import Item

register = template.Library()


@register.simple_tag(takes_context=True)
def file_rows(context, items):
    """One row per file: thumbnail and link, kind, size, who added it, and the delete form
    where the reader may delete it (`item.may_delete`, set by the view)."""
    access = context["request"].access
    csrf = mark_safe(CsrfTokenNode().render(context))  # noqa: S308 (Django's own input)
    kinds = {value: str(label) for value, label in Item.Kind.choices}
    delete = gettext("Delete")
    return format_html_join(
        "\n",
        '<tr><td>{}<a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>',
        (
            (
                format_html('<img src="{}" alt="" width="48" loading="lazy"> ', item.thumbnail_url)
                if item.is_image
                else "",
                item.download_url,
                item.name,
                kinds.get(item.kind, item.kind),
                filesizeformat(item.size),
                access.name_of(item.uploaded_by) or "—",
                format_html(
                    '<form method="post" action="{}" class="inline">{}<button type="submit" '
                    'class="secondary">{}<span class="visually-hidden"> {}</span></button></form>',
                    item.delete_url,
                    csrf,
                    delete,
                    item.name,
                )
                if item.may_delete
                else "",
            )
            for item in items
        ),
    )
