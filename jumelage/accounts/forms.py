"""Account forms: sign-up, login, second factor, profile, deletion."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from jumelage.reference.models import AgeBand, Language, Subject

from .models import TeacherProfile, User


class NewAccountForm(forms.Form):
    """A name and a new password checked against the adult rules: every way in shares it
    (sign-up; a guest's account from an invitation, projects.forms.GuestAccountForm)."""

    display_name = forms.CharField(
        label=_("Name shown to others"),
        max_length=150,
        help_text=_("For example Claire Martin or C. Martin."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def account_email(self, cleaned) -> str:
        """The address of the account being made (the password must not resemble it)."""
        return ""

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(
                email=self.account_email(cleaned), display_name=cleaned.get("display_name", "")
            )
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignUpForm(NewAccountForm):
    """The teacher's sign-up; the kits app adds "start from a kit" (kits.forms.KitChoiceMixin)."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The only personal data we need. We will send you a confirmation link."),
    )
    field_order = ["display_name", "email", "password1", "password2", "wants_kit", "preferred_kit"]

    def clean_email(self):
        # Whether an account already uses it is said by email, never here (L2).
        return self.cleaned_data["email"].strip().lower()

    def account_email(self, cleaned) -> str:
        return cleaned.get("email") or ""


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "username"})
    )
    remember_me = forms.BooleanField(
        label=_("Remember me on this device for two weeks"), required=False
    )
    error_messages = {
        "invalid_login": _("Email address and password do not match. Check them and try again."),
        "inactive": _("This account is closed."),
        "unconfirmed": _(
            "Your email address is not confirmed yet. Open the link we sent you, "
            "or ask for a new one below."
        ),
    }
    unconfirmed = False

    def confirm_login_allowed(self, user):
        """An address proves nothing until confirmed: no login before (pupils have none)."""
        from . import policies

        super().confirm_login_allowed(user)
        if not policies.can_log_in_with_email(user):
            self.unconfirmed = True
            raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_(
            "The 6-digit code shown by your authenticator app, or one of your backup codes."
        ),
        widget=forms.TextInput(
            # Not inputmode=numeric: backup codes have letters.
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


class ProfileForm(forms.ModelForm):
    display_name = forms.CharField(label=_("Name shown to others"), max_length=150)
    # A FileField: the image pipeline reads the header and says why an image is refused.
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB. We remove its hidden metadata."),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    subjects = forms.ModelMultipleChoiceField(
        label=_("Subjects taught"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of the site and of your emails"),
        # Each language named in itself, whatever the page's language (settings.LANGUAGES).
        choices=lambda: list(settings.LANGUAGES),
        required=False,  # left out: the language stays as it is
    )
    age_bands = forms.ModelMultipleChoiceField(
        label=_("Pupils' ages"),
        queryset=AgeBand.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TeacherProfile
        fields = [
            "presentation",
            "subjects",
            "languages",
            "age_bands",
            "email_visible",
            "findable",
            "wants_kit",
            "preferred_kit",
        ]
        labels = {
            "presentation": _("Presentation"),
            "email_visible": _("Other teachers may see my email address"),
            "findable": _("Show me in partner search once verified"),
            "wants_kit": _("I would like to start my first project from a kit"),
            "preferred_kit": _("Kit I am interested in (optional)"),
        }

    MAX_PHOTO_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_kit"].empty_label = _("No preference yet")

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "size") and photo.size > self.MAX_PHOTO_BYTES:
            raise forms.ValidationError(_("This photo is larger than 5 MB."), code="too_big")
        return photo


class ConfirmPasswordForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return password


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
