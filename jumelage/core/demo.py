"""What every app's demo.py shares: the one demo password and how a demo person is made.

`manage.py load_demo` runs each app's `<app>/demo.py:load(stdout)`, sorted by
the module's `ORDER` (default 50), then by INSTALLED_APPS. Each demo is
idempotent (safe to run twice) and prints the logins it creates with `login`.
The user model is looked up (get_user_model), so core imports no app.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "jumelage-demo"


def person(email: str, name: str, kind: str, language: str):
    """The demo user with this address, created (confirmed, with PASSWORD) if missing."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=PASSWORD,
            display_name=name,
            kind=kind,
            language=language,
            email_confirmed_at=timezone.now(),
        )
    return user


def login(stdout, username: str, role: str) -> None:
    """One line of the demo's login list (the password is PASSWORD for all)."""
    stdout.write(f"  {username:40} {role}")
