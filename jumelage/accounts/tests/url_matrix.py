"""Accounts in the permission matrix (see jumelage/testing/matrix.py)."""

from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jumelage.accounts.services import confirmation_token
from jumelage.testing.matrix import (
    ADULTS,
    ALL_TEACHERS,
    EVERYONE,
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    VERIFIED_TEACHERS,
    Case,
)


def setup(world):
    teacher = world.users["teacher"]
    return {
        "token": confirmation_token(world.users["unverified_teacher"]),
        "uidb64": urlsafe_base64_encode(force_bytes(teacher.pk)),
        "reset_token": default_token_generator.make_token(teacher),
        "user_id": teacher.pk,
    }


CASES = [
    Case("accounts:signup", "GET", allowed=EVERYONE),
    Case("accounts:signup", "POST", allowed=EVERYONE),
    Case("accounts:signup_done", "GET", allowed=EVERYONE),
    Case(
        "accounts:confirm_email",
        "GET",
        kwargs=("token",),
        allowed=frozenset({"unverified_teacher"}),
        refused=LOGIN,
    ),
    Case(
        "accounts:resend_confirmation",
        "GET",
        allowed=VERIFIED_TEACHERS | {"anonymous", "unverified_teacher", "visitor"},
        refused=FORBIDDEN,
    ),
    Case(
        "accounts:resend_confirmation",
        "POST",
        allowed=VERIFIED_TEACHERS | {"anonymous", "unverified_teacher", "visitor"},
        refused=FORBIDDEN,
    ),
    Case("accounts:login", "GET", allowed=EVERYONE),
    Case("accounts:login", "POST", allowed=EVERYONE),
    # Without a first step (address and password) in the session: back to the login page.
    Case("accounts:login_code", "GET", allowed=frozenset(), refused=LOGIN),
    Case("accounts:login_code", "POST", allowed=frozenset(), refused=LOGIN),
    Case("accounts:logout", "POST", allowed=EVERYONE),
    Case("accounts:security", "GET", allowed=ADULTS, refused=FORBIDDEN),
    Case("accounts:otp_setup", "GET", allowed=ADULTS, refused=FORBIDDEN),
    Case("accounts:otp_setup", "POST", allowed=ADULTS, refused=FORBIDDEN),
    Case("accounts:otp_disable", "POST", allowed=ALL_TEACHERS, refused=FORBIDDEN),
    Case("accounts:password_change", "GET", allowed=ADULTS, refused=FORBIDDEN),
    Case("accounts:password_change", "POST", allowed=ADULTS, refused=FORBIDDEN),
    Case("accounts:password_reset", "GET", allowed=EVERYONE),
    Case("accounts:password_reset", "POST", allowed=EVERYONE),
    Case("accounts:password_reset_done", "GET", allowed=EVERYONE),
    Case(
        "accounts:password_reset_confirm",
        "GET",
        kwargs={"uidb64": "uidb64", "token": "reset_token"},
        allowed=EVERYONE,
    ),
    Case("accounts:password_reset_complete", "GET", allowed=EVERYONE),
    Case("accounts:profile", "GET", allowed=ALL_TEACHERS),
    Case("accounts:profile_edit", "GET", allowed=ALL_TEACHERS),
    Case("accounts:profile_edit", "POST", allowed=ALL_TEACHERS),
    Case("accounts:export", "GET", allowed=ALL_TEACHERS),
    Case("accounts:delete", "GET", allowed=ALL_TEACHERS),
    Case("accounts:delete", "POST", allowed=ALL_TEACHERS),
    Case(
        "accounts:teacher",
        "GET",
        kwargs=("user_id",),
        allowed=frozenset(
            {"outsider_teacher", "guest", "teacher", "admin", "staff", "staff_abroad", "superuser"}
        ),
        expect={"anonymous": NOT_FOUND},
    ),
    # The teacher has no photo: a 404 for everyone.
    Case(
        "accounts:teacher_photo",
        "GET",
        kwargs=("user_id",),
        allowed=frozenset(),
        expect={"anonymous": NOT_FOUND},
    ),
]
