from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.core import fields as core_fields
from jumelage.reference.forms import CountryMultipleChoiceField, ReferenceMultipleChoiceField
from jumelage.reference.models import AgeBand, Country, Language, Subject
from jumelage.schools.models import School

from .models import PartnerRequest


class SearchForm(forms.Form):
    """The partner search: text plus filters (OR within a filter, AND across filters)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    # Checkbox groups, not Ctrl-click multi-selects (issue 14).
    country = CountryMultipleChoiceField(
        Country.objects.filter(can_found=True), label=_("Country"), required=False
    )
    subject = ReferenceMultipleChoiceField(
        Subject.objects.all(),
        label=pgettext_lazy("school subject", "Subject"),
        required=False,
    )
    age = ReferenceMultipleChoiceField(
        AgeBand.objects.all(),
        label=_("Pupils' age"),
        required=False,
    )
    language = ReferenceMultipleChoiceField(
        Language.objects.all(),
        label=_("Language"),
        required=False,
    )
    level = forms.MultipleChoiceField(
        choices=School.Level.choices,
        label=_("School level"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    open_request = forms.BooleanField(label=_("Has an open partner request"), required=False)
    page = forms.IntegerField(min_value=1, max_value=1000, required=False, widget=forms.HiddenInput)

    def filters(self) -> dict:
        """kind -> list of values, for the kinds the user narrowed."""
        data = self.cleaned_data
        return {
            "country": [c.code for c in data.get("country") or []],
            "subject": [s.code for s in data.get("subject") or []],
            "age": [a.min_age for a in data.get("age") or []],
            "language": [lang.code for lang in data.get("language") or []],
            "level": list(data.get("level") or []),
        }


class PartnerRequestForm(forms.ModelForm):
    start_month = core_fields.DateField(
        label=_("Start (month)"),
        input_formats=["%Y-%m", "%Y-%m-%d", "%m/%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("For example 2026-09."),
    )

    class Meta:
        model = PartnerRequest
        fields = [
            "title",
            "description",
            "subjects",
            "age_bands",
            "languages",
            "wished_countries",
            "duration",
            "start_month",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["wished_countries"].queryset = Country.objects.filter(can_found=True)
        self.fields["wished_countries"].help_text = _("Leave empty if any country suits you.")

    def clean_start_month(self):
        value = self.cleaned_data["start_month"].replace(day=1)
        today = date.today()
        if value < today.replace(day=1):
            raise forms.ValidationError(_("The start cannot be in the past."))
        return value
