"""Shared helpers of these tests."""

from django.urls import reverse

from jumelage.kits.models import Kit, KitStep
from jumelage.wiki import services


def url(name, project, **kwargs):
    return reverse(f"wiki:{name}", kwargs={"project_id": project.pk, **kwargs})


def edit(client, page, version, body, title=None, **extra):
    data = {"title": title or page.title, "body": body, "version": version, "position": 0}
    data.update(extra)
    return client.post(url("edit", page.project, page_id=page.pk), data)


def make_kit(steps=2):
    kit = Kit.objects.create(
        slug="town-journal",
        title_en="Town journal",
        title_fr="Journal de ville",
        summary_en="s",
        summary_fr="s",
    )
    for n in range(1, steps + 1):
        KitStep.objects.create(
            kit=kit,
            position=n,
            title_en=f"Step {n}",
            title_fr=f"Étape {n}",
            body_en=f"Present your town.\n\nPart {n}.",
            body_fr=f"Présentez votre ville.\n\nPartie {n}.",
        )
    return kit


def many_pages(project, admin, page, n):
    for i in range(n):
        child = services.create_page(project, admin, f"Sub {i}", f"<p>{i}</p>", parent=page)
        services.save_page(child, admin, title=child.title, body="<p>again</p>", base_version=1)
        services.save_page(
            page, admin, title=page.title, body=f"<p>v{i}</p>", base_version=page.version
        )
