"""Demo pages for "Nos villes, nos vies": a small tree with a few revisions. Idempotent."""

from jumelage.accounts.models import User
from jumelage.projects.models import Project

from . import services
from .models import Page

PAGES = [
    (
        "Étape 1 — Se présenter / Step 1 — Introduce ourselves",
        "<p>Chaque élève écrit une courte présentation. "
        "Each pupil writes a short introduction.</p>",
        None,
    ),
    (
        "Étape 2 — Nos villes / Step 2 — Our towns",
        "<p>Paris et Berlin : monuments, transports, vie quotidienne.</p>"
        "<p>Paris and Berlin: landmarks, transport, daily life.</p>",
        None,
    ),
    (
        "Paris",
        "<h2>Nos lieux préférés</h2><ul><li>Le jardin du Luxembourg</li><li>La Seine</li></ul>",
        1,
    ),
    ("Berlin", "<h2>Unsere Lieblingsorte</h2><ul><li>Tempelhofer Feld</li></ul>", 1),
]


def load(stdout):
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    jonas = User.objects.filter(email="jonas.weber@demo.jumelage.eu").first()
    if project is None or claire is None or Page.objects.filter(project=project).exists():
        return
    created = []
    for position, (title, body, parent_index) in enumerate(PAGES):
        parent = created[parent_index] if parent_index is not None else None
        created.append(
            services.create_page(project, claire, title, body, parent=parent, position=position)
        )
    berlin = created[3]
    services.save_page(
        berlin,
        jonas or claire,
        title=berlin.title,
        body=berlin.body.replace("</ul>", "<li>Die Spree</li></ul>"),
        base_version=1,
        parent=berlin.parent,
        position=berlin.position,
    )
    stdout.write(f"  wiki: {len(created)} demo pages")
