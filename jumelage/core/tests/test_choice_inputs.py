"""forms/field.html writes a checkbox or radio list itself (core.templatetags.jumelage):
the page must be the one Django's widget templates gave, byte for byte."""

import pytest
from django import forms
from django.template import Context, Template

DJANGO_LOOP = Template(
    '{% for choice in field %}<label class="choice">{{ choice.tag }} '
    "{{ choice.choice_label }}</label>{% endfor %}"
)
OURS = Template("{% load jumelage %}{% choice_inputs field %}")


class Filters(forms.Form):
    subject = forms.MultipleChoiceField(
        choices=[("art", "Art & <b>design</b>"), ("7", 'Maths "plus"'), ("", "None")],
        widget=forms.CheckboxSelectMultiple(attrs={"data-filter": "1", "disabled": False}),
        help_text="Pick any",
    )
    level = forms.ChoiceField(
        choices=[(1, "Primary"), (2, "Secondary")],
        widget=forms.RadioSelect(attrs={"class": "inline", "autofocus": True}),
    )
    grouped = forms.MultipleChoiceField(  # grouped choices go through Django's own steps
        choices=[("Arts", [("music", "Music"), ("art", "Art")]), ("other", "Other")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def both(field) -> tuple[str, str]:
    return DJANGO_LOOP.render(Context({"field": field})), OURS.render(Context({"field": field}))


def test_the_choices_are_written_as_django_writes_them_blank_bound_and_invalid():
    for form in (
        Filters(),
        Filters({"subject": ["art", "7"], "level": "2", "grouped": ["art", "other"]}),
        Filters({"subject": ["nope"]}),  # invalid: errors, and nothing selected
    ):
        for name in ("subject", "level", "grouped"):
            django, ours = both(form[name])
            assert ours == django
            assert "&lt;b&gt;" in both(form["subject"])[1]  # labels escaped


@pytest.mark.django_db
def test_the_partner_search_filters_are_unchanged():
    from jumelage.partners.forms import SearchForm
    from jumelage.schools.models import School

    level = School.Level.choices[0][0]
    form = SearchForm({"level": [level]})
    for name in ("subject", "age", "language", "level"):
        django, ours = both(form[name])
        assert ours == django
    assert f'value="{level}" id="id_level_0" checked>' in both(form["level"])[1]
