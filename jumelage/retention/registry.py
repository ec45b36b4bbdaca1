"""Retention rules: each app says how long it keeps what it keeps.

A rule is registered from `<app>/retention.py` (found by autodiscovery) with
`@register_rule(name, order)`; `enforce(now)` runs every rule once a day (the
beat task `retention.enforce`). A rule deletes or anonymises what is older than
its operator-set period and returns how many rows it touched, so the daily run
can be audited. Rules are idempotent: running one twice in a day changes nothing
the second time.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Rule:
    name: str
    function: Callable[[datetime], int]
    order: int


RULES: dict[str, Rule] = {}


def register_rule(name: str, order: int = 50) -> Callable:
    """Decorator: `function(now)` enforces one retention period and returns a count."""

    def decorator(function):
        RULES[name] = Rule(name, function, order)
        return function

    return decorator


def discover() -> None:
    autodiscover_modules("retention")


def enforce(now: datetime) -> dict[str, int]:
    """Run every rule; returns {rule name: rows touched}."""
    discover()
    return {
        rule.name: rule.function(now)
        for rule in sorted(RULES.values(), key=lambda r: (r.order, r.name))
    }
