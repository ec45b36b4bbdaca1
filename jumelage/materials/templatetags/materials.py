"""A folder's files as table rows, written in Python.

Fifty rows through the template engine (a size, a kind, a name and a delete form each)
were half of the materials page's time (issue 16); the same rows written here cost a
fraction. `materials/tests/test_file_rows.py` holds them to what each reader may do.
"""

from html import escape

from django import template
from django.template.defaultfilters import filesizeformat
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import conditional_escape

from ..models import Item

register = template.Library()


@register.simple_tag(takes_context=True)
def file_rows(context, items):
    """One row per file: thumbnail and link, kind, size, who added it, and the delete form
    where the reader may delete it (`item.may_delete`, set by the view). The words and the
    form's CSRF input are escaped once a page; per row only its own values are."""
    access = context["request"].access
    csrf = CsrfTokenNode().render(context)  # Django's own input
    kinds = {value: escape(str(label)) for value, label in Item.Kind.choices}
    delete = conditional_escape(gettext("Delete"))
    form_start = '<form method="post" action="'
    form_middle = (
        f'" class="inline">{csrf}<button type="submit" class="secondary">{delete}'
        '<span class="visually-hidden"> '
    )
    rows = []
    for item in items:
        name = escape(item.name)
        thumbnail = (
            f'<img src="{escape(item.thumbnail_url)}" alt="" width="48" loading="lazy"> '
            if item.is_image
            else ""
        )
        form = (
            f"{form_start}{escape(item.delete_url)}{form_middle}{name}</span></button></form>"
            if item.may_delete
            else ""
        )
        rows.append(
            f'<tr><td>{thumbnail}<a href="{escape(item.download_url)}">{name}</a></td>'
            f"<td>{kinds.get(item.kind) or escape(item.kind)}</td>"
            f"<td>{conditional_escape(filesizeformat(item.size))}</td>"
            f"<td>{escape(access.name_of(item.uploaded_by) or '—')}</td><td>{form}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (every value escaped above)
