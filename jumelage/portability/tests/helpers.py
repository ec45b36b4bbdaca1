"""A rich project for the archive tests: every part has something to carry."""

import io
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from jumelage import testing
from jumelage.blog.models import Comment
from jumelage.blog.models import Post as BlogPost
from jumelage.calendar.models import Event
from jumelage.chat.models import Message, Room, RoomMember
from jumelage.forum.models import Category, Post, Topic
from jumelage.materials.models import Folder, Item
from jumelage.messaging.models import ProjectPolicy
from jumelage.portability import services
from jumelage.projects.models import Membership, Visibility
from jumelage.twinspace.models import BulletinNote
from jumelage.wiki.models import Page, Revision


def png_bytes(size=(32, 24), colour=(200, 30, 90)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def pdf_bytes(size: int = 4096) -> bytes:
    body = bytes((i * 7 + 3) % 256 for i in range(size))
    return b"%PDF-1.4\n" + body + b"\n%%EOF\n"


def rich_project():
    """A project with two founders, a teacher, a guest, two pupils, and content everywhere."""
    project = testing.make_project(title="Les saisons / Die Jahreszeiten")
    founders = [m.user for m in project.memberships.order_by("id")]
    fr, de = founders
    teacher = testing.add_member(project, country="IT")
    testing.add_member(project, role=Membership.Role.GUEST)
    lina = testing.make_pupil(project, fr, name="Lina Dupont")
    max_ = testing.make_pupil(project, de, name="Max Mustermann")
    project.subjects.set(["geography"] if _has_subject("geography") else [])

    home = Page.objects.create(project=project, title="Home", body="<p>v1</p>", author=fr)
    Revision.objects.create(page=home, number=1, title="Home", body="<p>v1</p>", author=fr)
    Revision.objects.create(page=home, number=2, title="Home", body="<p>v2</p>", author=de)
    Revision.objects.create(
        page=home, number=3, title="Home", body="<p>v1</p>", author=fr, restored_from=1
    )
    child = Page.objects.create(
        project=project,
        parent=home,
        position=1,
        title="Winter",
        body="<p>Snow <strong>day</strong></p>",
        author=lina,
        visibility=Visibility.PENDING,
    )
    Revision.objects.create(page=child, number=1, title="Winter", body=child.body, author=lina)

    Category.objects.create(project=project, title="Ideas", position=1)
    teachers_room = Category.objects.create(
        project=project, title="Teachers", position=2, own_rights=True, pupils_view=False
    )
    Topic.objects.create(
        project=project,
        category=teachers_room,
        author=fr,
        title="Marking",
        body="<p>Between us</p>",
    )
    topic = Topic.objects.create(project=project, author=fr, title="Hello", body="<p>Hi!</p>")
    Post.objects.create(topic=topic, author=lina, body="<p>Bonjour</p>")
    Post.objects.create(
        topic=topic,
        author=max_,
        body="<p>Hallo</p>",
        visibility=Visibility.HIDDEN,
        moderated_by=de,
        moderated_at=timezone.now(),
    )

    post = BlogPost(
        project=project,
        author=fr,
        title="Our first week",
        body="<p>Photos</p>",
        language_id="en",
        cover_alt="A red square",
        status=BlogPost.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    post.cover.save("cover.png", ContentFile(png_bytes()), save=False)
    post.save()
    Comment.objects.create(post=post, author=max_, body="Schön!")

    start = timezone.now() + timedelta(days=3)
    Event.objects.create(
        project=project,
        title="Video call",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        created_by=de,
        place="Room 12",
    )

    general = Room.objects.create(project=project, kind=Room.Kind.GENERAL, created_by=fr)
    breakout = Room.objects.create(
        project=project, kind=Room.Kind.BREAKOUT, name="Team A", created_by=teacher
    )
    RoomMember.objects.create(room=breakout, user=lina)
    RoomMember.objects.create(room=breakout, user=max_)
    for n, (author, body) in enumerate([(fr, "Welcome"), (lina, "Salut"), (max_, "Hi")]):
        Message.objects.create(room=general, author=author, body=body, client_id=f"c{n}")
    Message.objects.create(room=breakout, author=lina, body="Team!", client_id="b1")

    folder = Folder.objects.create(project=project, name="Photos", is_album=True, created_by=fr)
    sub = Folder.objects.create(project=project, name="Docs", parent=folder, created_by=de)
    image = png_bytes((40, 30), (10, 120, 200))
    item = Item(
        project=project,
        folder=folder,
        name="class.png",
        kind=Item.Kind.IMAGE,
        content_type="image/png",
        size=len(image),
        width=40,
        height=30,
        uploaded_by=fr,
    )
    item.file.save("x.png", ContentFile(image), save=False)
    item.thumbnail.save("t.png", ContentFile(png_bytes((8, 6))), save=False)
    item.save()
    pdf = pdf_bytes()
    doc = Item(
        project=project,
        folder=sub,
        name="plan.pdf",
        kind=Item.Kind.PDF,
        content_type="application/pdf",
        size=len(pdf),
        uploaded_by=de,
    )
    doc.file.save("plan.pdf", ContentFile(pdf), save=False)
    doc.save()

    BulletinNote.objects.create(project=project, author=fr, body="Call on Monday")
    ProjectPolicy.objects.create(project=project, pupils_may_message_pupils=True)
    return project


def _has_subject(code: str) -> bool:
    from jumelage.reference.models import Subject

    return Subject.objects.filter(code=code).exists()


def export_now(project, user=None):
    """Export synchronously; returns (document, {archive path: bytes}) read from the zip."""
    from django.core.files.storage import default_storage

    from jumelage.portability.models import ProjectExport

    export = ProjectExport.objects.create(
        project=project, requested_by=user, expires_at=timezone.now() + timedelta(days=1)
    )
    export = services.run_export(export.pk)
    assert export.status == ProjectExport.Status.READY, export.status
    with default_storage.open(export.archive, "rb") as handle:
        data = handle.read()
    return export, data


def read_zip(data: bytes):
    import json

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        document = json.loads(zf.read("project.json"))
        files = {name: zf.read(name) for name in zf.namelist() if name != "project.json"}
    return document, files
