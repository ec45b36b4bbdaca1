"""Account views: thin — parse input, ask accounts.policies, call accounts.services, render."""

import base64
import io
import tempfile
import time
from urllib.parse import quote

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken

from jumelage.core.exports import write_archive
from jumelage.core.middleware import client_ip
from jumelage.core.policies import forbid_unless, require
from jumelage.mail.sending import send_templated_mail

from . import policies, services
from .forms import (
    ConfirmPasswordForm,
    EmailForm,
    LoginForm,
    ProfileForm,
    SignUpForm,
    TokenForm,
)
from .models import TeacherProfile
from .retention import may_reset_password, reactivate_after_reset

User = get_user_model()
PENDING = "_jumelage_pending_login"
PENDING_MAX_AGE = 300  # seconds to type the code
MAX_CODE_ATTEMPTS = 5


def _safe_next(request, default):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return default


def _finish_login(request, user, backend, remember, device=None):
    auth_login(request, user, backend=backend)
    if device is not None:
        otp_login(request, device)
    request.session.set_expiry(None if remember else 0)


# --- Sign-up and email confirmation ----------------------------------------------


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The same answer whether or not the address already has an account (L2).
        services.sign_up(
            email=data["email"],
            password=data["password1"],
            display_name=data["display_name"],
            language=(get_language() or "en")[:2],
            wants_kit=data["wants_kit"],
            preferred_kit=data["preferred_kit"],
            ip=client_ip(request),
        )
        request.session["signed_up_email"] = data["email"]
        return redirect("accounts:signup_done")
    return render(request, "accounts/signup.html", {"form": form})


def signup_done(request):
    return render(
        request, "accounts/signup_done.html", {"email": request.session.get("signed_up_email")}
    )


def confirm_email(request, token):
    user, outcome = services.confirm_email(token)
    if outcome in ("expired", "invalid"):
        return render(request, "accounts/confirm_failed.html", {"outcome": outcome}, status=400)
    if outcome == "already":
        messages.info(request, _("Your email address was already confirmed."))
    else:
        messages.success(request, _("Thank you: your email address is confirmed."))
    resume = request.session.pop(services.RESUME_AFTER_CONFIRMATION, "")
    if not (isinstance(resume, str) and resume.startswith("/") and not resume.startswith("//")):
        resume = ""
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(resume or "schools:register")
    if resume:  # e.g. the invitation that brought this person here: it is not lost
        messages.info(request, _("Log in to continue where you were."))
        return redirect(f"{reverse('accounts:login')}?next={quote(resume)}")
    messages.info(request, _("Log in to register your school."))
    return redirect(f"{reverse('accounts:login')}?next={quote(reverse('schools:register'))}")


@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    """A new confirmation link, asked for by address: the answer never says if it exists."""
    user = request.user
    if user.is_authenticated:
        forbid_unless(policies.is_teacher(user))
        if request.method != "POST":
            return redirect("core:dashboard")
        if user.email_confirmed_at:
            messages.info(request, _("Your email address was already confirmed."))
        else:
            services.resend_confirmation(user.email, client_ip(request))
            messages.success(request, _("We sent you a new confirmation link."))
        return redirect("core:dashboard")
    form = EmailForm(request.POST or None, initial={"email": request.GET.get("email", "")})
    if request.method == "POST" and form.is_valid():
        services.resend_confirmation(form.cleaned_data["email"], client_ip(request))
        messages.success(
            request,
            _(
                "If an account waits for confirmation at this address, we sent it a new "
                "link. Check your email."
            ),
        )
        return redirect("accounts:login")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


# --- Login with an optional (or, for staff, required) second factor ---------------


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        remember = form.cleaned_data.get("remember_me", False)
        if services.has_second_factor(user):
            # The session is not logged in until the code is checked.
            self.request.session.cycle_key()
            self.request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "remember": remember,
                "next": self.get_success_url(),
                "at": time.time(),
                "tries": 0,
            }
            return redirect("accounts:login_code")
        _finish_login(self.request, user, user.backend, remember)
        if policies.needs_second_factor(user):
            messages.warning(
                self.request,
                _("Support staff and administrators must set up two-factor authentication."),
            )
            return redirect(f"{reverse('accounts:otp_setup')}?next={quote(self.get_success_url())}")
        return redirect(self.get_success_url())


