"""Pure helpers over a project's pages (no database): the tree, the sub-pages, the trail."""

from dataclasses import dataclass

from jumelage.projects.models import Visibility


@dataclass(slots=True)
class Entry:
    """A page as the tree shows it. Built from five columns, not a model: a project's
    hundreds of pages made into model instances cost more than the rest of the page
    (issue 16)."""

    pk: int
    parent_id: int | None
    title: str
    visibility: str
    is_archived: bool
    url: str

    def get_visibility_display(self) -> str:
        return Visibility(self.visibility).label


def tree(pages) -> list[dict]:
    """Nest pages under their parents; a page whose parent is not visible shows at the top."""
    nodes = {p.pk: {"page": p, "children": []} for p in pages}
    roots = []
    for node in nodes.values():
        parent = nodes.get(node["page"].parent_id)
        (parent["children"] if parent else roots).append(node)
    return roots


def descendant_ids(page, pages) -> set[int]:
    """The ids of every sub-page of `page`, at any depth (cycles are harmless)."""
    children = {}
    for p in pages:
        children.setdefault(p.parent_id, []).append(p.pk)
    found, todo = set(), [page.pk]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def trail(page, pages) -> list:
    """The visible ancestors of `page`, from the top down (the breadcrumb)."""
    by_id = {p.pk: p for p in pages}
    found, parent = [], by_id.get(page.parent_id)
    while parent is not None and parent not in found:
        found.insert(0, parent)
        parent = by_id.get(parent.parent_id)
    return found


def preorder(pages) -> list:
    """The pages in the tree's reading order: each page, then its sub-pages."""
    found, todo = [], list(reversed(tree(pages)))
    while todo:
        node = todo.pop()
        found.append(node["page"])
        todo.extend(reversed(node["children"]))
    return found


def tree_page(pages, per_page: int, number=None, current=None):
    """One page of the tree (`number`, or the one holding `current`): a Django Page whose
    `nodes` are its pages nested; a page whose parent is on an earlier page shows at the
    top. Bounds the rendering of a project with hundreds of pages."""
    from django.core.paginator import Paginator

    ordered = preorder(pages)
    if number is None and current is not None:
        index = next((i for i, p in enumerate(ordered) if p.pk == current.pk), 0)
        number = index // per_page + 1
    page = Paginator(ordered, per_page).get_page(number)
    page.nodes = tree(page.object_list)
    return page
