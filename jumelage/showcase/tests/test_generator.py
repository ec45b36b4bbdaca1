"""The generated site: what goes in, what never does, images cleaned, links that work."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from jumelage import testing
from jumelage.blog.models import Post
from jumelage.materials.models import Item
from jumelage.projects.models import Visibility
from jumelage.showcase import services
from jumelage.showcase.labels import _SOURCES, Label, register_label_source
from jumelage.wiki.models import Page

from .helpers import broken_links, photo_with_gps

pytestmark = pytest.mark.django_db


def _post(project, author, title, body="<p>Text</p>", **fields):
    fields.setdefault("status", Post.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now())
    return Post.objects.create(project=project, author=author, title=title, body=body, **fields)


@pytest.fixture
def site(tmp_path):
    """A project with a pupil's post with a photo, a chosen page, and content to keep out."""
    project = testing.make_project(title="Nos villes")
    project.languages.set(["fr"])
    teacher = project.memberships.filter(is_founder=True).first().user
    pupil = testing.make_pupil(project, name="Léa Dupont")
    photo = Item.objects.create(
        project=project,
        name="marché.jpg",
        file=photo_with_gps(name="market.jpg"),
        kind=Item.Kind.IMAGE,
        content_type="image/jpeg",
        size=1,
    )
    leaflet = Item.objects.create(
        project=project,
        name="Programme de la visite.pdf",
        file=ContentFile(b"%PDF-1.4 leaflet", name="leaflet.pdf"),
        kind=Item.Kind.PDF,
        content_type="application/pdf",
        size=16,
    )
    page = Page.objects.create(
        project=project, title="Étape 1 — Se présenter", body="<p>Bonjour</p>"
    )
    hidden_page = Page.objects.create(
        project=project, title="Page cachée", body="<p>x</p>", visibility=Visibility.HIDDEN
    )
    download = reverse("materials:download", args=[project.pk, photo.pk])
    pdf = reverse("materials:download", args=[project.pk, leaflet.pk])
    page_url = reverse("wiki:detail", args=[project.pk, page.pk])
    post = _post(
        project,
        pupil,
        "Mon quartier",
        body=(
            f'<p>Le marché : <img src="{download}" alt="Le marché"></p>'
            f'<p><a href="{pdf}">Programme</a> · <a href="{page_url}">Étape 1</a> · '
            f'<a href="mailto:{teacher.email}">écrire</a> · '
            f'<a href="/projects/{project.pk}/space/chat/">chat</a> · '
            '<a href="https://example.org/">ailleurs</a></p>'
        ),
        cover=photo_with_gps(name="cover.jpg"),
        cover_alt="Une rue de Paris",
        language_id="fr",
    )
    _post(project, pupil, "Billet en attente", visibility=Visibility.PENDING)
    _post(project, pupil, "Billet masqué", visibility=Visibility.HIDDEN)
    _post(project, pupil, "Brouillon", status=Post.Status.DRAFT, published_at=None)
    showcase = services.showcase_of(project)
    showcase.pages.set([page, hidden_page])
    showcase = services.generate(project.pk)
    out = tmp_path / "site"
    with default_storage.open(showcase.zip_path) as archive, zipfile.ZipFile(archive) as zf:
        zf.extractall(out)
    (root,) = list(out.iterdir())
    return {
        "root": root,
        "showcase": showcase,
        "post": post,
        "page": page,
        "teacher": teacher,
        "pupil": pupil,
    }


