"""The groups a person started, belongs to and was invited to, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import Group, Invitation, Member


@register_export("groups", order=56, models=[Group, Member, Invitation])
def groups(user) -> dict:
    members = Member.objects.filter(user=user).select_related("group").order_by("joined_at", "id")
    invitations = Invitation.objects.filter(invitee=user).select_related("group").order_by("id")
    started = Group.objects.filter(created_by=user).order_by("created_at", "id")
    sent = Invitation.objects.filter(invited_by=user).select_related("group").order_by("id")
    return {
        "member_of": [
            {"group": m.group.name, "role": m.role, "since": iso(m.joined_at)} for m in members
        ],
        "invited_to": [{"group": i.group.name, "at": iso(i.created_at)} for i in invitations],
        "started": [{"group": g.name, "at": iso(g.created_at)} for g in started],
        "invitations_sent": [{"group": i.group.name, "at": iso(i.created_at)} for i in sent],
    }
