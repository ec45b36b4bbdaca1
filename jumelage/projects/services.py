"""Writes on projects: each function is one transaction and records its decision.

The contract: views resolve the access once (`project_view`) and refuse with a 404;
services receive that `access` (who acts, with which rights), check the state of
things (the project is active, a co-founder has accepted, an admin remains) and
raise `jumelage.core.errors.Refused` with a message for the user. Who may, and why
not, is asked of the access object or of projects.policies, never re-queried here.
"""

import secrets
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, router, transaction
from django.db.models import Exists, FileField, OuterRef
from django.db.models.deletion import Collector
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jumelage.accounts import pupil_passwords
from jumelage.accounts.models import TeacherProfile, User
from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.core.languages import country_language
from jumelage.core.sanitising import sanitise_html
from jumelage.mail.sending import send_templated_mail
from jumelage.notifications.services import notify
from jumelage.schools.models import SchoolMembership

from . import policies, queries
from .access import ProjectAccess
from .models import Approval, Invitation, Membership, Project, PupilAccount
from .signals import project_activated

INVITATION_DAYS = 14


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- Creating and founding ------------------------------------------------------


@transaction.atomic
def create_project(creator, school, data: dict, *, subjects, languages, productions) -> Project:
    """A draft founded by its creator, acting for one of their founding schools."""
    if not queries.founding_schools(creator).filter(pk=school.pk).exists():
        raise Refused(_("You can only found a project for one of your verified schools."))
    data = {**data, "description": sanitise_html(data.get("description") or "")}
    project = Project.objects.create(created_by=creator, status=Project.Status.DRAFT, **data)
    project.subjects.set(subjects)
    project.languages.set(languages)
    project.productions.set(productions)
    Membership.objects.create(
        project=project, user=creator, role=Membership.Role.ADMIN, school=school, is_founder=True
    )
    record(creator, "project.created", project, project=project, country=school.country)
    return project


def _locked(access: ProjectAccess) -> ProjectAccess:
    """The same access over the project row locked for this transaction (its fresh state)."""
    project = Project.objects.select_for_update().get(pk=access.project.pk)
    return replace(access, project=project)


@transaction.atomic
def update_project(access, data: dict, *, subjects, languages, productions) -> Project:
    actor, project = access.user, access.project
    if not access.can_edit_project:
        raise Refused(_("The project cannot be edited while the offices examine it."))
    data = {**data, "description": sanitise_html(data.get("description") or "")}
    for field, value in data.items():
        setattr(project, field, value)
    project.save()
    project.subjects.set(subjects)
    project.languages.set(languages)
    project.productions.set(productions)
    record(actor, "project.edited", project, project=project)
    return project


