"""Passwords a child can manage: the card's one-time password and the pupil's own.

Card passwords come in two styles the teacher chooses from: simple words
("sun-frog-42", from the word list of the teacher's language shipped in
pupil_words/) or ten random characters. Either is hashed as every password is,
with Argon2id (accounts/hashers.py: 20 ms, a class of 30 in well under two
seconds). Where an operator configured PBKDF2 instead, card passwords get a
cheaper PBKDF2 (CARD_ITERATIONS) than chosen passwords, for the same reason. Why
that is acceptable: the card password is random, is replaced at first login
(PupilPasswordChangeMiddleware), and the login itself rehashes it at full cost
(Django upgrades a hash whose iteration count is below the default); online
guessing is throttled (accounts/throttling.py) whatever the hash. See
docs/projects.md.

A pupil's own password follows rules a 7-year-old can follow (PUPIL_VALIDATORS),
not the adult AUTH_PASSWORD_VALIDATORS.
"""

import secrets
from functools import cache
from pathlib import Path

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.contrib.auth.password_validation import MinimumLengthValidator, validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

WORDS = "words"
RANDOM = "random"
STYLES = [
    (WORDS, gettext_lazy("Two simple words and a number (e.g. sun-frog-42): for young pupils")),
    (RANDOM, gettext_lazy("Ten random letters and digits: for older pupils")),
]
CARD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# 1/40 of Django 5.2's 1,000,000: about 10 ms a hash here instead of 400 ms.
CARD_ITERATIONS = 25_000
WORD_DIR = Path(__file__).with_name("pupil_words")
PUPIL_MIN_LENGTH = 6


@cache
def words(language: str) -> tuple[str, ...]:
    """The child-friendly word list of a language (English when there is none)."""
    path = WORD_DIR / f"{language.split('-')[0].lower()}.txt"
    if not path.exists():
        path = WORD_DIR / "en.txt"
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


def card_password(style: str = WORDS, language: str = "en") -> str:
    if style == RANDOM:
        return "".join(secrets.choice(CARD_ALPHABET) for _ in range(10))
    pool = words(language)
    first = secrets.choice(pool)
    second = secrets.choice([w for w in pool if w != first])
    return f"{first}-{second}-{secrets.randbelow(90) + 10}"


def card_hash(password: str) -> str:
    """A salted hash of a card password: the default hasher's, or a cheaper PBKDF2 than
    a chosen password's when the default is PBKDF2 at a million iterations."""
    hasher = get_hasher()
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=CARD_ITERATIONS)
    return make_password(password)


class NotTheLoginValidator:
    """A pupil's password is not their login or their name, nor contains them."""

    def validate(self, password, user=None):
        lowered = password.lower()
        for value in (getattr(user, "username", None), getattr(user, "display_name", None)):
            if value and len(value) >= 3 and value.lower() in lowered:
                raise ValidationError(
                    _("Your password must not contain your login or your name."),
                    code="password_is_login",
                )

    def get_help_text(self):
        return _("Not your login, not your name.")


class PupilLengthValidator(MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("Your password is too short: use at least %(min_length)d characters.")
                % {"min_length": self.min_length},
                code="password_too_short",
            )

    def get_help_text(self):
        return _("At least %(min_length)d characters.") % {"min_length": self.min_length}


PUPIL_VALIDATORS = [PupilLengthValidator(PUPIL_MIN_LENGTH), NotTheLoginValidator()]


def validate_pupil_password(password: str, user) -> None:
    validate_password(password, user, password_validators=PUPIL_VALIDATORS)


def pupil_help_text() -> str:
    return " ".join(v.get_help_text() for v in PUPIL_VALIDATORS)
