"""What apps add to the shared layout: navigation links and dashboard panels.

Each app registers its own entries in its AppConfig.ready(), so that the base
layout and the dashboard never need editing when an app is added.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavLink:
    label: str
    url_name: str
    visible: Callable  # (user) -> bool, must not query the database
    order: int = 50


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: Callable  # (request) -> dict | None; None hides the panel
    order: int = 50


NAV_LINKS: list[NavLink] = []
DASHBOARD_PANELS: list[DashboardPanel] = []


def register_nav(label, url_name, visible, order=50) -> None:
    NAV_LINKS.append(NavLink(label, url_name, visible, order))
    NAV_LINKS.sort(key=lambda link: link.order)


def register_panel(template, context, order=50) -> None:
    DASHBOARD_PANELS.append(DashboardPanel(template, context, order))
    DASHBOARD_PANELS.sort(key=lambda panel: panel.order)


def anyone(user) -> bool:
    return True


def signed_in(user) -> bool:
    return user.is_authenticated


def teachers(user) -> bool:
    return user.is_authenticated and getattr(user, "kind", "") in ("teacher", "staff")