def _new_invitation(project, actor, role, invitee=None, email="") -> Invitation:
    """Insert the invitation; a concurrent twin loses on the database's unique constraint.

    An expired invitation still marked pending is closed first, so that the person can
    be invited again. policies.invitee_refusal gives the usual answer; the constraint
    (see Invitation.Meta) is what holds when two requests check at the same time.
    """
    queries.pending_invitations(project, invitee, email).filter(
        expires_at__lte=timezone.now()
    ).update(status=Invitation.Status.EXPIRED)
    reason = policies.invitee_refusal(project, role, inviter=actor, invitee=invitee, email=email)
    if reason:
        raise Refused(reason)
    try:
        with transaction.atomic():
            return Invitation.objects.create(
                project=project,
                role=role,
                invited_by=actor,
                invitee=invitee,
                email="" if invitee else email.strip().lower(),
                token=secrets.token_urlsafe(32),
                expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError as error:
        raise Refused(_("This person already has a pending invitation.")) from error


def _send_on_commit(invitation) -> None:
    """One email per invitation that exists: nothing leaves for a rolled-back twin."""
    transaction.on_commit(lambda: _send_invitation(invitation))


def _send_invitation(invitation) -> None:
    url = reverse("projects:invitation", args=[invitation.token])
    ctx = {
        "project": invitation.project,
        "inviter": invitation.invited_by,
        "invitation": invitation,
        "url": _absolute(url),
    }
    if invitation.invitee is not None:
        user = invitation.invitee
        with translation.override(user.language):
            title = _("%(name)s invites you to the project “%(project)s”") % {
                "name": invitation.invited_by,
                "project": invitation.project.title,
            }
        notify(
            user,
            "invitation",
            title,
            url,
            email_template="projects/email/invitation",
            context=ctx,
        )
    else:
        send_templated_mail(
            invitation.email,
            "projects/email/invitation",
            ctx,
            language=translation.get_language() or "en",
        )


def _existing_user(email: str):
    """The account that proved owning this address; an unconfirmed one gets nothing."""
    if not email:
        return None
    return User.objects.filter(
        email__iexact=email.strip(), email_confirmed_at__isnull=False, is_active=True
    ).first()


@transaction.atomic
def invite_cofounder(access, *, invitee=None, email="") -> Invitation:
    """The creator invites the teacher of another founding country; the draft then waits."""
    access = _locked(access)
    actor, project = access.user, access.project
    if not access.can_invite_cofounder:
        raise Refused(_("This project cannot take a co-founder now."))
    invitee = invitee or _existing_user(email)
    invitation = _new_invitation(project, actor, Invitation.Role.COFOUNDER, invitee, email)
    project.status = Project.Status.AWAITING_COFOUNDER
    project.save(update_fields=["status"])
    record(actor, "project.cofounder_invited", invitation, project=project, subject_user=invitee)
    _send_on_commit(invitation)
    return invitation


@transaction.atomic
def invite_member(access, role, *, invitee=None, email="") -> Invitation:
    """Admins of an active project invite any teacher (same country too) or a guest."""
    actor, project = access.user, access.project
    if not access.can_manage_members:
        raise Refused(_("Only the project's administrators invite people, while it is active."))
    invitee = invitee or _existing_user(email)
    invitation = _new_invitation(project, actor, role, invitee, email)
    record(actor, "project.member_invited", invitation, project=project, subject_user=invitee)
    _send_on_commit(invitation)
    return invitation


def _lock_open_invitation(invitation, user) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().select_related("project").get(pk=invitation.pk)
    )
    if invitation.status != Invitation.Status.PENDING:
        raise Refused(_("This invitation has already been answered or withdrawn."))
    if invitation.is_expired:
        raise Refused(_("This invitation has expired. Ask for a new one."))
    if not policies.can_respond_invitation(user, invitation):
        raise Refused(_("This invitation was sent to someone else."))
    return invitation


@transaction.atomic
def accept_invitation(invitation, user, school=None) -> Membership:
    invitation = _lock_open_invitation(invitation, user)
    project = Project.objects.select_for_update().get(pk=invitation.project_id)
    if invitation.role == Invitation.Role.COFOUNDER:
        if project.status != Project.Status.AWAITING_COFOUNDER:
            raise Refused(_("This project no longer waits for a co-founder."))
        if school is None:
            raise Refused(_("Choose one of your verified schools."))
        reason = policies.cofounder_refusal(project, user, school)
        if reason:
            raise Refused(reason)
        member = Membership.objects.create(
            project=project, user=user, role=Membership.Role.ADMIN, school=school, is_founder=True
        )
        project.status = Project.Status.DRAFT
        project.save(update_fields=["status"])
    else:
        if not project.is_active:
            raise Refused(_("This project is not active."))
        reason = policies.member_refusal(project, user, invitation.role)
        if reason:
            raise Refused(reason)
        if school is not None and not user.schools.filter(pk=school.pk).exists():
            raise Refused(_("Choose one of your schools."))
        member = Membership.objects.create(
            project=project,
            user=user,
            role=invitation.role,
            school=school or queries.verified_schools(user).first(),
        )
    invitation.status = Invitation.Status.ACCEPTED
    invitation.invitee = user
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "invitee", "responded_at"])
    record(user, "invitation.accepted", invitation, project=project, role=invitation.role)
    if invitation.invited_by:
        _tell(
            invitation.invited_by,
            gettext_noop("%(name)s accepted your invitation to “%(project)s”"),
            {"name": str(user), "project": project.title},
            reverse("projects:detail", args=[project.pk]),
        )
    return member


