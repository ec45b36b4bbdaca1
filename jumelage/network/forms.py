from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from jumelage.accounts.models import User
from jumelage.accounts.policies import has_confirmed_email
from jumelage.reference.forms import CountryChoiceField
from jumelage.reference.models import Country, Department, Region

from .models import HelpReply, HelpRequest, SupportRole


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ChooserForm(forms.Form):
    """'Who can help me?': a country, and optionally one of its regions (académies)."""

    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    region = RegionChoiceField(
        label=_("Académie or region"),
        queryset=Region.objects.select_related("country"),
        required=False,
        empty_label=_("(whole country)"),
    )

    def clean(self):
        data = super().clean()
        region, country = data.get("region"), data.get("country")
        if region is not None and country is not None and region.country_id != country.pk:
            self.add_error("region", _("This region is not in the chosen country."))
        return data


class HelpRequestForm(forms.ModelForm):
    region = forms.ModelChoiceField(
        label=_("Académie or region"),
        queryset=Region.objects.none(),
        required=False,
        help_text=_("Taken from your school; change it if your question concerns another one."),
    )

    class Meta:
        model = HelpRequest
        fields = ["topic", "subject", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, country=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(country=country)
        if country is None or not self.fields["region"].queryset.exists():
            del self.fields["region"]


class ReplyForm(forms.ModelForm):
    class Meta:
        model = HelpReply
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        labels = {"body": _("Your message")}


class SupportRoleForm(forms.ModelForm):
    """A directory entry as the national office keeps it (verification powers stay in admin)."""

    email = forms.EmailField(label=_("Email of the person's account"))

    class Meta:
        model = SupportRole
        fields = [
            "role",
            "country",
            "region",
            "department",
            "public_email",
            "phone",
            "availability",
            "listed",
        ]

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = Country.objects.filter(code__in=countries)
        self.fields["region"].queryset = Region.objects.select_related("country")
        self.fields["department"].queryset = Department.objects.all()
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True

    def clean_email(self):
        if self.instance.pk:
            return self.instance.user.email
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None or user.kind == User.Kind.PUPIL:
            raise forms.ValidationError(_("No teacher or staff account has this email."))
        # A role goes only to an account that proved owning the address (issue 12, H1).
        if not has_confirmed_email(user):
            raise forms.ValidationError(
                _("This account has not confirmed its email address yet."), code="unconfirmed"
            )
        self.instance.user = user
        return email

    def clean(self):
        data = super().clean()
        role, country = data.get("role"), data.get("country")
        region, department = data.get("region"), data.get("department")
        if department is not None:
            if region is None:
                region = data["region"] = department.region
            elif department.region_id != region.pk:
                self.add_error("department", _("This département is not in the chosen region."))
        if region is not None and country is not None and region.country_id != country.pk:
            self.add_error("region", _("This region is not in the chosen country."))
        if role == SupportRole.Role.REGIONAL_CORRESPONDENT and region is None:
            self.add_error("region", _("A regional correspondent needs a region."))
        if role == SupportRole.Role.DEPARTMENTAL_CORRESPONDENT and department is None:
            self.add_error("department", _("A departmental correspondent needs a département."))
        if role == SupportRole.Role.NATIONAL_OFFICE and (region or department):
            self.add_error("region", _("The national office is not tied to a region."))
        return data


class AppointForm(forms.Form):
    """Appoint an office member who verifies registrations: by email, for a country or region."""

    ROLES = [
        (SupportRole.Role.NATIONAL_OFFICE, SupportRole.Role.NATIONAL_OFFICE.label),
        (SupportRole.Role.REGIONAL_CORRESPONDENT, SupportRole.Role.REGIONAL_CORRESPONDENT.label),
    ]

    email = forms.EmailField(
        label=_("Email"),
        help_text=_("Without an account, the person gets a link to set a password."),
    )
    country = CountryChoiceField(label=_("Country"), queryset=Country.objects.all())
    role = forms.ChoiceField(label=_("role"), choices=ROLES)
    region = RegionChoiceField(
        label=_("Académie or region"),
        queryset=Region.objects.select_related("country"),
        required=False,
        empty_label=_("(whole country)"),
    )

    def __init__(self, *args, countries=None, **kwargs):
        super().__init__(*args, **kwargs)
        if countries is not None:
            self.fields["country"].queryset = Country.objects.filter(code__in=countries)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is not None and (user.kind == User.Kind.PUPIL or not user.is_active):
            raise forms.ValidationError(_("This account cannot be given an office role."))
        return email

    def clean(self):
        data = super().clean()
        role, country, region = data.get("role"), data.get("country"), data.get("region")
        if region is not None and country is not None and region.country_id != country.pk:
            self.add_error("region", _("This region is not in the chosen country."))
        if role == SupportRole.Role.REGIONAL_CORRESPONDENT and region is None:
            self.add_error("region", _("A regional correspondent needs a region."))
        if role == SupportRole.Role.NATIONAL_OFFICE and region is not None:
            self.add_error("region", _("The national office is not tied to a region."))
        return data
