"""Groups in the permission matrix (see jumelage/testing/matrix.py).

The world's teacher started an open group (its moderator); the world's admin
joined it and wrote in its forum. The French office runs a group by invitation,
to which the outsider teacher is invited. Pupils get a 404 on every group URL.
"""

from datetime import UTC, datetime

from jumelage.calendar import services as calendar_services
from jumelage.forum import services as forum_services
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group, Member
from jumelage.materials import services as materials_services
from jumelage.materials.tests import samples
from jumelage.testing.matrix import ADULTS, EVERYONE, FORBIDDEN, STAFF, Case

VERIFIED_OR_STAFF = frozenset({"guest", "teacher", "admin", "outsider_teacher"}) | STAFF
MEMBERS = frozenset({"teacher", "admin"})
MODERATORS = frozenset({"teacher"})


def setup(world):
    teacher, admin = world.users["teacher"], world.users["admin"]
    group = services.create_group(teacher, name="History teachers", admission=Group.Admission.OPEN)
    services.join(load_access(admin, group.pk))
    topic = forum_services.start_topic(load_access(admin, group.pk), admin, "Hello", "<p>Hi</p>")
    post = forum_services.reply(load_access(teacher, group.pk), topic, teacher, "<p>Welcome</p>")
    item = materials_services.store_upload(group, admin, samples.pdf(), None)
    folder = materials_services.create_folder(group, admin, "Maps", None, False)
    event = calendar_services.create_event(
        teacher,
        group,
        {
            "title": "Workshop",
            "starts_at": datetime(2030, 3, 4, 13, tzinfo=UTC),
            "ends_at": datetime(2030, 3, 4, 14, tzinfo=UTC),
            "timezone": "Europe/Paris",
        },
    )
    report = services.report(load_access(admin, group.pk), post, "Advertising")
    private = services.create_group(
        world.users["staff"], name="Office circle", admission=Group.Admission.INVITATION
    )
    services.invite(load_access(world.users["staff"], private.pk), world.users["outsider_teacher"])
    return {
        "group_id": group.pk,
        "private_id": private.pk,
        "topic_id": topic.pk,
        "post_id": post.pk,
        "item_id": item.pk,
        "folder_id": folder.pk,
        "event_id": event.pk,
        "report_id": report.pk,
        "token": calendar_services.regenerate_feed(admin, group).token,
        "member_id": Member.objects.get(group=group, user=admin).pk,
    }


G = ("group_id",)

