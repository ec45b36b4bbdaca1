"""Renders a project's static site into a folder: plain HTML, one stylesheet, no script.

Everything links relatively (`index.html`, `blog/<slug>.html`, `pages/<slug>.html`,
`media/...`, with `../` where needed), so the folder opens from a USB stick over
file:// and can be hosted anywhere. Only content that is published (not a draft,
not pending, not hidden) and that the teachers chose goes in; authors appear by
their public name (a pupil's first name only, blog.policies.public_name); no email,
chat or twinmail ever does. Images are re-encoded from their pixels (no EXIF, no GPS)
and shrunk to at most 1600 px a side; other files referenced from the content are
copied as they are.
"""

import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.text import slugify

from jumelage.blog.models import Post
from jumelage.blog.policies import public_name
from jumelage.core import images
from jumelage.core.sanitising import ALLOWED_ATTRIBUTES, ALLOWED_TAGS
from jumelage.materials.models import Item
from jumelage.projects.models import Membership, Visibility
from jumelage.wiki.tree import tree

from .labels import labels_for

STYLESHEET = Path(__file__).parent / "assets" / "site.css"
EXTERNAL_SCHEMES = {"http", "https"}


def site_languages(project) -> list[str]:
    """The project's working languages that the platform speaks, in its order; else its own."""
    wanted = set(project.languages.values_list("code", flat=True))
    codes = [code for code, _name in settings.LANGUAGES if code in wanted]
    return codes or [settings.LANGUAGE_CODE]


def slug_for(obj) -> str:
    """Stable and unique: the id, then the title as ASCII (`12-mon-quartier-a-paris`)."""
    words = slugify(obj.title)[:60].strip("-")
    return f"{obj.pk}-{words}" if words else str(obj.pk)


@dataclass
class Entry:
    kind: str  # "post" or "page"
    obj: object
    slug: str
    title: str
    body: str
    author: str = ""
    date: object = None
    cover: str = ""  # path under the site root
    cover_alt: str = ""
    depth: int = 0  # pages: nesting in the tree, for the list on the home page
    language: str = ""  # posts: the language code written in lang="…", when known