def _all_html(root: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.html"))


def test_the_site_has_the_project_the_published_post_and_the_chosen_page(site):
    root, post, page = site["root"], site["post"], site["page"]
    assert (root / "index.html").is_file()
    assert (root / "site.css").is_file()
    post_page = root / "blog" / f"{post.pk}-mon-quartier.html"
    assert post_page.is_file()
    assert (root / "pages" / f"{page.pk}-etape-1-se-presenter.html").is_file()
    html = post_page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "Une rue de Paris" in html  # the cover's description
    assert '<h1 lang="fr">Mon quartier</h1>' in html  # the post's own language
    index = (root / "index.html").read_text(encoding="utf-8")
    assert f'<a href="blog/{post.pk}-mon-quartier.html" lang="fr">Mon quartier</a>' in index
    assert "<script" not in _all_html(root)
    assert set(site["showcase"].files) == {
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
    }


def test_hidden_pending_and_draft_content_stays_out(site):
    html = _all_html(site["root"])
    for title in ("Billet en attente", "Billet masqué", "Brouillon", "Page cachée"):
        assert title not in html


def test_pupils_appear_by_first_name_and_no_email_or_private_link(site):
    html = _all_html(site["root"])
    assert "Léa" in html
    assert "Dupont" not in html
    assert site["pupil"].username not in html
    assert site["teacher"].email not in html
    assert "mailto:" not in html
    assert "/chat/" not in html
    assert "https://example.org/" in html  # an external link stays


def test_images_lose_their_exif_and_are_resized(site):
    media = sorted((site["root"] / "media").glob("*.jpg"))
    assert len(media) == 2  # the cover and the photo in the text
    for path in media:
        with Image.open(path) as image:
            assert max(image.size) <= 1600
            assert not image.getexif()
            assert b"SecretCam" not in path.read_bytes()


def test_files_referenced_from_the_content_are_copied(site):
    pdfs = list((site["root"] / "media").glob("*.pdf"))
    assert len(pdfs) == 1
    assert pdfs[0].read_bytes() == b"%PDF-1.4 leaflet"


def test_every_link_resolves_to_a_file_of_the_site(site):
    assert broken_links(site["root"]) == []


def test_several_languages_get_a_folder_each_and_a_switch(tmp_path):
    project = testing.make_project()
    project.languages.set(["fr", "en", "de", "lb"])
    teacher = project.memberships.first().user
    _post(project, teacher, "Hello")
    showcase = services.generate(services.showcase_of(project).pk)
    assert {"index.html", "en/index.html", "fr/index.html", "de/index.html"} <= set(showcase.files)
    assert not any(f.startswith("lb/") for f in showcase.files)  # not a platform language
    with default_storage.open(showcase.zip_path) as archive, zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp_path / "site")
    (root,) = list((tmp_path / "site").iterdir())
    french = (root / "fr" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in french
    assert 'href="../en/index.html" lang="en"' in french
    assert "Journal" in french
    assert broken_links(root) == []


def test_regenerating_replaces_the_previous_build(site):
    first = site["showcase"]
    second = services.generate(first.pk)
    assert second.build != first.build
    assert default_storage.exists(second.zip_path)
    assert not default_storage.exists(first.zip_path)


def test_the_labels_block_shows_only_when_a_source_gives_labels(site):
    root = site["root"]
    assert 'id="labels-title"' not in (root / "index.html").read_text(encoding="utf-8")
    register_label_source(lambda project: [Label("Label national de qualité", 2026, "France")])
    try:
        showcase = services.generate(site["showcase"].pk)
        with default_storage.open(showcase.site_path("index.html")) as f:
            html = f.read().decode()
    finally:
        _SOURCES.clear()
    assert "Label national de qualité" in html


def test_the_zip_opens_into_one_folder(site):
    showcase = site["showcase"]
    with default_storage.open(showcase.zip_path) as archive:
        names = zipfile.ZipFile(io.BytesIO(archive.read())).namelist()
    assert {n.split("/")[0] for n in names} == {f"nos-villes-{showcase.project_id}-site"}


def test_the_link_checker_finds_what_would_break_on_a_usb_stick(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#x">ok</a><a href="missing.html">1</a><img src="/media/x.jpg">'
        '<a href="../outside.html">2</a><a href="https://example.org/">ext</a>'
        '<a href="mailto:someone@example.org">3</a>',
        encoding="utf-8",
    )
    (tmp_path / "b.html").write_text("<p id=x>b</p>", encoding="utf-8")
    assert broken_links(tmp_path) == [
        "a.html: missing.html",
        "a.html: /media/x.jpg",
        "a.html: ../outside.html",
        "a.html: mailto:someone@example.org",
    ]
