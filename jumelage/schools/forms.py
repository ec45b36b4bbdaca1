"""School registration and the support office's forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jumelage.core import fields as core_fields
from jumelage.reference.forms import CountryChoiceField
from jumelage.reference.identifiers import validate_national_id
from jumelage.reference.models import Country

from .models import School, VerificationCall
from .validators import validate_phone

NEW_SCHOOL_FIELDS = [
    "name",
    "level",
    "address",
    "town",
    "phone",
    "email",
    "head_name",
    "head_email",
]


class SchoolForm(forms.ModelForm):
    """Country and identifier first: an already registered school is joined, not duplicated."""

    country = CountryChoiceField(
        label=_("Country"),
        queryset=Country.objects.all(),
        empty_label=_("Choose a country"),
    )
    national_id = forms.CharField(
        label=_("National school identifier"),
        max_length=40,
        help_text=_("In France: the UAI (formerly RNE), for example 0750654D."),
    )

    class Meta:
        model = School
        fields = [
            "country",
            "national_id",
            "name",
            "level",
            "address",
            "postcode",
            "town",
            "phone",
            "email",
            "head_name",
            "head_email",
        ]
        help_texts = {
            "phone": _("The school's switchboard: the support office calls it to check."),
            "head_email": _("We ask the head teacher to confirm that the school takes part."),
        }

    def __init__(self, *args, joining_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.joining_allowed = joining_allowed
        self.existing = None
        self.identifier = None
        for name in NEW_SCHOOL_FIELDS:
            self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        raw_id = cleaned.get("national_id")
        if country and raw_id:
            try:
                self.identifier = validate_national_id(country, raw_id)
            except ValidationError as error:
                self.add_error("national_id", error)
        if country and self.identifier:
            cleaned["national_id"] = self.identifier.value
            existing = School.objects.filter(
                country=country, national_id_key=self.identifier.value
            ).exclude(pk=self.instance.pk)
            self.existing = existing.first()
            if self.existing and not self.joining_allowed:
                self.add_error(
                    "national_id", _("Another registered school already has this identifier.")
                )
        if self.existing is not None and self.joining_allowed:
            return cleaned  # joining: the rest of the form is not needed
        for name in NEW_SCHOOL_FIELDS:
            if not cleaned.get(name) and name not in self.errors:
                self.add_error(
                    name,
                    ValidationError(
                        _("This field is required to register a new school."), code="required"
                    ),
                )
        if country and cleaned.get("phone"):
            try:
                cleaned["phone"] = validate_phone(country.code, cleaned["phone"])
            except ValidationError as error:
                self.add_error("phone", error)
        return cleaned


class CallForm(forms.ModelForm):
    called_at = core_fields.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    class Meta:
        model = VerificationCall
        fields = ["called_at", "outcome", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial", {"called_at": timezone.localtime().replace(second=0, microsecond=0)}
        )
        super().__init__(*args, **kwargs)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (emailed to the teacher)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
