"""Who may write to whom, and who reads what. The only place for these rules.

Verified teachers write to each other across the platform; adults who share a
project write to each other. Pupils are supervised:
- a pupil writes only inside a project they share with the recipient, to that
  project's teachers, and to its pupils only when the project allows it
  (ProjectPolicy; default: teachers only); never to guests, never outside;
- only the project's teachers (not its guests) write to its pupils;
- every conversation a pupil takes part in belongs to a project, whose teachers
  read it (supervision, read-only);
- a pupil's message to another pupil waits for a teacher when the project's
  approval setting says so (the one rule, ProjectAccess.needs_approval).

Supervision pages are project pages: `project_view(can_supervise)` resolves the
project's access once, and the rules below read that `ProjectAccess`.
"""

from django.db.models import Exists, OuterRef, Q

from jumelage.accounts.models import TeacherProfile, User
from jumelage.accounts.policies import is_verified_teacher
from jumelage.projects.access import VISIBLE_TO_MEMBERS, ProjectAccess, access_for
from jumelage.projects.models import Membership, Visibility

from .models import Participant, PrivateMessage, ProjectPolicy, Thread

TEACHING = (Membership.Role.ADMIN, Membership.Role.TEACHER)


def can_use(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _memberships(**kwargs):
    """Memberships that let people write: a visitor only reads what is opened to visitors."""
    return Membership.objects.filter(**kwargs).exclude(role=Membership.Role.VISITOR)


def _shared_project_ids(a, b) -> set[int]:
    mine = _memberships(user=a, project__status__in=VISIBLE_TO_MEMBERS).values_list(
        "project_id", flat=True
    )
    return set(_memberships(user=b, project_id__in=mine).values_list("project_id", flat=True))


def pupils_may_message_pupils(project) -> bool:
    return ProjectPolicy.objects.filter(project=project, pupils_may_message_pupils=True).exists()


def pupil_pair_projects(sender, recipient) -> list[int]:
    """The projects (ids, oldest first) in which this pair may write, one of them a pupil."""
    roles: dict[int, dict[int, str]] = {}
    for project_id, user_id, role in _memberships(
        user__in=[sender.pk, recipient.pk], project__status__in=VISIBLE_TO_MEMBERS
    ).values_list("project_id", "user_id", "role"):
        roles.setdefault(project_id, {})[user_id] = role
    allowed, between_pupils = [], []
    for project_id, by_user in roles.items():
        if len(by_user) < 2:
            continue
        pair = (by_user[sender.pk], by_user[recipient.pk])
        if Membership.Role.GUEST in pair:
            continue
        if pair == (Membership.Role.PUPIL, Membership.Role.PUPIL):
            between_pupils.append(project_id)
        else:
            allowed.append(project_id)
    if between_pupils:
        allowed += ProjectPolicy.objects.filter(
            project_id__in=between_pupils, pupils_may_message_pupils=True
        ).values_list("project_id", flat=True)
    return sorted(allowed)


def _involves_pupil(*users) -> bool:
    return any(u.is_pupil for u in users)


def can_write_to(sender, recipient, project=None) -> bool:
    """May `sender` write to `recipient` (within `project`, for an existing pupil thread)?"""
    if not can_use(sender) or recipient is None or not recipient.is_active or sender == recipient:
        return False
    if _involves_pupil(sender, recipient):
        projects = pupil_pair_projects(sender, recipient)
        return project.pk in projects if project is not None else bool(projects)
    if is_verified_teacher(sender) and is_verified_teacher(recipient):
        return True
    return bool(_shared_project_ids(sender, recipient))


def thread_project_id(sender, recipient) -> int | None:
    """The project a new conversation belongs to: set whenever a pupil takes part."""
    if not _involves_pupil(sender, recipient):
        return None
    projects = pupil_pair_projects(sender, recipient)
    return projects[0] if projects else None


def recipients(sender):
    """Everyone the sender may write to (for the compose form): the same rules as can_write_to."""
    if not can_use(sender):
        return User.objects.none()
    mine = _memberships(user=sender, project__status__in=VISIBLE_TO_MEMBERS)
    if sender.is_pupil:
        projects = mine.filter(role=Membership.Role.PUPIL).values("project_id")
        open_to_pupils = ProjectPolicy.objects.filter(
            project_id__in=projects, pupils_may_message_pupils=True
        ).values("project_id")
        allowed = Q(memberships__project_id__in=projects, memberships__role__in=TEACHING) | Q(
            memberships__project_id__in=open_to_pupils, memberships__role=Membership.Role.PUPIL
        )
    else:
        allowed = (
            Q(memberships__project_id__in=mine.values("project_id"))
            & ~Q(memberships__role=Membership.Role.VISITOR)
            & ~Q(kind=User.Kind.PUPIL)
        )
        teaching = mine.filter(role__in=TEACHING).values("project_id")
        allowed |= Q(memberships__project_id__in=teaching, memberships__role=Membership.Role.PUPIL)
        if is_verified_teacher(sender):
            allowed |= Q(
                kind=User.Kind.TEACHER, teacher_profile__status=TeacherProfile.Status.VERIFIED
            )
    return (
        User.objects.filter(allowed, is_active=True)
        .exclude(pk=sender.pk)
        .distinct()
        .order_by("display_name")
    )


def visible_to(user) -> Q:
    """The messages a participant reads: delivered ones, and their own whatever their state."""
    return Q(visibility=Visibility.PUBLISHED) | Q(author_id=user.pk)


def can_view_thread(user, thread: Thread) -> bool:
    """A participant who has something to read: a thread whose only message waits for a
    teacher does not exist yet for the recipient."""
    return (
        can_use(user)
        and Participant.objects.filter(thread=thread, user=user).exists()
        and PrivateMessage.objects.filter(visible_to(user), thread=thread).exists()
    )


def can_reply(user, thread: Thread) -> bool:
    """A participant who may still write to every other participant (in the thread's project)."""
    if not can_view_thread(user, thread):
        return False
    others = [p.user for p in thread.participants.select_related("user").exclude(user=user)]
    project = thread.project if thread.project_id else None
    return bool(others) and all(can_write_to(user, other, project) for other in others)


def needs_approval(author, thread: Thread, others) -> bool:
    """Pupil to pupil: held for a teacher when the project's approval setting says so."""
    if thread.project_id is None or not author.is_pupil:
        return False
    if not any(u.is_pupil for u in others):
        return False
    return access_for(author, thread.project).needs_approval()


# --- Supervision: the project's teachers read its pupils' conversations ------------


def can_supervise(access: ProjectAccess) -> bool:
    """The project's teachers (admins included), not its guests, pupils or anyone else."""
    return access.can_view_space and access.is_teacher


def can_moderate_messages(access: ProjectAccess) -> bool:
    """Approve or hide a pupil's message: the project's teachers, while it is active."""
    return can_supervise(access) and access.can_moderate


def supervised_threads(project):
    """Every conversation of the project that a pupil takes part in."""
    pupil_in = Participant.objects.filter(thread=OuterRef("pk"), user__kind=User.Kind.PUPIL)
    return Thread.objects.filter(Exists(pupil_in), project=project)