def guest_account_refusal(invitation) -> str | None:
    """Why this invitation cannot create its guest's account, or None.

    Only a guest invitation sent to an address with no account yet: an address that
    already has an account logs in instead (the account is then checked as usual).
    """
    readers = (Invitation.Role.GUEST, Invitation.Role.VISITOR)
    if invitation.role not in readers or invitation.invitee_id or not invitation.email:
        return _("Log in or create your account first, then open this invitation again.")
    if User.objects.filter(email__iexact=invitation.email).exists():
        return _("An account already uses this address: log in to answer the invitation.")
    return None


@transaction.atomic
def accept_as_new_guest(invitation, *, display_name, password, language) -> Membership:
    """Create the invited guest's account and accept the invitation, in one transaction.

    The address is the invitation's: the link that brought the person here was sent to
    it alone and carries an unguessable token, which proves owning the address as much
    as the sign-up's confirmation link would; so the address counts as confirmed. The
    account is an unverified teacher account (no school, no verification asked): the
    membership gives guest rights, read only, and nothing here makes a verified teacher.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    reason = guest_account_refusal(invitation)
    if reason:
        raise Refused(reason)
    if not invitation.is_open:
        raise Refused(_("This invitation has already been answered, withdrawn or has expired."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=invitation.email,
                password=password,
                display_name=display_name,
                kind=User.Kind.TEACHER,
                language=language,
                email_confirmed_at=timezone.now(),
            )
    except IntegrityError as error:
        raise Refused(
            _("An account already uses this address: log in to answer the invitation.")
        ) from error
    TeacherProfile.objects.create(user=user, status=TeacherProfile.Status.EMAIL_CONFIRMED)
    record(user, "account.signed_up_as_guest", user, subject_user=user)
    return accept_invitation(invitation, user)


@transaction.atomic
def decline_invitation(invitation, user) -> None:
    invitation = _lock_open_invitation(invitation, user)
    invitation.status = Invitation.Status.DECLINED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    _reopen_draft_if_cofounder(invitation)
    record(user, "invitation.declined", invitation, project=invitation.project)


@transaction.atomic
def revoke_invitation(access, invitation) -> None:
    actor = access.user
    access = _locked(access)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not access.can_revoke_invitation(invitation):
        raise Refused(_("This invitation can no longer be withdrawn."))
    invitation.status = Invitation.Status.REVOKED
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["status", "responded_at"])
    _reopen_draft_if_cofounder(invitation)
    record(actor, "invitation.revoked", invitation, project=invitation.project)


def _reopen_draft_if_cofounder(invitation) -> None:
    if invitation.role == Invitation.Role.COFOUNDER:
        Project.objects.filter(
            pk=invitation.project_id, status=Project.Status.AWAITING_COFOUNDER
        ).update(status=Project.Status.DRAFT)


def _tell(user, title: str, params: dict, url: str, *, kind="invitation", template=None, ctx=None):
    with translation.override(user.language):
        text = _(title) % params  # title is marked with gettext_noop by the caller
    notify(user, kind, text, url, email_template=template, context=ctx)


# --- Approval -------------------------------------------------------------------


@transaction.atomic
def submit(access) -> list[Approval]:
    """Send the project to the support office of each founder's country."""
    access = _locked(access)
    actor, project = access.user, access.project
    if not access.can_submit:
        raise Refused(_("The project can be submitted once the co-founder has accepted."))
    founders = list(project.memberships.filter(is_founder=True).select_related("school__country"))
    reason = policies.founding_refusal(founders[0].school, founders[1].school)
    if reason:
        raise Refused(reason)
    now = timezone.now()
    approvals = []
    for founder in founders:
        approval, _created = Approval.objects.update_or_create(
            project=project,
            country=founder.school.country,
            defaults={
                "status": Approval.Status.PENDING,
                "reason": "",
                "decided_by": None,
                "decided_at": None,
                "submitted_at": now,
            },
        )
        approvals.append(approval)
    project.approvals.exclude(pk__in=[a.pk for a in approvals]).delete()
    project.status = Project.Status.AWAITING_APPROVAL
    project.submitted_at = now
    project.save(update_fields=["status", "submitted_at"])
    record(actor, "project.submitted", project, project=project)
    url = reverse("projects:approvals")
    staff = User.objects.filter(
        support_roles__country__in=[a.country_id for a in approvals],
        support_roles__can_verify=True,
        is_active=True,
    ).distinct()
    for person in staff:
        _tell(
            person,
            gettext_noop("The project “%(project)s” awaits your approval"),
            {"project": project.title},
            url,
            kind="approval",
            template="projects/email/approval_request",
            ctx={"project": project, "url": _absolute(url)},
        )
    return approvals


