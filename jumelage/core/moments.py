"""A moment shown on every row of a list, formatted once in Python: `|date:'c'` and
`|time:"H:i"` per row were most of a month of events' and a chat history's time."""

from django.utils import timezone


def clock(moment, zone=None) -> tuple[str, str]:
    """(ISO 8601 for `<time datetime>`, "HH:MM") of `moment` in `zone` (default: the active
    zone): what `|date:'c'` and `|time:"H:i"` give."""
    local = moment.astimezone(zone) if zone is not None else timezone.localtime(moment)
    return local.isoformat(), local.strftime("%H:%M")
