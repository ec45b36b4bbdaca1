from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.projects.models import Project

from .models import AgeCategory


class EntryForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    category = forms.ModelChoiceField(label=_("Age category"), queryset=AgeCategory.objects.all())
    statement = forms.CharField(
        label=_("Why this project"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(pk__in=projects).order_by("title")


class ScoreForm(forms.Form):
    points = forms.IntegerField(label=_("Points (out of 100)"), min_value=0, max_value=100)
