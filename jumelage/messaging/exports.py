"""A person's twinmail conversations, in their data export (see core.exports).

Only the threads the person takes part in, and in them only the messages they
can read (as the inbox shows them): the others appear by display name.
"""

from django.db.models import Prefetch

from jumelage.core.exports import iso, name_of, register_export

from . import policies
from .models import Participant, PrivateMessage


@register_export("twinmail", order=58, models=[Participant, PrivateMessage])
def twinmail(user) -> list[dict]:
    messages = (
        PrivateMessage.objects.filter(policies.visible_to(user))
        .select_related("author")
        .order_by("created_at", "id")
    )
    others = Participant.objects.exclude(user=user).select_related("user").order_by("id")
    mine = (
        Participant.objects.filter(user=user)
        .select_related("thread__project")
        .prefetch_related(
            Prefetch("thread__messages", queryset=messages),
            Prefetch("thread__participants", queryset=others, to_attr="others"),
        )
        .order_by("thread__created_at", "thread_id")
    )
    return [
        {
            "subject": p.thread.subject,
            "project": p.thread.project.title if p.thread.project else None,
            "with": [name_of(o.user) for o in p.thread.others],
            "started_at": iso(p.thread.created_at),
            "last_read_at": iso(p.last_read_at),
            "messages": [
                {
                    "from": "me" if m.author_id == user.pk else name_of(m.author),
                    "body": m.body,
                    "sent_at": iso(m.created_at),
                }
                for m in p.thread.messages.all()
            ],
        }
        for p in mine
    ]
