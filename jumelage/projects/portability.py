"""The project and its members in a project archive (see portability.registry)."""

from .models import Membership, Project

PROJECT_FIELDS = (
    "title",
    "summary",
    "description",
    "age_min",
    "age_max",
    "blog_public",
    "pupils_need_approval",
    "pupils_may_edit_pages",
)
TIMES = ("created_at", "activated_at", "submitted_at", "closed_at", "archived_at")


def export_project(ctx) -> dict:
    project = ctx.project
    data = {name: getattr(project, name) for name in PROJECT_FIELDS}
    data.update({name: ctx.iso(getattr(project, name)) for name in TIMES})
    data.update(
        status=project.status,
        start_date=ctx.iso(project.start_date),
        end_date=ctx.iso(project.end_date),
        created_by=ctx.person(project.created_by_id),
        subjects=sorted(project.subjects.values_list("code", flat=True)),
        languages=sorted(project.languages.values_list("code", flat=True)),
        productions=sorted(project.productions.values_list("code", flat=True)),
        # Kits are this instance's reference content: the new project starts without one.
        kit=None,
    )
    return data


def import_project(ctx, data: dict) -> None:
    project = Project.objects.create(
        **{name: data[name] for name in PROJECT_FIELDS},
        start_date=ctx.day(data["start_date"]),
        end_date=ctx.day(data.get("end_date")),
        status=ctx.status or data["status"],
        created_by=ctx.user(data.get("created_by")) or ctx.importer,
        **{name: ctx.when(data.get(name)) for name in TIMES if name != "created_at"},
    )
    project.subjects.set(data.get("subjects", []))
    project.languages.set(data.get("languages", []))
    project.productions.set(data.get("productions", []))
    ctx.keep_times(project, created_at=data["created_at"])
    ctx.project = project


def export_members(ctx) -> list[dict]:
    """Every membership, in the order people joined; people themselves are in "people"."""
    members = list(
        Membership.objects.filter(project=ctx.project).select_related("user").order_by("id")
    )
    for member in members:
        ctx.add_person(member.user, role=member.role)
    return [
        {
            "person": ctx.person(member.user_id),
            "role": member.role,
            "is_founder": member.is_founder,
            "teacher": ctx.person(member.teacher_id),
            "joined_at": ctx.iso(member.joined_at),
        }
        for member in members
    ]


def import_members(ctx, data: list[dict]) -> None:
    """Members whose account was found (or, for pupils, recreated as a placeholder) join.

    A teacher whose address no account here holds is invited instead (ctx.to_invite);
    a founder stays a founder only if the mapped account belongs to a school.
    """
    for entry in data:
        user = ctx.user(entry["person"])
        if user is None or not ctx.joins(entry["person"]):
            continue
        school = user.schools.first()
        member = Membership.objects.create(
            project=ctx.project,
            user=user,
            role=entry["role"],
            school=school,
            is_founder=bool(
                entry.get("is_founder") and school and entry["role"] == Membership.Role.ADMIN
            ),
            teacher=ctx.user(entry.get("teacher")),
        )
        ctx.keep_times(member, joined_at=entry["joined_at"])


def register(registry) -> None:
    registry.register_part(
        "project",
        export=export_project,
        import_=import_project,
        order=0,
        models=["projects.Project"],
    )
    registry.register_part(
        "members",
        export=export_members,
        import_=import_members,
        order=1,
        models=["projects.Membership"],
    )
    registry.exclude_model(
        "projects.Approval",
        "The decisions of this instance's support offices; the receiving instance decides anew.",
    )
    registry.exclude_model(
        "projects.DeletionNotice",
        "This instance's retention notices about an archived project; a restored project starts afresh.",
    )
    registry.exclude_model(
        "projects.Invitation",
        "Pending invitations carry secret tokens and addresses of people who are not members.",
    )
