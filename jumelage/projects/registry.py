"""What upper apps show on a project's public page, registered from their AppConfig.ready(),
so projects imports none of them (the labels app's quality-label badges)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Badge:
    text: str
    url: str = ""


# project -> list[Badge]; each source costs at most one query (the page's count is pinned).
BADGE_SOURCES: list[Callable] = []


def register_badges(source: Callable) -> None:
    if source not in BADGE_SOURCES:
        BADGE_SOURCES.append(source)


def badges(project) -> list[Badge]:
    return [badge for source in BADGE_SOURCES for badge in source(project)]