@require_http_methods(["GET", "POST"])
def login_code(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_MAX_AGE:
        request.session.pop(PENDING, None)
        messages.error(request, _("Your login expired. Please log in again."))
        return redirect("accounts:login")
    user = get_object_or_404(User, pk=pending["user"], is_active=True)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        device = services.verify_second_factor(user, token)
        if device is not None:
            del request.session[PENDING]
            _finish_login(request, user, pending["backend"], pending["remember"], device)
            return redirect(pending["next"])
        pending["tries"] += 1
        request.session[PENDING] = pending
        if pending["tries"] >= MAX_CODE_ATTEMPTS:
            del request.session[PENDING]
            messages.error(request, _("Too many wrong codes. Please log in again."))
            return redirect("accounts:login")
        if services.is_app_code(token):
            message = _("This code is not valid. Check your app's clock and try again.")
        else:
            message = _("This backup code is not valid. Each backup code works only once.")
        form.add_error("token", message)
    return render(request, "accounts/login_code.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def otp_setup(request):
    user = request.user
    forbid_unless(policies.can_manage_own_account(user))
    if services.has_second_factor(user) and not user.is_verified():
        # Enrolled already: prove it before replacing the device.
        logout(request)
        messages.info(request, _("Log in with your code."))
        return redirect("accounts:login")
    device = services.pending_totp_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp(user, device, form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            return render(
                request,
                "accounts/otp_done.html",
                {"codes": codes, "next": _safe_next(request, reverse("core:dashboard"))},
            )
        form.add_error("token", _("This code is not valid. Check your app's clock and try again."))
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    qr = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": qr,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _safe_next(request, ""),
        },
    )


@require_POST
@login_required
def otp_disable(request):
    forbid_unless(policies.can_disable_second_factor(request.user))
    form = ConfirmPasswordForm(request.user, request.POST)
    if form.is_valid():
        services.disable_second_factor(request.user)
        messages.success(request, _("Two-factor authentication is off."))
    else:
        messages.error(request, _("This is not your password: two-factor authentication stays on."))
    return redirect("accounts:security")


@login_required
def security(request):
    user = request.user
    forbid_unless(policies.can_manage_own_account(user))
    return render(
        request,
        "accounts/security.html",
        {
            "has_second_factor": services.has_second_factor(user),
            "may_disable": policies.can_disable_second_factor(user),
            "backup_left": StaticToken.objects.filter(device__user=user).count(),
            "form": ConfirmPasswordForm(user),
        },
    )


# --- Passwords ----------------------------------------------------------------------


class TemplatedPasswordResetForm(PasswordResetForm):
    """Password reset emails go through the platform's mail helper, in the user's language."""

    client_ip = None

    def get_users(self, email):
        users = may_reset_password(
            User.objects.filter(email__iexact=email, kind__in=[User.Kind.TEACHER, User.Kind.STAFF])
        )
        # Counted whether or not an account exists: the answer is always the same.
        if not services.mail_allowed(email, self.client_ip):
            return User.objects.none()
        return users

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):  # noqa: E501
        user = context["user"]
        link = reverse("accounts:password_reset_confirm", args=[context["uid"], context["token"]])
        send_templated_mail(
            to_email, "accounts/email/password_reset", {"user": user, "link": link}, user.language
        )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = TemplatedPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        form.client_ip = client_ip(self.request)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The link came to the address: the address is the user's (takes over a squatter).
        services.password_was_reset(form.user)
        reactivate_after_reset(form.user)  # deactivated for inactivity: back (retention)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:security")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            forbid_unless(policies.can_manage_own_account(request.user))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed."))
        return super().form_valid(form)


# --- Profile, export, deletion --------------------------------------------------------


def _profile_queryset():
    return TeacherProfile.objects.select_related("user", "preferred_kit").prefetch_related(
        "subjects", "languages", "age_bands", "user__schools__country"
    )


@login_required
def profile(request):
    require(policies.can_edit_profile(request.user))
    return redirect("accounts:teacher", user_id=request.user.pk)


def teacher_detail(request, user_id):
    teacher = get_object_or_404(User.objects.select_related("teacher_profile"), pk=user_id)
    require(policies.can_view_teacher(request.user, teacher))
    profile = _profile_queryset().get(user=teacher)
    return render(
        request,
        "accounts/teacher_detail.html",
        {
            "teacher": teacher,
            "profile": profile,
            "show_email": policies.can_see_email_of(request.user, teacher),
            "is_me": teacher.pk == request.user.pk,
        },
    )


def teacher_photo(request, user_id):
    teacher = get_object_or_404(User.objects.select_related("teacher_profile"), pk=user_id)
    require(policies.can_view_teacher(request.user, teacher))
    profile = teacher.teacher_profile
    require(bool(profile.photo))
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
@login_required
def profile_edit(request):
    user = request.user
    require(policies.can_edit_profile(user))
    profile = user.teacher_profile
    form = ProfileForm(
        request.POST or None,
        request.FILES or None,
        instance=profile,
        initial={"display_name": user.display_name, "language": user.language},
    )
    if request.method == "POST" and form.is_valid():
        photo = None
        if form.cleaned_data.get("photo"):
            # The shared image pipeline (header checked before decoding, re-encoded).
            from django.core.exceptions import ValidationError

            from jumelage.core import images

            try:
                photo = images.process(form.cleaned_data["photo"], images.PROFILE_PHOTO).content
            except ValidationError as error:
                form.add_error("photo", error)
        if not form.errors:
            form.cleaned_data.pop("photo", None)
            form.instance.photo = profile.photo  # never the raw upload
            services.update_profile(
                user,
                form,
                form.cleaned_data["display_name"],
                photo=photo,
                remove_photo=form.cleaned_data.get("remove_photo", False),
                language=form.cleaned_data.get("language") or None,
            )
            translation.activate(user.language)  # the confirmation already in it
            messages.success(request, _("Your profile is saved."))
            response = redirect("accounts:profile")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.LANGUAGE_COOKIE_SECURE,
            )
            return response
    return render(request, "accounts/profile_edit.html", {"form": form})


@login_required
def export(request):
    require(policies.can_edit_profile(request.user))
    # The zip is written to a temporary file (deleted when closed), then streamed by
    # FileResponse: memory stays bounded whatever the number of uploads.
    archive = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    try:
        write_archive(request.user, archive)
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    return FileResponse(
        archive,
        as_attachment=True,
        filename="jumelage-my-data.zip",
        content_type="application/zip",
    )


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    user = request.user
    require(policies.can_edit_profile(user))
    form = ConfirmPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.delete_account(user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})


def admin_login(request, extra_context=None):
    """The admin site logs in through the platform's login (with its second factor)."""
    next_url = _safe_next(request, reverse("admin:index"))
    if request.user.is_authenticated and not policies.second_factor_ok(request.user):
        return redirect(f"{reverse('accounts:otp_setup')}?next={quote(next_url)}")
    if request.user.is_authenticated:
        raise Http404
    return redirect(f"{reverse('accounts:login')}?next={quote(next_url)}")
