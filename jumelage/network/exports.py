"""A person's help requests (with the answers), their replies and support roles, in their export."""

from django.db.models import Prefetch

from jumelage.core.exports import iso, name_of, register_export

from .models import HelpReply, HelpRequest, SupportRole


@register_export("help", order=64, models=[HelpRequest, HelpReply, SupportRole])
def help_requests(user) -> dict:
    replies = HelpReply.objects.select_related("author").order_by("created_at", "id")
    asked = (
        HelpRequest.objects.filter(teacher=user)
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )
    written = (
        HelpReply.objects.filter(author=user)
        .exclude(request__teacher=user)
        .select_related("request")
        .order_by("created_at", "id")
    )
    roles = SupportRole.objects.filter(user=user).order_by("id")
    return {
        "requests": [
            {
                "topic": r.topic,
                "subject": r.subject,
                "message": r.message,
                "status": r.status,
                "created_at": iso(r.created_at),
                "replies": [
                    {
                        "from": "me" if reply.author_id == user.pk else name_of(reply.author),
                        "body": reply.body,
                        "at": iso(reply.created_at),
                    }
                    for reply in r.replies.all()
                ],
            }
            for r in asked
        ],
        # Answers given to other teachers: the answer, not their question.
        "replies_written": [
            {"request_topic": r.request.topic, "body": r.body, "at": iso(r.created_at)}
            for r in written
        ],
        "support_roles": [
            {
                "role": s.role,
                "can_verify": s.can_verify,
                "phone": s.phone,
                "availability": s.availability,
                "listed": s.listed,
            }
            for s in roles
        ],
    }
