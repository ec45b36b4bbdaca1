"""Pupil identity in one place: the login with the card, the first own password.

A pupil has no email address: their teacher creates the account in a project
(projects.services.create_pupils) and prints a card with a login and a one-time
password. Here: the pupil login page (through accounts.backends.PupilBackend),
the page where the pupil replaces the card's password with their own, and the
middleware that keeps a pupil on that page until they did. Class management
(creating accounts, resetting a password) stays in projects.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from jumelage.core.policies import require

from . import pupil_passwords
from .models import User
from .policies import is_pupil

GET_POST = require_http_methods(["GET", "POST"])
BACKEND = "jumelage.accounts.backends.PupilBackend"


def must_set_own_password(user) -> bool:
    """A pupil signed in with the one-time password from the card, not yet replaced.

    Also asked by the WebSocket consumers (realtime.policies): such a pupil
    uses nothing else, over HTTP or WebSocket, until they set their own.
    """
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "kind", "") == User.Kind.PUPIL
        and user.must_change_password
    )


class PupilPasswordChangeMiddleware:
    """A pupil signed in with the one-time password from the card sets their own first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if must_set_own_password(getattr(request, "user", None)):
            allowed = {
                reverse("accounts:pupil_password"),
                reverse("accounts:logout"),
                reverse("core:set_language"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("accounts:pupil_password")
        return self.get_response(request)


class PupilLoginForm(forms.Form):
    login = forms.CharField(label=gettext_lazy("Your login"), max_length=64)
    password = forms.CharField(
        label=gettext_lazy("Password"), widget=forms.PasswordInput, max_length=128
    )


class OwnPasswordForm(SetPasswordForm):
    """The pupil's own password replaces the card's: saving it lifts the obligation.

    Checked against rules a young child can follow (pupil_passwords.PUPIL_VALIDATORS),
    not the adult AUTH_PASSWORD_VALIDATORS.
    """

    error_messages = {
        "password_mismatch": gettext_lazy("The two passwords are not the same. Type them again.")
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Your new password")
        self.fields["new_password1"].help_text = pupil_passwords.pupil_help_text()
        self.fields["new_password2"].label = _("Type it again")

    def validate_password_for_user(self, user, password_field_name="password2"):  # noqa: S107
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                pupil_passwords.validate_pupil_password(password, user)
            except forms.ValidationError as error:
                self.add_error(password_field_name, error)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.must_change_password = False
        if commit:
            user.save(update_fields=["password", "must_change_password"])
        return user


@GET_POST
def pupil_login(request):
    """Pupils log in with the login and password on their card."""
    form = PupilLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            pupil_login=form.cleaned_data["login"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(None, _("This login and password do not match. Ask your teacher."))
        else:
            login(request, user, backend=BACKEND)
            if user.must_change_password:
                return redirect("accounts:pupil_password")
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("projects:mine")
    return render(request, "accounts/pupil_login.html", {"form": form})


@login_required
@GET_POST
def pupil_password(request):
    """A pupil replaces the one-time password from the card with their own."""
    require(is_pupil(request.user))
    form = OwnPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        update_session_auth_hash(request, form.save())
        messages.success(request, _("Your new password is saved. Keep it secret."))
        return redirect("projects:mine")
    return render(request, "accounts/pupil_password.html", {"form": form})
