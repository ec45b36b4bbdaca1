"""What the moderation queue shows of each item: what, who, where, when and an excerpt.

A teacher decides from the queue itself, so each line says the kind of content (in
the teacher's language, reporting.kind_label), its author, the topic, post, room or
page it belongs to (with a link), its date and a plain-text excerpt. Authors and
parents are fetched once per content type, so the queue's queries stay bounded
whatever the number of items.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import prefetch_related_objects

from jumelage.core.sanitising import snippet

from . import content
from .reporting import kind_label

EXCERPT_LENGTH = 200


@dataclass
class QueueItem:
    obj: object
    kind: str
    author: object
    excerpt: str
    link: str
    where: str
    where_link: str
    when: datetime | None


def _excerpt(obj) -> str:
    body = getattr(obj, "body", "") or ""
    title = getattr(obj, "title", "") or ""
    text = snippet(body, length=EXCERPT_LENGTH) if body else ""
    return f"{title} — {text}" if title and text else (title or text)


def _prefetch(objects) -> None:
    """Authors and parents, one query per content type and relation."""
    by_model = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj)
    for model, group in by_model.items():
        names = [f.name for f in model._meta.get_fields()]
        wanted = [n for n in ("author",) if n in names]
        parent = content.parent_field(model)
        if parent:
            wanted.append(parent)
        if wanted:
            prefetch_related_objects(group, *wanted)


def describe(project, objects, link=None) -> list[QueueItem]:
    """A QueueItem for each object (None for content that no longer exists).

    `link(obj)` says where an object is read; by default its page in `project`
    (a group's queue passes its own, as the group's pages are not a project's)."""
    if link is None:

        def link(obj):
            return content.content_url(obj, project.pk)

    present = [obj for obj in objects if obj is not None]
    _prefetch(present)
    items = []
    for obj in objects:
        if obj is None:
            items.append(None)
            continue
        parent_name = content.parent_field(type(obj))
        parent = getattr(obj, parent_name, None) if parent_name else None
        items.append(
            QueueItem(
                obj=obj,
                kind=kind_label(type(obj)),
                author=getattr(obj, "author", None),
                excerpt=_excerpt(obj) or str(obj),
                link=link(obj),
                where=str(parent) if parent is not None else "",
                where_link=link(parent) if parent is not None else "",
                when=getattr(obj, "created_at", None),
            )
        )
    return items
