"""What the TwinSpace apps plug into the space: search, latest activity, sections, panels.

The wiki, forum, blog, materials and calendar apps call these from their
AppConfig.ready(), so twinspace never imports them.

Every hook receives the visitor's access (projects.access.ProjectAccess), resolved
once by the view: `access.project`, `access.user`, `access.is_teacher`, and
`access.visible(prefix)` to filter content by the one visibility rule. A hook
never asks the database for the membership again, and costs a bounded number of
queries whatever the data (the home's count is pinned).

    from jumelage.twinspace.registry import register_space_search

    def search_pages(access, query):
        pages = Page.objects.filter(project=access.project).filter(access.visible())
        return [(page.title, page.get_absolute_url(), "…snippet…"), ...]

    register_space_search(_("Pages"), search_pages)
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class SpaceSearch:
    label: str
    # (access, query) -> list of (title, url, snippet); plain text, escaped when shown.
    search: Callable
    order: int = 50


@dataclass(frozen=True)
class SpaceActivity:
    # (access, limit) -> list of Activity, newest first.
    latest: Callable
    order: int = 50


@dataclass(frozen=True)
class Activity:
    when: datetime
    text: str  # plain text, escaped when shown
    url: str
    who: str = ""


@dataclass(frozen=True)
class SpaceSection:
    label: str
    # The section's own URL name; it takes project_id only.
    url_name: str
    order: int = 50
    # Shown to visitors (projects.access: is_visitor), who see only what is opened to them.
    visitors: bool = False


@dataclass(frozen=True)
class SpaceSetting:
    """A setting another app keeps, chosen on the TwinSpace settings page with the others."""

    name: str
    field: Callable  # () -> django.forms.Field, a fresh field for each form
    initial: Callable  # (project) -> the current value
    save: Callable  # (actor, project, value) -> None; audited by its app, inside the
    # settings transaction
    order: int = 50


SEARCHES: list[SpaceSearch] = []
SETTINGS: list[SpaceSetting] = []
ACTIVITIES: list[SpaceActivity] = []


def _add(items, item):
    # Idempotent: ready() may run twice in some test set-ups.
    if item not in items:
        items.append(item)
        items.sort(key=lambda x: x.order)


def register_space_search(label, fn, order=50) -> None:
    """Add a section to the space's search: fn(access, query) -> [(title, url, snippet)].

    Only what the visitor may see (`access.visible()`), in one or two queries.
    """
    _add(SEARCHES, SpaceSearch(label, fn, order))


def register_space_activity(fn, order=50) -> None:
    """Add to the home's latest activity: fn(access, limit) -> [Activity], newest first.

    At most `limit` items the visitor may see (`access.visible()`), in one query.
    """
    _add(ACTIVITIES, SpaceActivity(fn, order))


# The space's sections, in the order of the TwinSpace navigation.
SECTIONS: list[SpaceSection] = []


def register_space_section(label, url_name, order=50, *, visitors=False) -> None:
    """Add a section to the space navigation: `url_name` is the app's own, taking project_id.

    Each TwinSpace app registers its one entry in its AppConfig.ready(); the
    navigation links exactly these, so a wrong name fails loudly on the first page.
    `visitors`: the section's view lets visitors in (`project_view("can_visit")`) and
    shows them only what was opened to them; the others are not linked for visitors.
    """
    _add(SECTIONS, SpaceSection(label, url_name, order, visitors))


# --- Panels of the space home ---------------------------------------------------


@dataclass(frozen=True)
class SpacePanel:
    template: str
    context: Callable  # (request) -> dict | None
    order: int = 50


PANELS: list[SpacePanel] = []


def register_space_panel(template, context, order=50) -> None:
    """Add a panel to the TwinSpace home, so that twinspace imports no tool.

    Call it from your AppConfig.ready():

        from jumelage.twinspace.registry import register_space_panel

        def upcoming_events(request):
            events = Event.objects.filter(project=request.project, ...)[:5]
            return {"events": events}

        register_space_panel("calendar/_space_panel.html", upcoming_events, order=20)

    Contract:
    - `context(request)` is called on every view of the home, after the access was
      resolved: `request.project` is the project and `request.access` the visitor's
      `projects.access.ProjectAccess` (a member who may see the space). Filter
      what you show with it (`access.visible(...)`, `access.is_teacher`...), never
      ask the database for the membership again.
    - It returns the dict the template needs, or None to hide the panel (nothing
      to show, or not for this member).
    - It costs a bounded number of queries (one or two), whatever the data: the
      home's query count is pinned in twinspace/tests.
    - The template is included in the home's grid, with the page's context
      (`project`, `request`, `user`) and `panel`, the returned dict. It renders one
      `<section>` with a heading (h2) of its own.
    - Panels show in increasing `order`, after the teachers' bulletin and before
      the latest activity and the members.
    """
    _add(PANELS, SpacePanel(template, context, order))


def space_panels(request) -> list[tuple[str, dict]]:
    """The (template, context) pairs of the panels that have something to show."""
    shown = []
    for panel in PANELS:
        context = panel.context(request)
        if context is not None:
            shown.append((panel.template, context))
    return shown


def register_space_setting(name, field, initial, save, order=50) -> None:
    """Add a field to the TwinSpace settings page for a setting `name` kept by another app.

    `field()` builds the form field, `initial(project)` reads the current value and
    `save(actor, project, value)` stores a new one (called inside the transaction that
    saves the other settings, only by the project's admins).
    """
    _add(SETTINGS, SpaceSetting(name, field, initial, save, order))
