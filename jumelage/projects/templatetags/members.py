"""A page of a project's members as table rows, written in Python.

Fifty rows through the template engine (a name, a role, a school and two forms each) were
most of the members page's time (issue 16); the same rows written here cost a fraction.
`projects/tests/test_member_rows.py` holds them to what each reader may do.
"""

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from jumelage.core.html import format_html

from ..models import Membership

register = template.Library()


@register.simple_tag(takes_context=True)
def member_rows(context, members):
    """One row per member (`queries.MemberLine`): name (and founder), role, school and
    country, and the promote and remove forms the reader may use (`may_promote`,
    `may_remove`, set by the view with their URLs)."""
    csrf = mark_safe(CsrfTokenNode().render(context))  # noqa: S308 (Django's own input)
    roles = {value: str(label) for value, label in Membership.Role.choices}
    founder = gettext("founder")
    rows = []
    for m in members:
        name = escape(m.name)
        forms = []
        if m.may_promote:
            forms.append(
                format_html(
                    '<form method="post" action="{}" class="inline">{}'
                    '<button type="submit" class="secondary">{}</button></form>',
                    m.promote_url,
                    csrf,
                    # As {% blocktranslate %}: the name escaped, the translation as it is.
                    mark_safe(gettext("Make %(name)s an administrator") % {"name": name}),  # noqa: S308
                )
            )
        if m.may_remove:
            forms.append(
                format_html(
                    '<form method="post" action="{}" class="inline">{}'
                    '<button type="submit" class="danger">{}</button></form>',
                    m.remove_url,
                    csrf,
                    mark_safe(gettext("Remove %(name)s") % {"name": name}),  # noqa: S308
                )
            )
        rows.append(
            format_html(
                "<tr><td>{}{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                name,
                format_html(" ({})", founder) if m.is_founder else "",
                roles.get(m.role, m.role),
                format_html("{}, {}", m.school, m.country) if m.school else "",
                mark_safe(" ".join(forms)),  # noqa: S308 (built by format_html)
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 (built by format_html)
