"""People on the platform: teachers (email login), pupils (no email) and support staff."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from jumelage.core.lookups import compare_lowercased
from jumelage.core.prepared import Prepared

# The address domain of deleted accounts (accounts.services.delete_account).
FORMER_MEMBER_DOMAIN = "former-member.invalid"
FORMER_MEMBER = "Former member"  # the stored name; shown translated (User.__str__)


def name_columns(path: str) -> tuple[str, ...]:
    """The columns `shown_name` reads, through `path` to the user (e.g. "author__"), for
    lists that read columns rather than users."""
    return tuple(f"{path}{column}" for column in ("display_name", "email", "username"))


def shown_name(display_name, email, username) -> str:
    """What `User.__str__` shows, from the user's columns: a list of many rows reads these
    three instead of building a user each (values_list through a nullable key gives three
    None when there is no user: "")."""
    if display_name is None and email is None and username is None:
        return ""
    if display_name == FORMER_MEMBER and (email or "").endswith("@" + FORMER_MEMBER_DOMAIN):
        return gettext("Former member")
    return display_name or email or username or "?"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        email = self.normalize_email(email).lower() if email else None
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("kind", User.Kind.TEACHER)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        # An operator types this address on the server: it counts as confirmed.
        extra.setdefault("email_confirmed_at", timezone.now())
        extra.update(is_staff=True, is_superuser=True, kind=User.Kind.STAFF)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)

    def get(self, *args, **kwargs):
        """`get(pk=<int>)` prepared: auth loads the signed-in user so on every request."""
        if not args and self._db is None and kwargs.keys() == {"pk"} and type(kwargs["pk"]) is int:
            user = _USER_BY_PK.first(pk=kwargs["pk"])
            if user is None:
                raise self.model.DoesNotExist(
                    f"{self.model._meta.object_name} matching query does not exist."
                )
            return user
        return super().get(*args, **kwargs)


class User(AbstractBaseUser, PermissionsMixin):
    class Kind(models.TextChoices):
        TEACHER = "teacher", _("Teacher")
        PUPIL = "pupil", _("Pupil")
        STAFF = "staff", _("Support staff")

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    username = models.CharField(
        _("pupil login"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Pupils log in with this name; they have no email address."),
    )
    display_name = models.CharField(_("name shown to others"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEACHER)
    language = models.CharField(_("language"), max_length=8, default="en")
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    must_change_password = models.BooleanField(default=False)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("admin site access"), default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        indexes = [models.Index(Lower("username"), name="user_username_ci")]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(
                condition=models.Q(kind="pupil", email__isnull=True, username__isnull=False)
                | (~models.Q(kind="pupil") & models.Q(email__isnull=False)),
                name="pupil_has_login_not_email",
            ),
        ]

    def __str__(self) -> str:
        if self.is_former_member:
            return gettext("Former member")
        return self.display_name or self.email or self.username or "?"

    @property
    def is_former_member(self) -> bool:
        """A deleted account: the row stays so shared content keeps an author."""
        if self.display_name != FORMER_MEMBER:
            return False
        # Lists load only the name (.only("author__display_name")): no query for the email.
        return "email" in self.get_deferred_fields() or (
            bool(self.email) and self.email.endswith("@" + FORMER_MEMBER_DOMAIN)
        )

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._loaded_email = user.__dict__.get("email")
        user._loaded_confirmed_at = user.__dict__.get("email_confirmed_at")
        return user

    def save(self, *args, **kwargs):
        """Every password change or reset, whatever the path, tells listeners after commit.

        A new address is not confirmed by the old one's confirmation: whatever path
        changes the email (admin, a future form) must have the new one confirmed again.
        """
        loaded = getattr(self, "_loaded_email", None)
        if (
            not self._state.adding
            and loaded is not None
            and (self.email or "").lower() != loaded.lower()
            and self.email_confirmed_at == getattr(self, "_loaded_confirmed_at", None)
        ):
            self.email_confirmed_at = None
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "email_confirmed_at"}
        changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        self._loaded_email = self.email
        self._loaded_confirmed_at = self.email_confirmed_at
        if changed:
            from .signals import send_credentials_changed

            send_credentials_changed(self)

    @property
    def is_teacher(self) -> bool:
        return self.kind == self.Kind.TEACHER

    @property
    def is_pupil(self) -> bool:
        return self.kind == self.Kind.PUPIL

    @property
    def reading_language(self) -> str:
        """The catalogue to write to this person in: a pupil's has its "tu" variant."""
        from jumelage.core.l10n import reader_language

        return reader_language(self.language or settings.LANGUAGE_CODE, is_pupil=self.is_pupil)

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return str(self)


# Logins are looked up whatever their case, through user_email_ci_unique and user_username_ci.
compare_lowercased(User, "email", "username")
_USER_BY_PK = Prepared(lambda pk: User.objects.filter(pk=pk), pk=int)


class TeacherProfile(models.Model):
    """What a teacher shows others, and where their registration stands."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        EMAIL_CONFIRMED = "email_confirmed", _("Email confirmed")
        AWAITING_VERIFICATION = "awaiting", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="teacher_profile")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REGISTERED)
    photo = models.ImageField(_("photo"), upload_to="profiles/", blank=True)
    presentation = models.TextField(_("presentation"), blank=True)
    subjects = models.ManyToManyField(
        "reference.Subject", blank=True, verbose_name=_("subjects taught")
    )
    languages = models.ManyToManyField(
        "reference.Language", blank=True, verbose_name=_("languages spoken")
    )
    age_bands = models.ManyToManyField(
        "reference.AgeBand", blank=True, verbose_name=_("pupils' ages")
    )
    email_visible = models.BooleanField(_("other teachers may see my email"), default=False)
    findable = models.BooleanField(_("appear in partner search"), default=True)
    wants_kit = models.BooleanField(_("I would like to start from a kit"), default=False)
    preferred_kit = models.ForeignKey(
        "kits.Kit", null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("kit")
    )
    rejection_reason = models.TextField(blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("teacher profile")
        verbose_name_plural = _("teacher profiles")
        indexes = [models.Index(fields=["status", "findable"])]

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def from_db(cls, db, field_names, values):
        """Remembers the stored status: only a change of it recounts the school queues."""
        instance = super().from_db(db, field_names, values)
        instance._stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_verified(self) -> bool:
        return self.status == self.Status.VERIFIED


_PROFILE_OF = Prepared(lambda user_id: TeacherProfile.objects.filter(user_id=user_id), user_id=int)


def teacher_profile_of(user) -> TeacherProfile | None:
    """`user.teacher_profile`, or None. The first ask in a request (the dashboard, partner
    and project pages all ask) reads it by a prepared query; the answer is kept on the
    user as Django's own attribute keeps it, so `user.teacher_profile` costs nothing after."""
    if not getattr(user, "is_authenticated", False) or user.pk is None:
        return None
    related = User.teacher_profile.related
    if related.is_cached(user):
        return related.get_cached_value(user)
    profile = _PROFILE_OF.first(user_id=user.pk)
    related.set_cached_value(user, profile)
    if profile is not None:
        related.field.set_cached_value(profile, user)
    return profile