@transaction.atomic
def decide(approval, actor, *, approve: bool, reason: str = "") -> Approval:
    """One office's decision; the project is active once every founding country approved."""
    approval = Approval.objects.select_for_update().select_related("project").get(pk=approval.pk)
    project = Project.objects.select_for_update().get(pk=approval.project_id)
    approval.project = project
    if not policies.can_decide_approval(actor, approval):
        raise Refused(_("This project is not awaiting your decision."))
    reason = reason.strip()
    if not approve and not reason:
        raise Refused(_("Give the founders the reason for the rejection."))
    approval.status = Approval.Status.APPROVED if approve else Approval.Status.REJECTED
    approval.reason = "" if approve else reason
    approval.decided_by = actor
    approval.decided_at = timezone.now()
    approval.save()
    record(
        actor,
        "project.approved" if approve else "project.rejected",
        project,
        project=project,
        country=approval.country,
        note=approval.reason,
    )
    if not approve:
        project.status = Project.Status.DRAFT
        project.save(update_fields=["status"])
    elif not project.approvals.exclude(status=Approval.Status.APPROVED).exists():
        project.status = Project.Status.ACTIVE
        project.activated_at = timezone.now()
        project.save(update_fields=["status", "activated_at"])
        record(actor, "project.activated", project, project=project)
        project_activated.send(sender=Project, project=project)
    url = reverse("projects:detail", args=[project.pk])
    for founder in project.memberships.filter(is_founder=True).select_related("user"):
        _tell(
            founder.user,
            gettext_noop("Approved for %(country)s: “%(project)s”")
            if approve
            else gettext_noop("Not approved for %(country)s: “%(project)s”"),
            {
                "country": approval.country,
                "project": project.title,
            },  # named in each reader's language
            url,
            kind="approval",
            template="projects/email/approval_decision",
            ctx={"project": project, "approval": approval, "url": _absolute(url)},
        )
    return approval


# --- Members ----------------------------------------------------------------------


@transaction.atomic
def remove_member(access, member: Membership) -> None:
    actor, project = access.user, access.project
    if not access.can_remove_member(member):
        raise Refused(_("This member cannot be removed."))
    _drop_memberships(project, [member])
    record(actor, "project.member_removed", project, project=project, subject_user=member.user)


@transaction.atomic
def leave(access) -> None:
    user, project = access.user, access.project
    if not access.can_leave:
        raise Refused(_("You cannot leave: a project always keeps at least one administrator."))
    _drop_memberships(project, [access.membership])
    record(user, "project.member_left", project, project=project)


def _drop_memberships(project, members) -> None:
    """Remove members; a departing teacher's class stays, looked after by an administrator."""
    pupil_ids = [m.user_id for m in members if m.role == Membership.Role.PUPIL]
    teacher_ids = [m.user_id for m in members if m.is_teacher]
    Membership.objects.filter(pk__in=[m.pk for m in members]).delete()
    if teacher_ids:
        admin = project.memberships.filter(role=Membership.Role.ADMIN).first()
        project.memberships.filter(role=Membership.Role.PUPIL, teacher_id__in=teacher_ids).update(
            teacher=admin.user if admin else None
        )
    _release_pupils(pupil_ids)


@transaction.atomic
def leave_all_projects(user) -> None:
    """A deleted account leaves every project; a project never loses its last administrator.

    The longest-standing teacher member takes over an administrator's rights when
    the departing person was the last one (and looks after their pupils).
    """
    for member in Membership.objects.filter(user=user).select_related("project"):
        project = member.project
        if member.role == Membership.Role.ADMIN:
            others = project.memberships.exclude(pk=member.pk)
            if not others.filter(role=Membership.Role.ADMIN).exists():
                heir = (
                    others.filter(role=Membership.Role.TEACHER).order_by("joined_at", "pk").first()
                )
                if heir is not None:
                    heir.role = Membership.Role.ADMIN
                    heir.save(update_fields=["role"])
                    record(
                        None,
                        "project.admin_granted",
                        project,
                        project=project,
                        subject_user=heir.user,
                        reason="last administrator left",
                    )
        _drop_memberships(project, [member])
        record(None, "project.member_left", project, project=project, subject_user=user)


