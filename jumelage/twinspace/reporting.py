"""The one registry of reportable content: each type declares who may see one of its objects.

Reporting something needs exactly the right to see it now, asked of the same policy
its own page uses, so the report page can never show (even 50 characters of) what
the reporter could not read: another room's chat message, a deleted one, someone's
draft. A type not in this registry cannot be reported (the report page answers 404).

Each content app registers its own types from its AppConfig.ready(), with the rule
its own pages use, so twinspace imports none of them:

    from jumelage.twinspace.reporting import register_reportable
    register_reportable("wiki.page", lambda access, page: access.can_see(page))

The rule receives the reporter's ProjectAccess to the object's project (the one
the request resolved) and the object; it must not query the membership again.
"""

from collections.abc import Callable

# "app_label.model" -> can_see(access, obj) -> bool
REPORTABLE: dict[str, Callable] = {}
# "app_label.model" -> what the moderation queue calls it ("forum reply"), a lazy translation
LABELS: dict[str, object] = {}


def register_reportable(type_key: str, can_see: Callable, label=None) -> None:
    """`label`: gettext_lazy name of the kind for teachers (else the model's verbose_name)."""
    REPORTABLE[type_key.lower()] = can_see
    if label is not None:
        LABELS[type_key.lower()] = label


def kind_label(model) -> str:
    """The translated name of a kind of content, as registered or as the model names itself."""
    return str(LABELS.get(model._meta.label_lower, model._meta.verbose_name))


def is_reportable(type_key) -> bool:
    return str(type_key).lower() in REPORTABLE


def can_see_reportable(access, obj) -> bool:
    """Denied for anything not registered."""
    can_see = REPORTABLE.get(obj._meta.label_lower)
    return bool(can_see is not None and can_see(access, obj))
