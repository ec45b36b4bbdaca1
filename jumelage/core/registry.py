"""What apps add to the shared layout: navigation links, header tools, dashboard
panels and home-page sections.

Each app registers its own entries in its AppConfig.ready(), so that the base
layout and the dashboard never need editing when an app is added (pretix's
nav_event and event_dashboard_widgets, as plain registries). Each register_*
function's docstring is the contract its callers keep.
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
    primary: bool = False  # always in the header bar, even on a phone; else in the menu
    icon: str = (
        ""  # a symbol of core/static/core/icons.svg, shown beside (or, on a phone, for) the label
    )


@dataclass(frozen=True)
class DashboardPanel:
    template: str
    context: Callable  # (request) -> dict | None; None hides the panel
    order: int = 50


NAV_LINKS: list[NavLink] = []
DASHBOARD_PANELS: list[DashboardPanel] = []
HOME_SECTIONS: list[DashboardPanel] = []
HEADER_TOOLS: list[DashboardPanel] = []


def register_nav(label, url_name, visible, order=50, area="main", primary=False, icon="") -> None:
    """A link in the site's navigation, shown on every page to whom `visible` allows.

    - `label`: a lazy translation (gettext_lazy), shown as the link text.
    - `url_name`: the app's one real URL name, reversed without arguments.
    - `visible(user) -> bool`: called on every page for the current user
      (AnonymousUser too); it must not query the database. Use the helpers
      below (anyone, anonymous, signed_in, staff, teachers, of_kind(...)).
    - `order`: links are shown in ascending order.
    - `area`: "main" (the navigation) or "account" (beside the user's name).
    - `primary`: one of the few destinations kept in the header bar on every screen
      (the issue 14 shell: dashboard, projects, messages, notifications); every other
      link is grouped in the header's menu. Keep it to one or two links per person:
      the phone's bar holds at most five icons.
    - `icon`: the name of a symbol of core/static/core/icons.svg (scripts/build_icons.py);
      a primary link needs one, since a phone shows only the icon.
    """
    NAV_LINKS.append(NavLink(label, url_name, visible, order, area, primary, icon))
    NAV_LINKS.sort(key=lambda link: link.order)


def register_panel(template, context, order=50) -> None:
    """A panel of the signed-in dashboard.

    - `context(request) -> dict | None`: None hides the panel for this person;
      a dict is given to `template` as `panel`. It may query, but keep it to a
      few queries: the dashboard's total is pinned in core's tests.
    - `order`: panels are shown in ascending order.
    """
    DASHBOARD_PANELS.append(DashboardPanel(template, context, order))
    DASHBOARD_PANELS.sort(key=lambda panel: panel.order)


def register_home_section(template, context, order=50) -> None:
    """A section of the public home page (e.g. the latest official texts).

    Same contract as register_panel, for anonymous visitors too; the dict is
    given to `template` as `section`.
    """
    HOME_SECTIONS.append(DashboardPanel(template, context, order))
    HOME_SECTIONS.sort(key=lambda section: section.order)


def register_header_tool(template, context, order=50) -> None:
    """A small tool in the page header, beside a signed-in user's name (e.g. the
    notifications badge).

    - `context(request) -> dict | None`: called on every page of a signed-in
      user; None hides the tool. It must not query the database (the header is
      on every page; live values come from the page's socket or script).
    - The dict is given to `template` as `tool`; the template is a fragment
      (links, buttons), shown in ascending `order`.
    """
    HEADER_TOOLS.append(DashboardPanel(template, context, order))
    HEADER_TOOLS.sort(key=lambda tool: tool.order)


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
