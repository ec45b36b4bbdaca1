"""The pages' tree as nested lists, written in Python.

A hundred pages through a recursive template include (a link, two badges and the
sub-pages each) were two thirds of the pages index's time (issue 16); the same lists
written here cost a fraction. `wiki/tests/test_tree_html.py` holds them to the tree.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import format_html
from jumelage.projects.models import Visibility

register = template.Library()


@register.simple_tag
def page_tree(nodes, current=None):
    """`tree.tree()`'s nodes as a list of links, each page's sub-pages in a list inside
    its item; the `current` page marked, unpublished and archived pages badged."""
    words = {value: str(label) for value, label in Visibility.choices}
    archived = format_html(' <span class="badge">{}</span>', gettext("Archived"))
    current_pk = current.pk if current is not None else None

    def items(nodes, top):
        rows = []
        for node in nodes:
            page = node["page"]
            rows.append(
                format_html(
                    '<li><a href="{}"{}>{}</a>{}{}{}</li>',
                    page.url,
                    mark_safe(' aria-current="page"') if page.pk == current_pk else "",
                    page.title,
                    format_html(' <span class="badge">{}</span>', words[page.visibility])
                    if page.visibility != Visibility.PUBLISHED
                    else "",
                    archived if page.is_archived else "",
                    items(node["children"], False) if node["children"] else "",
                )
            )
        opening = '<ul class="page-tree">' if top else "<ul>"
        return mark_safe("\n".join([opening, *rows, "</ul>"]))  # noqa: S308 (format_html)

    return items(nodes, True)
