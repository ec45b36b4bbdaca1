"""forms/field.html writes a checkbox or radio list itself (core.templatetags.jumelage):
the page must be the one Django's widget templates gave, byte for byte."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from jumelage.core.fields import DateField

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


class Lists(forms.Form):
    plain = forms.ChoiceField(
        choices=[("x", "X & <y>"), (1, 'One "1"'), ("", "---")],
        widget=forms.Select(attrs={"class": "c", "disabled": False, "autofocus": True}),
    )
    grouped = forms.MultipleChoiceField(
        choices=[("Arts & <crafts>", [("m", "Music"), ("art", "Art")]), ("o", "Other")]
    )
    answer = forms.NullBooleanField()
    number = forms.IntegerField(widget=forms.Select(choices=[(1000, 1000), (2, 2.5)]))
    # A moment as a label: shown in the reader's time zone, as {{ }} shows it.
    moment = forms.IntegerField(
        widget=forms.Select(choices=[(1, dt.datetime(2026, 12, 5, 15, 0, tzinfo=dt.UTC))])
    )


def select_lists_both_ways(form_class, data=None, names=None) -> list[tuple[str, str]]:
    from django.forms.renderers import DjangoTemplates

    ours, django = form_class(data), form_class(data, renderer=DjangoTemplates())
    return [(ours[n].as_widget(), django[n].as_widget()) for n in names or ours.fields]


def test_select_lists_are_written_as_django_writes_them():
    """core.rendering writes select lists itself: Django's templates, byte for byte."""
    from django.utils import translation

    # 2.5 is "2,5" in French, as Django's template writes it
    for language, four_pm in (("en", "4 p.m."), ("fr", "16:00")):
        with translation.override(language), timezone.override("Europe/Paris"):
            for data in (None, {"plain": "1", "grouped": ["art", "o"], "answer": "true"}):
                for ours, django in select_lists_both_ways(Lists, data):
                    assert ours == django
            assert four_pm in Lists()["moment"].as_widget()  # 15:00 UTC, in Paris
    ours = Lists()["plain"].as_widget()
    assert "X &amp; &lt;y&gt;" in ours and "<option" in ours


@pytest.mark.django_db
def test_the_project_directory_filters_are_unchanged():
    from jumelage.projects.forms import DirectoryFilterForm
    from jumelage.reference.models import Subject

    subject = Subject.objects.first()
    pairs = select_lists_both_ways(
        DirectoryFilterForm, {"subject": subject.pk}, ["country", "subject", "language"]
    )
    for ours, django in pairs:
        assert ours == django
    assert f'value="{subject.pk}" selected>' in pairs[1][0]


def test_the_input_templates_are_still_includes_of_djangos_input_template():
    """core.rendering writes input.html for these names: each must still be Django's own,
    that template included and nothing else (an upgrade changing one fails here)."""
    from django.forms.renderers import DjangoTemplates

    from jumelage.core.rendering import INPUT_TYPES

    engine = DjangoTemplates()
    for kind in INPUT_TYPES:
        template = engine.get_template(f"django/forms/widgets/{kind}.html").template
        assert "/django/forms/templates/django/forms/widgets/" in template.origin.name
        if kind != "input":
            assert template.source == '{% include "django/forms/widgets/input.html" %}\n', kind


class Inputs(forms.Form):
    title = forms.CharField(
        max_length=20, help_text="Short", widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'})
    )
    email = forms.EmailField(required=False, widget=forms.EmailInput(attrs={"autofocus": True}))
    age = forms.IntegerField(min_value=3, widget=forms.NumberInput(attrs={"disabled": False}))
    share = forms.DecimalField(required=False, initial=2.5)
    day = DateField(required=False, initial=dt.date(2026, 12, 6))  # the platform's: in range
    key = forms.CharField(widget=forms.HiddenInput, initial="k&<1>")
    agree = forms.BooleanField(required=False, initial=True)
    file = forms.FileField(required=False)
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    link = forms.URLField(required=False, initial="https://example.org/?a=1&b=2")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), initial="Line 1\n<b>2</b> & 3")
    empty = forms.CharField(required=False, widget=forms.Textarea)


def test_inputs_and_text_areas_are_written_as_django_writes_them():
    from django.forms.renderers import DjangoTemplates
    from django.utils import translation
    from django.utils.safestring import mark_safe

    from jumelage.core.rendering import FormRenderer

    ours, django = FormRenderer(), DjangoTemplates()
    bound = {
        "title": "Été <script>",
        "email": "not an address",
        "age": "2",
        "share": "3.75",
        "day": "2026-13-40",
        "key": 'x"y',
        "agree": "on",
        "secret": "p&ss",
        "link": "javascript:alert(1)",
        "body": "\r\nFirst line\n</textarea>",
    }
    compared = 0
    for language in ("en", "fr"):
        with translation.override(language):
            for data in (None, bound):
                form = Inputs(data)
                form.is_valid()
                for field in form:
                    widget, value = field.field.widget, field.value()
                    attrs = field.build_widget_attrs({"id": field.auto_id})
                    mine = widget.render(field.html_name, value, attrs, renderer=ours)
                    theirs = widget.render(field.html_name, value, attrs, renderer=django)
                    assert mine == theirs, field.name
                    compared += 1
    assert compared == 48
    safe = forms.TextInput().render("x", mark_safe("<i>kept</i>"), renderer=ours)
    assert safe == forms.TextInput().render("x", mark_safe("<i>kept</i>"), renderer=django)
    assert "&lt;/textarea&gt;" in Inputs(bound)["body"].as_widget()
