"""jumelage.core.html writes what Django's helpers write, for every kind of value."""

from django.utils import html as django_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from jumelage.core import html

VALUES = [
    'Tom & Jerry\'s <b>"club"</b>',
    mark_safe("<em>already safe</em>"),  # noqa: S308 - a literal
    gettext_lazy("Subjects:"),
    42,
    None,
    3.5,
    "",
    "Zoë — l’école",
]


def test_escaping_matches_django_for_each_kind_of_value():
    with override("fr"):
        for value in VALUES:
            ours = html.conditional_escape(value)
            assert ours == django_html.conditional_escape(value)
            assert isinstance(ours, SafeString)


def test_format_html_and_join_match_django():
    template = '<a href="{}" title="{}">{}</a>'
    with override("fr"):
        for value in VALUES:
            assert html.format_html(template, value, value, value) == django_html.format_html(
                template, value, value, value
            )
        assert html.format_html("<p>{name}</p>", name=VALUES[0]) == django_html.format_html(
            "<p>{name}</p>", name=VALUES[0]
        )
        rows = [(v, v) for v in VALUES]
        assert html.format_html_join(" & ", "<li>{} {}</li>", rows) == (
            django_html.format_html_join(" & ", "<li>{} {}</li>", rows)
        )
        mappings = [{"a": v} for v in VALUES]
        assert html.format_html_join(", ", "{a}", mappings) == (
            django_html.format_html_join(", ", "{a}", mappings)
        )
    assert isinstance(html.format_html_join("", "{}", []), SafeString)
