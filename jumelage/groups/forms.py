from django import forms
from django.utils.translation import gettext_lazy as _

from jumelage.reference.models import Country, Subject

from .models import Group


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("What the group is about"), max_length=2000, required=False, widget=forms.Textarea
    )
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Teachers of these subjects see the group among their suggestions."),
    )
    admission = forms.ChoiceField(
        label=_("Who may join"), choices=Group.Admission.choices, widget=forms.RadioSelect
    )
    country = forms.ModelChoiceField(
        label=_("National group of"),
        queryset=Country.objects.none(),
        required=False,
        help_text=_("For the support network: a group your country's network runs."),
    )

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        if countries:
            self.fields["country"].queryset = Country.objects.filter(pk__in=countries)
        else:
            del self.fields["country"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the groups"), max_length=100, required=False)
    subject = forms.ModelChoiceField(
        label=_("Subject"), queryset=Subject.objects.all(), required=False
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the teacher to invite"))