class SiteBuilder:
    """One build of one project's site into `out` (an empty folder)."""

    def __init__(self, showcase, out: Path):
        self.showcase = showcase
        self.project = showcase.project
        self.out = out
        self.media: dict[tuple, str | None] = {}

    # --- What goes in -------------------------------------------------------------

    def posts(self) -> list[Entry]:
        if not self.showcase.include_blog:
            return []
        posts = Post.objects.public().filter(project=self.project).select_related("author")
        entries = []
        for post in posts.order_by("-published_at", "-pk"):
            entry = Entry(
                "post",
                post,
                slug_for(post),
                post.title,
                post.body,
                author=public_name(post.author),
                date=post.published_at,
                cover_alt=post.cover_alt,
                language=post.language_id or "",
            )
            if post.cover:
                entry.cover = self._image(("cover", post.pk), post.cover, f"cover-{post.pk}") or ""
            entries.append(entry)
        return entries

    def pages(self) -> list[Entry]:
        chosen = list(
            self.showcase.pages.filter(project=self.project, visibility=Visibility.PUBLISHED)
        )
        entries: list[Entry] = []

        def walk(nodes, depth):
            for node in nodes:
                page = node["page"]
                entries.append(
                    Entry("page", page, slug_for(page), page.title, page.body, depth=depth)
                )
                walk(node["children"], depth + 1)

        walk(tree(sorted(chosen, key=lambda p: (p.position, p.pk))), 0)
        return entries

    # --- Files ----------------------------------------------------------------------

    def _write_media(self, name: str, fileobj) -> str:
        target = self.out / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as dest:
            shutil.copyfileobj(fileobj, dest, 1024 * 1024)
        return f"media/{name}"

    def _image(self, key, field_file, stem: str) -> str | None:
        """A web copy of an image without metadata; None when it cannot be read."""
        if key in self.media:
            return self.media[key]
        path = None
        recipe = images.Recipe(
            images.WEB_FORMATS, max_side=settings.SHOWCASE_IMAGE_MAX_SIDE, keep_format=False
        )
        try:
            with field_file.open("rb") as source:
                clean = images.process(source, recipe, name=stem)
            with clean.content as content:
                content.seek(0)
                path = self._write_media(f"{stem}.{clean.extension}", content)
        except (OSError, ValidationError, ValueError):
            path = None
        self.media[key] = path
        return path

    def _item(self, item_id: int) -> str | None:
        """The site's copy of a file of the project's materials, or None."""
        key = ("item", item_id)
        if key in self.media:
            return self.media[key]
        item = Item.objects.filter(project=self.project, pk=item_id).first()
        if item is None:
            self.media[key] = None
            return None
        if item.is_image:
            return self._image(key, item.file, f"file-{item.pk}")
        suffix = Path(item.file.name).suffix.lower()
        stem = slugify(Path(item.name).stem)[:60] or "file"
        try:
            with item.file.open("rb") as source:
                path = self._write_media(f"file-{item.pk}-{stem}{suffix}", source)
        except OSError:
            path = None
        self.media[key] = path
        return path

    # --- Rich text --------------------------------------------------------------------

    def _target(self, url: str, to_root: str, to_lang: str) -> str | None:
        """Where a link of the content points in the site; None drops the link."""
        url = url.strip()
        if url.startswith("#"):
            return url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return url if parts.scheme in EXTERNAL_SCHEMES and parts.netloc else None
        if not parts.path.startswith("/"):
            return None  # relative to a platform page: means nothing in the site
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        if match.kwargs.get("project_id") != self.project.pk:
            return None
        if match.view_name in ("materials:download", "materials:thumbnail"):
            found = self._item(match.kwargs["item_id"])
            return to_root + found if found else None
        if match.view_name == "blog:post_detail":
            slug = self.post_slugs.get(match.kwargs["post_id"])
            return f"{to_lang}blog/{slug}.html" if slug else None
        if match.view_name == "wiki:detail":
            slug = self.page_slugs.get(match.kwargs["page_id"])
            return f"{to_lang}pages/{slug}.html" if slug else None
        return None

    def rich(self, html: str, to_root: str, to_lang: str) -> str:
        """Sanitised again, with every link rewritten for the site or removed."""

        def rewrite(tag, attribute, value):
            if attribute in ("href", "src"):
                return self._target(value, to_root, to_lang)
            return value

        return nh3.clean(
            html or "",
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            attribute_filter=rewrite,
            url_schemes=EXTERNAL_SCHEMES,
            link_rel="noopener noreferrer",
        )

    # --- The build --------------------------------------------------------------------------

    def build(self) -> list[str]:
        """Write the site; return its files, relative to `out`, sorted."""
        project = self.project
        languages = site_languages(project)
        posts, pages = self.posts(), self.pages()
        self.post_slugs = {e.obj.pk: e.slug for e in posts}
        self.page_slugs = {e.obj.pk: e.slug for e in pages}
        several = len(languages) > 1
        countries = sorted(
            {
                m.school.country
                for m in Membership.objects.filter(project=project, school__isnull=False)
                .select_related("school__country")
                .only("school__country")
            },
            key=lambda c: c.pk,
        )
        generated_at = timezone.now()
        for lang in languages:
            folder = self.out / lang if several else self.out
            prefix = "../" if several else ""
            with translation.override(lang):
                switch = [
                    {
                        "code": code,
                        "name": translation.get_language_info(code)["name_local"],
                        "current": code == lang,
                    }
                    for code in languages
                ]
                base = {
                    "project": project,
                    "lang": lang,
                    "switch": switch if several else [],
                    "generated_at": generated_at,
                    "has_posts": bool(posts),
                    "has_pages": bool(pages),
                }
                self._render(
                    folder / "index.html",
                    "showcase/site/index.html",
                    {
                        **base,
                        "to_root": prefix,
                        "to_lang": "",
                        "lang_path": "index.html",
                        "description": self.rich(project.description, prefix, ""),
                        "subjects": [s.name for s in project.subjects.all()],
                        "languages": [lg.name for lg in project.languages.all()],
                        "countries": [c.name for c in countries],
                        "labels": labels_for(project),
                        "posts": posts,
                        "pages": pages,
                    },
                )
                for kind, entries, sub in (("post", posts, "blog"), ("page", pages, "pages")):
                    for entry in entries:
                        to_root = prefix + "../"
                        self._render(
                            folder / sub / f"{entry.slug}.html",
                            "showcase/site/entry.html",
                            {
                                **base,
                                "to_root": to_root,
                                "to_lang": "../",
                                "lang_path": f"{sub}/{entry.slug}.html",
                                "entry": entry,
                                "body": self.rich(entry.body, to_root, "../"),
                                "is_post": kind == "post",
                            },
                        )
        if several:
            self._render(
                self.out / "index.html",
                "showcase/site/languages.html",
                {"project": project, "switch": switch, "lang": languages[0]},
            )
        shutil.copyfile(STYLESHEET, self.out / "site.css")
        return sorted(
            p.relative_to(self.out).as_posix() for p in self.out.rglob("*") if p.is_file()
        )

    def _render(self, path: Path, template: str, context: dict) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_to_string(template, context), encoding="utf-8")
