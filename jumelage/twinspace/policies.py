"""Who may do what in a project's TwinSpace (home, bulletin, settings, moderation, search).

Built on projects.policies; views call these and nothing else. A refusal on
private content is a 404 (core.policies.require) for anyone outside the project.
"""

from jumelage.projects import policies as project_policies


def remember_answers(user) -> None:
    """Let ask() keep its answers on this user object: views call it once per request.

    The request's user is a fresh object each request, so the answers never outlive it;
    code holding a user for longer (consumers, tests) does not call this and always
    gets fresh answers.
    """
    user.__dict__.setdefault("_space_rules", {})


def ask(rule, user, project) -> bool:
    """projects.policies.<rule>(user, project), asked once per request when remembered.

    A page asks several rules about the same membership; keyed by the project's
    status too, so that closing a project is seen at once.
    """
    cache = user.__dict__.get("_space_rules")
    if cache is None:
        return bool(rule(user, project))
    key = (rule.__name__, project.pk, project.status)
    if key not in cache:
        cache[key] = bool(rule(user, project))
    return cache[key]


def can_view_space(user, project) -> bool:
    return ask(project_policies.can_view_space, user, project)


def can_contribute(user, project) -> bool:
    return ask(project_policies.can_contribute, user, project)


def is_teacher(user, project) -> bool:
    return ask(project_policies.is_project_teacher, user, project)


def is_admin(user, project) -> bool:
    return ask(project_policies.is_project_admin, user, project)


def can_see_bulletin(user, project) -> bool:
    """The bulletin is the teachers' corner: pupils and guests never see it."""
    return can_view_space(user, project) and is_teacher(user, project)


def can_post_bulletin(user, project) -> bool:
    return project.is_active and can_see_bulletin(user, project)


def can_delete_bulletin_note(user, note) -> bool:
    """The author, or an admin of the project, while the project is active."""
    project = note.project
    if not can_post_bulletin(user, project):
        return False
    return note.author_id == user.pk or is_admin(user, project)


def can_see_settings(user, project) -> bool:
    return can_view_space(user, project) and is_admin(user, project)


def can_change_settings(user, project) -> bool:
    """Only the project's admins choose the TwinSpace settings, and not once it is closed."""
    return project.is_active and can_see_settings(user, project)


def can_moderate(user, project) -> bool:
    """Hide, restore, approve: teachers of the project, while it is active."""
    return ask(project_policies.can_moderate, user, project)


def can_read_moderation(user, project) -> bool:
    """The reports and the audit trail of moderation: the project's teachers."""
    return can_view_space(user, project) and is_teacher(user, project)


def can_report(user, project) -> bool:
    """Any member may report content to the teachers while the project is active."""
    return project.is_active and can_view_space(user, project)


def needs_approval(user, project, *, also: bool = False) -> bool:
    """THE approval rule: does what this user writes wait for a teacher before anyone sees it?

    Pupils' (and any non-teacher's) contributions wait when the project's admins chose
    "pupils' contributions wait for approval", or when the place itself asks for it
    (`also`, e.g. a chat room's own setting). Wiki pages, page edits and restores, forum,
    blog, chat and pupils' twinmail all ask this one function.
    """
    if is_teacher(user, project):
        return False
    return bool(project.pupils_need_approval or also)


def can_see_content(user, project, content) -> bool:
    """Published content is for every member; pending or hidden content for teachers and its author."""
    if not can_view_space(user, project):
        return False
    if getattr(content, "visibility", "published") == "published":
        return True
    if is_teacher(user, project):
        return True
    author_id = getattr(content, "author_id", None)
    return author_id is not None and author_id == user.pk


def can_search(user, project) -> bool:
    return can_view_space(user, project)
