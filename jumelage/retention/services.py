"""One retention run: every registered rule, each in its own transaction.

The registry (registry.py) knows the rules; this module runs them for the daily
task and for `manage.py enforce_retention`. A failing rule is logged and the
others still run (one broken app must not keep IP addresses past their period);
the run then raises, so Celery and the operator see it. Apps above this one are
told of each finished run through `register_report` (the audit app writes the
summary entry): retention itself imports no upper app.
"""

import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from . import registry

log = logging.getLogger(__name__)

REPORTS: list[Callable[["Run"], None]] = []
_DRY = ContextVar("retention_dry_run", default=False)


def is_dry_run() -> bool:
    """True inside `enforce_retention --dry-run`: a rule must then leave files alone
    (its database writes are rolled back, anything else is not) and only count."""
    return _DRY.get()


@dataclass
class Run:
    now: datetime
    dry_run: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


class RetentionFailed(RuntimeError):
    pass


def register_report(function: Callable[["Run"], None]) -> Callable:
    """`function(run)` is called after each real (not dry) run, in its own transaction."""
    if function not in REPORTS:
        REPORTS.append(function)
    return function


class _DryRun(Exception):
    pass


def run(now: datetime, *, dry_run: bool = False) -> Run:
    """Run every rule at `now`. A dry run rolls each rule back and reports what would go.

    A dry run rolls back what rules write to the database (the outbox is a table);
    rules that touch anything else (files) check `is_dry_run()` and only count.
    """
    registry.discover()
    result = Run(now=now, dry_run=dry_run)
    token = _DRY.set(dry_run)
    try:
        for rule in sorted(registry.RULES.values(), key=lambda r: (r.order, r.name)):
            try:
                with transaction.atomic():
                    result.counts[rule.name] = rule.function(now)
                    if dry_run:
                        raise _DryRun
            except _DryRun:
                pass
            except Exception:
                log.exception("retention rule %s failed", rule.name)
                result.failed.append(rule.name)
    finally:
        _DRY.reset(token)
    if not dry_run:
        for report in REPORTS:
            with transaction.atomic():
                report(result)
        if result.failed:
            raise RetentionFailed(f"retention rules failed: {', '.join(result.failed)}")
    return result
