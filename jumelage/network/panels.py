"""The dashboard panel: the open questions this person handles, or their own open questions."""

from jumelage.core.prepared import Prepared, count_of

from . import policies
from .models import HelpRequest

# A teacher's own open questions, on every dashboard: prepared (core.prepared).
_MINE_OPEN = Prepared(
    lambda user_id: count_of(
        HelpRequest.objects.filter(teacher_id=user_id).exclude(status=HelpRequest.Status.CLOSED)
    ),
    user_id=int,
)


def help_panel(request):
    user = request.user
    scope = policies.help_scope(user)
    if scope is not None:
        pending = HelpRequest.objects.filter(scope, status=HelpRequest.Status.OPEN)
        return {
            "handler": True,
            "count": pending.count(),
            "manager": policies.can_manage_directory(user),
        }
    if policies.can_ask_for_help(user):
        return {"handler": False, "count": _MINE_OPEN.first(user_id=user.pk)}
    return None
