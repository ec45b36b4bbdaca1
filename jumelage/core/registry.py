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
    area: str = "main"  # "main" navigation, or "account" links beside the user's name


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: Callable  # (request) -> dict | None; None hides the panel
    order: int = 50


NAV_LINKS: list[NavLink] = []
DASHBOARD_PANELS: list[DashboardPanel] = []
HOME_SECTIONS: list[DashboardPanel] = []


def register_nav(label, url_name, visible, order=50, area="main") -> None:
    NAV_LINKS.append(NavLink(label, url_name, visible, order, area))
    NAV_LINKS.sort(key=lambda link: link.order)


def register_panel(template, context, order=50) -> None:
    DASHBOARD_PANELS.append(DashboardPanel(template, context, order))
    DASHBOARD_PANELS.sort(key=lambda panel: panel.order)


def register_home_section(template, context, order=50) -> None:
    """A section of the public home page (e.g. the latest official texts)."""
    HOME_SECTIONS.append(DashboardPanel(template, context, order))
    HOME_SECTIONS.sort(key=lambda section: section.order)


def render_panels(panels, request) -> list[tuple[str, dict]]:
    """The (template, context) pairs of the panels that have something to show."""
    shown = []
    for panel in panels:
        context = panel.context(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown


# Visibility of navigation links: (user) -> bool, without a query. The kinds are
# read from the user's own class (accounts.User.Kind), so core imports no app.


def anyone(user) -> bool:
    return True


def anonymous(user) -> bool:
    return not user.is_authenticated


def signed_in(user) -> bool:
    return user.is_authenticated


def of_kind(*kinds) -> Callable:
    """Signed-in users of these kinds, e.g. of_kind(User.Kind.TEACHER, User.Kind.STAFF)."""

    def visible(user) -> bool:
        return user.is_authenticated and user.kind in kinds

    return visible


def staff(user) -> bool:
    return user.is_authenticated and user.kind == user.Kind.STAFF


def teachers(user) -> bool:
    """Teachers and support staff (staff are teachers too)."""
    return user.is_authenticated and user.kind in (user.Kind.TEACHER, user.Kind.STAFF)
