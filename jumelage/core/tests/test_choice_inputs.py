"""forms/field.html writes a checkbox or radio list itself (core.templatetags.jumelage):
the page must be the one Django's widget templates gave, byte for byte."""

import datetime as dt

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

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
