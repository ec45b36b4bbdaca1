"""A person's projects, roles, invitations and the pupils they created, in their data export."""

from jumelage.core.exports import iso, name_of, register_export

from .models import Invitation, Membership, Project, PupilAccount


@register_export("projects", order=40, models=[Project, Membership, Invitation, PupilAccount])
def projects(user) -> dict:
    memberships = Membership.objects.filter(user=user).select_related(
        "project", "school", "teacher"
    )
    invitations = Invitation.objects.filter(invitee=user).select_related("project", "invited_by")
    pupils = (
        PupilAccount.objects.filter(created_by=user).select_related("user").order_by("created_at")
    )
    own_pupil = PupilAccount.objects.filter(user=user).select_related("school").first()
    return {
        "memberships": [
            {
                "project": m.project.title,
                "project_id": m.project_id,
                "role": m.role,
                "founder": m.is_founder,
                "created_by_me": m.project.created_by_id == user.pk,
                "school": m.school.name if m.school else None,
                "teacher": name_of(m.teacher),
                "joined_at": iso(m.joined_at),
            }
            for m in memberships.order_by("joined_at", "id")
        ],
        "invitations_received": [
            {
                "project": i.project.title,
                "role": i.role,
                "status": i.status,
                "invited_by": name_of(i.invited_by),
                "created_at": iso(i.created_at),
                "responded_at": iso(i.responded_at),
            }
            for i in invitations.order_by("created_at", "id")
        ],
        # Pupils are children: their first name (the name shown to others) only.
        "pupils_created": [
            {"first_name": p.user.display_name, "created_at": iso(p.created_at)} for p in pupils
        ],
        "pupil_account": None
        if own_pupil is None
        else {
            "school": own_pupil.school.name,
            "created_at": iso(own_pupil.created_at),
            "released_at": iso(own_pupil.released_at),
        },
    }
