from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jumelage.accounts import pupil_passwords
from jumelage.accounts.forms import NewAccountForm
from jumelage.core import fields as core_fields
from jumelage.core.richtext import RichTextField
from jumelage.kits.models import Kit
from jumelage.reference.forms import CountryChoiceField, ReferenceChoiceField
from jumelage.reference.models import Country, Language, ProductionType, Subject

from .models import Invitation, Project

PROJECT_FIELDS = [
    "title",
    "summary",
    "description",
    "subjects",
    "languages",
    "age_min",
    "age_max",
    "start_date",
    "end_date",
    "productions",
    "kit",
]


class ProjectForm(forms.ModelForm):
    description = RichTextField(label=_("Description"), required=False)

    class Meta:
        model = Project
        fields = PROJECT_FIELDS
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "subjects": forms.CheckboxSelectMultiple,
            "productions": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        field_classes = {"start_date": core_fields.DateField, "end_date": core_fields.DateField}
        help_texts = {
            "end_date": _("Optional: a project may last three weeks or several years."),
            "languages": _("Hold Ctrl (or Cmd) to choose several languages."),
        }

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kit"].queryset = Kit.objects.filter(published=True)
        self.fields["kit"].required = False
        for name in ("age_min", "age_max"):
            self.fields[name].widget.attrs.update(min=3, max=99)
        if schools is not None:
            self.fields["school"] = forms.ModelChoiceField(
                queryset=schools,
                label=_("Your school in this project"),
                empty_label=None,
            )

    def clean(self):
        data = super().clean()
        age_min, age_max = data.get("age_min"), data.get("age_max")
        if age_min is not None and age_max is not None and age_min > age_max:
            self.add_error("age_max", _("The oldest pupils' age cannot be below the youngest's."))
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end <= start:
            self.add_error("end_date", _("The end date must come after the start date."))
        return data

    def model_data(self) -> dict:
        skip = {"subjects", "languages", "productions", "school"}
        return {k: v for k, v in self.cleaned_data.items() if k in PROJECT_FIELDS and k not in skip}

    def relations(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("subjects", "languages", "productions")}


class TeacherSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Teacher's name or email address"), max_length=200, required=False, strip=True
    )
    # Links from a teacher's profile or the partner search: ?user=<id>.
    user = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)


class InviteForm(forms.Form):
    """Invite a teacher found in the search (by id) or anyone by email."""

    user = forms.IntegerField(required=False, widget=forms.HiddenInput)
    email = forms.EmailField(label=_("Or invite by email address"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("email"):
            raise forms.ValidationError(_("Choose a teacher or give an email address."))
        return data


class MemberInviteForm(InviteForm):
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (Invitation.Role.TEACHER, Invitation.Role.TEACHER.label),
            (Invitation.Role.GUEST, _("Guest (read only: a head teacher, an inspector)")),
            (
                Invitation.Role.VISITOR,
                _(
                    "Visitor (a parent association, a journalist: sees only what you open to visitors)"
                ),
            ),
        ],
        initial=Invitation.Role.TEACHER,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required for a rejection; the founders read it)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("reason", "").strip():
            self.add_error("reason", _("Give the founders the reason for the rejection."))
        return data


class PupilsForm(forms.Form):
    names = forms.CharField(
        label=_("Your pupils' first names or nicknames, one a line"),
        help_text=_("No surname, no email: only what the class calls each pupil."),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=5000,
        error_messages={"required": _("Give at least one name.")},
    )
    password_style = forms.ChoiceField(
        label=_("One-time passwords on the cards"),
        choices=pupil_passwords.STYLES,
        initial=pupil_passwords.WORDS,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Each pupil chooses their own password at first login."),
    )

    def clean_password_style(self):
        return self.cleaned_data.get("password_style") or pupil_passwords.WORDS

    def clean_names(self):
        names = [" ".join(line.split()) for line in self.cleaned_data["names"].splitlines()]
        names = [n for n in names if n]
        if not names:
            raise forms.ValidationError(_("Give at least one name."))
        if len(names) > 60:
            raise forms.ValidationError(_("At most 60 pupils at a time."))
        too_long = [n for n in names if len(n) > 40]
        if too_long:
            raise forms.ValidationError(
                _("A name is too long (40 characters at most): %(name)s") % {"name": too_long[0]}
            )
        return names


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Words in the title or summary"), required=False, max_length=100)
    country = CountryChoiceField(
        Country.objects.filter(can_found=True), label=_("Country"), required=False
    )
    subject = ReferenceChoiceField(
        Subject.objects.all(), label=pgettext_lazy("school subject", "Subject"), required=False
    )
    language = ReferenceChoiceField(
        Language.objects.all(), label=_("Working language"), required=False
    )
    age = forms.IntegerField(label=_("Pupils' age"), required=False, min_value=3, max_value=99)
    production = ReferenceChoiceField(
        ProductionType.objects.all(), label=_("Final production"), required=False
    )


class GuestAccountForm(NewAccountForm):
    """A guest's account from an emailed invitation: a name and a password, nothing else.

    The address is the invitation's (whoever opened the emailed link holds it), so it
    is neither asked nor confirmed again; no school is asked: a guest only reads.
    """

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def account_email(self, cleaned) -> str:
        return self.email