CASES = [
    Case("groups:list", "GET", allowed=ADULTS),
    Case("groups:list", "GET", allowed=ADULTS, data={"q": "history", "subject": "history"}),
    Case("groups:create", "GET", allowed=VERIFIED_OR_STAFF),
    Case(
        "groups:create",
        "POST",
        allowed=VERIFIED_OR_STAFF,
        data={"name": "Science club", "admission": "open"},
    ),
    Case("groups:detail", "GET", kwargs=G, allowed=ADULTS),
    # By invitation: its members and the invited only.
    Case(
        "groups:detail",
        "GET",
        kwargs={"group_id": "private_id"},
        allowed=frozenset({"staff", "outsider_teacher"}),
    ),
    Case("groups:join", "POST", kwargs=G, allowed=ADULTS),
    Case("groups:leave", "POST", kwargs=G, allowed=MEMBERS),
    Case("groups:members", "GET", kwargs=G, allowed=MEMBERS),
    Case(
        "groups:invite",
        "POST",
        kwargs=G,
        allowed=MODERATORS,
        data={"email": "nobody@example.org"},
    ),
    Case("groups:make_moderator", "POST", kwargs=("group_id", "member_id"), allowed=MODERATORS),
    Case("groups:forum", "GET", kwargs=G, allowed=MEMBERS),
    Case("groups:topic_create", "GET", kwargs=G, allowed=MEMBERS),
    Case(
        "groups:topic_create",
        "POST",
        kwargs=G,
        allowed=MEMBERS,
        data={"title": "Ideas", "body": "<p>Ideas</p>"},
    ),
    Case("groups:topic", "GET", kwargs=("group_id", "topic_id"), allowed=MEMBERS),
    # Editing: the topic is the admin's (a member), the reply the teacher's (the moderator).
    Case("groups:topic_edit", "GET", kwargs=("group_id", "topic_id"), allowed=MEMBERS),
    Case(
        "groups:topic_edit",
        "POST",
        kwargs=("group_id", "topic_id"),
        allowed=MEMBERS,
        data={"title": "Hello again", "body": "<p>Edited</p>"},
    ),
    Case(
        "groups:post_edit",
        "GET",
        kwargs=("group_id", "post_id"),
        allowed=MODERATORS,
        expect={"admin": FORBIDDEN},
    ),
    Case(
        "groups:post_edit",
        "POST",
        kwargs=("group_id", "post_id"),
        allowed=MODERATORS,
        data={"body": "<p>Edited</p>"},
        expect={"admin": FORBIDDEN},
    ),
    Case(
        "groups:reply",
        "POST",
        kwargs=("group_id", "topic_id"),
        allowed=MEMBERS,
        data={"body": "<p>Yes</p>"},
    ),
    Case(
        "groups:topic_moderate",
        "POST",
        kwargs=("group_id", "topic_id"),
        allowed=MODERATORS,
        data={"visibility": "hidden"},
    ),
    Case(
        "groups:post_moderate",
        "POST",
        kwargs=("group_id", "post_id"),
        allowed=MODERATORS,
        data={"visibility": "hidden"},
    ),
    Case("groups:topic_sticky", "POST", kwargs=("group_id", "topic_id"), allowed=MODERATORS),
    Case("groups:topic_lock", "POST", kwargs=("group_id", "topic_id"), allowed=MODERATORS),
    Case("groups:topic_follow", "POST", kwargs=("group_id", "topic_id"), allowed=MEMBERS),
    Case(
        "groups:topic_report",
        "POST",
        kwargs=("group_id", "topic_id"),
        allowed=MEMBERS,
        data={"reason": "Off topic"},
    ),
    Case(
        "groups:post_report",
        "POST",
        kwargs=("group_id", "post_id"),
        allowed=MEMBERS,
        data={"reason": "Off topic"},
    ),
    Case("groups:events", "GET", kwargs=G, allowed=MEMBERS),
    Case("groups:event_create", "GET", kwargs=G, allowed=MODERATORS),
    Case(
        "groups:event_create",
        "POST",
        kwargs=G,
        allowed=MODERATORS,
        data={
            "title": "Workshop",
            "start": "2030-03-04T14:00",
            "end": "2030-03-04T15:00",
            "timezone": "Europe/Paris",
        },
    ),
    Case("groups:event_edit", "GET", kwargs=("group_id", "event_id"), allowed=MODERATORS),
    Case(
        "groups:event_edit",
        "POST",
        kwargs=("group_id", "event_id"),
        allowed=MODERATORS,
        data={
            "title": "Workshop, moved",
            "start": "2030-03-05T14:00",
            "end": "2030-03-05T15:00",
            "timezone": "Europe/Paris",
        },
    ),
    Case("groups:event_delete", "POST", kwargs=("group_id", "event_id"), allowed=MODERATORS),
    Case("groups:library", "GET", kwargs=G, allowed=MEMBERS),
    Case(
        "groups:upload",
        "POST",
        kwargs=G,
        allowed=MEMBERS,
        data=lambda world, objects: {"files": samples.pdf()},
    ),
    Case("groups:download", "GET", kwargs=("group_id", "item_id"), allowed=MEMBERS),
    Case("groups:folder", "GET", kwargs=("group_id", "folder_id"), allowed=MEMBERS),
    Case("groups:folder_create", "POST", kwargs=G, allowed=MEMBERS, data={"name": "Sources"}),
    Case(
        "groups:subfolder_create",
        "POST",
        kwargs=("group_id", "folder_id"),
        allowed=MEMBERS,
        data={"name": "1914"},
    ),
    Case(
        "groups:folder_upload",
        "POST",
        kwargs=("group_id", "folder_id"),
        allowed=MEMBERS,
        data=lambda world, objects: {"files": samples.pdf()},
    ),
    # The library's deletions and moves: the uploader (admin) or a moderator (teacher).
    Case("groups:item_delete", "POST", kwargs=("group_id", "item_id"), allowed=MEMBERS),
    Case(
        "groups:item_move",
        "POST",
        kwargs=("group_id", "item_id"),
        allowed=MEMBERS,
        data=lambda world, objects: {"folder": objects["folder_id"]},
    ),
    Case("groups:folder_delete", "POST", kwargs=("group_id", "folder_id"), allowed=MEMBERS),
    # The report queue: the group's moderators only (404 for other members and everybody).
    Case("groups:reports", "GET", kwargs=G, allowed=MODERATORS),
    Case("groups:report_hide", "POST", kwargs=("group_id", "report_id"), allowed=MODERATORS),
    Case("groups:report_dismiss", "POST", kwargs=("group_id", "report_id"), allowed=MODERATORS),
    # The group's calendar: members; the feed by whoever holds a member's secret.
    Case("groups:event_month", "GET", kwargs=G, allowed=MEMBERS),
    Case("groups:event_month", "GET", kwargs=G, allowed=MEMBERS, data={"month": "2030-03"}),
    Case("groups:event_feed", "GET", kwargs=G, allowed=MEMBERS),
    Case("groups:event_feed", "POST", kwargs=G, allowed=MEMBERS, data={"action": "regenerate"}),
    Case("groups:event_ics", "GET", kwargs=("group_id", "token"), allowed=EVERYONE),
]