@transaction.atomic
def make_admin(access, member: Membership) -> None:
    actor, project = access.user, access.project
    if not access.can_make_admin(member):
        raise Refused(_("Only a teacher member can become an administrator."))
    member.role = Membership.Role.ADMIN
    member.save(update_fields=["role"])
    record(actor, "project.admin_granted", project, project=project, subject_user=member.user)


@transaction.atomic
def set_pupil_admin(access, member: Membership, promote: bool) -> None:
    """A pupil administrator creates pages, opens topics and helps moderate pupils."""
    if not access.can_promote_pupil(member):
        raise Refused(_("Only the pupil's teachers promote a pupil, while the project is active."))
    member.pupil_admin = promote
    member.save(update_fields=["pupil_admin"])
    action = "project.pupil_admin_granted" if promote else "project.pupil_admin_removed"
    record(access.user, action, access.project, project=access.project, subject_user=member.user)


# --- Lifecycle --------------------------------------------------------------------


@transaction.atomic
def close(access) -> None:
    """Closing keeps everything: the project becomes read-only for its members."""
    access = _locked(access)
    actor, project = access.user, access.project
    if not access.can_close:
        raise Refused(_("Only an administrator closes an active project."))
    project.status = Project.Status.CLOSED
    project.closed_at = timezone.now()
    project.save(update_fields=["status", "closed_at"])
    record(actor, "project.closed", project, project=project)


@transaction.atomic
def reopen(access) -> None:
    access = _locked(access)
    actor, project = access.user, access.project
    if not access.can_reopen:
        raise Refused(_("Only an administrator reopens a closed project."))
    project.status = Project.Status.ACTIVE
    project.closed_at = None
    project.save(update_fields=["status", "closed_at"])
    record(actor, "project.reopened", project, project=project)


@transaction.atomic
def archive(access) -> None:
    """An archived project no longer holds its pupils' accounts."""
    access = _locked(access)
    actor, project = access.user, access.project
    if not access.can_archive:
        raise Refused(_("Only an administrator archives a closed project."))
    project.status = Project.Status.ARCHIVED
    project.archived_at = timezone.now()
    project.save(update_fields=["status", "archived_at"])
    pupils = project.memberships.filter(role=Membership.Role.PUPIL).values_list(
        "user_id", flat=True
    )
    _release_pupils(list(pupils))
    record(actor, "project.archived", project, project=project)


# --- Pupils -----------------------------------------------------------------------

LOGIN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _logins_for(names: list[str]) -> list[str]:
    """A fresh login per name ("lea-x7k2"), checked against existing ones in one query."""
    bases = [slugify(name)[:20] or "pupil" for name in names]
    while True:
        logins = [
            f"{base}-{''.join(secrets.choice(LOGIN_ALPHABET) for _ in range(4))}" for base in bases
        ]
        if len(set(logins)) < len(logins):
            continue
        taken = User.objects.annotate(login=Lower("username")).filter(login__in=logins)
        if not taken.exists():
            return logins


def _holding():
    """Pupils still held by a project that is not archived."""
    return Membership.objects.filter(user_id=OuterRef("user_id")).exclude(
        project__status=Project.Status.ARCHIVED
    )


def _release_pupils(pupil_ids) -> None:
    if not pupil_ids:
        return
    PupilAccount.objects.filter(user_id__in=pupil_ids, released_at__isnull=True).annotate(
        held=Exists(_holding())
    ).filter(held=False).update(released_at=timezone.now())


