"""Project archives are kept PORTABILITY_EXPORT_DAYS days, then deleted."""

from jumelage.retention.registry import register_rule


@register_rule("portability.expired_exports", order=60)
def expired_exports(now) -> int:
    from .services import expire_exports

    return expire_exports(now)