@transaction.atomic
def create_pupils(access, names: list[str], style: str = pupil_passwords.WORDS):
    """Accounts for the teacher's class: a first name or nickname each, no email.

    Returns (pupil, one-time password) pairs for the login cards; the password is
    shown once and must be changed at first login. The rows are written in bulk
    (the same number of queries for 5 pupils or 60) and the card passwords hashed
    at the card's cost (accounts.pupil_passwords): a class takes well under 2 s.
    """
    teacher, project = access.user, access.project
    if not access.can_manage_pupils:
        raise Refused(_("Only teacher members create pupil accounts, while the project is active."))
    school = access.membership.school or teacher.schools.first()
    if school is None:
        raise Refused(_("You need a school to create pupil accounts."))
    passwords = [pupil_passwords.card_password(style, teacher.language) for _ in names]
    # A pupil reads the language of their school's country (a German pupil of a French
    # founder's project still gets German); the teacher's when the site does not speak it.
    language = country_language(school.country, default=teacher.language)
    pupils = User.objects.bulk_create(
        [
            User(
                email=None,
                password=pupil_passwords.card_hash(password),
                display_name=name,
                kind=User.Kind.PUPIL,
                username=login,
                language=language,
                must_change_password=True,
            )
            for name, login, password in zip(names, _logins_for(names), passwords, strict=True)
        ]
    )
    SchoolMembership.objects.bulk_create(
        [SchoolMembership(school=school, user=pupil) for pupil in pupils]
    )
    PupilAccount.objects.bulk_create(
        [PupilAccount(user=pupil, school=school, created_by=teacher) for pupil in pupils]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                project=project,
                user=pupil,
                role=Membership.Role.PUPIL,
                school=school,
                teacher=teacher,
            )
            for pupil in pupils
        ]
    )
    record(teacher, "project.pupils_created", project, project=project, count=len(pupils))
    return list(zip(pupils, passwords, strict=True))


@transaction.atomic
def reset_pupil_password(access, pupil_member: Membership, style: str = pupil_passwords.WORDS):
    teacher, project = access.user, access.project
    if not access.can_reset_pupil(pupil_member):
        raise Refused(_("You can only reset the passwords of your own pupils."))
    pupil = pupil_member.user
    password = pupil_passwords.card_password(style, teacher.language)
    pupil.password = pupil_passwords.card_hash(password)
    pupil.must_change_password = True
    pupil.save(update_fields=["password", "must_change_password"])
    record(teacher, "project.pupil_password_reset", project, project=project, subject_user=pupil)
    return password


@transaction.atomic
def remove_expired_pupils(now=None) -> int:
    """Delete pupil accounts no project has held for the retention period."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.JUMELAGE_PUPIL_RETENTION_DAYS)
    held = Membership.objects.filter(user_id=OuterRef("pk")).exclude(
        project__status=Project.Status.ARCHIVED
    )
    # The account was released, and no project took it back since.
    expired = (
        User.objects.filter(kind=User.Kind.PUPIL)
        .annotate(held=Exists(held))
        .filter(held=False, pupil_account__released_at__lte=cutoff)
    )
    ids = list(expired.values_list("pk", flat=True))
    if ids:
        User.objects.filter(pk__in=ids).delete()
        record(None, "pupils.removed_after_retention", None, count=len(ids))
    return len(ids)


# --- Deletion -----------------------------------------------------------------------


class _LoadingCollector(Collector):
    """Django's deletion collector, made to load every row it will delete.

    Fast deletes skip loading rows; the files they name would then stay on disk.
    """

    def can_fast_delete(self, *args, **kwargs) -> bool:
        return False


@transaction.atomic
def delete_project(project, *, reason: str) -> int:
    """Delete a project, everything in it and its files; returns the rows deleted.

    Files of every app (materials, blog covers...) are found through the rows the
    deletion cascades to, so no upper app has to be imported here; they leave the
    disk once the transaction commits. Pupil accounts are not deleted: they follow
    their own retention rule (remove_expired_pupils).
    """
    collector = _LoadingCollector(using=router.db_for_write(Project))
    collector.collect([project])
    files = []
    for model, instances in collector.data.items():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
        for instance in instances if fields else ():
            files += [(f.storage, getattr(instance, f.attname).name) for f in fields]
    files = [(storage, name) for storage, name in files if name]
    project_id, title = project.pk, project.title
    deleted, _counts = collector.delete()
    record(None, "project.deleted", None, project_id=project_id, title=title, reason=reason)
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return deleted
