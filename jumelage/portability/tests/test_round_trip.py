"""Export a rich project, import it into an emptied instance, export again: same archive."""

import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from jumelage import testing
from jumelage.accounts.models import User
from jumelage.portability import services
from jumelage.projects.models import Membership, Project
from jumelage.wiki.models import Page

from .helpers import export_now, read_zip, rich_project

FIXTURE = Path(__file__).parent / "fixtures" / "project-v1.zip"


def comparable(document: dict) -> dict:
    """The document minus what describes the export itself."""
    return {k: v for k, v in document.items() if k not in ("exported_at", "source")}


def empty_the_instance() -> list[dict]:
    """Delete every project and person, then let the teachers register again (same addresses).

    Returns the teachers' (email, name) so the test can recreate them.
    """
    teachers = list(User.objects.filter(kind=User.Kind.TEACHER).values("email", "display_name"))
    Project.objects.all().delete()
    User.objects.all().delete()
    return teachers


def register_again(teachers) -> None:
    for teacher in teachers:
        user = testing.make_teacher("FR", name=teacher["display_name"])
        User.objects.filter(pk=user.pk).update(email=teacher["email"])


def rezip(document: dict, files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("project.json", json.dumps(document))
        for name, content in files.items():
            zf.writestr(name, content)
    return out.getvalue()


@pytest.mark.django_db
def test_round_trip_keeps_content_files_and_revision_order():
    project = rich_project()
    _, first = export_now(project)
    document, files = read_zip(first)

    teachers = empty_the_instance()
    register_again(teachers)
    platform_admin = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    result = services.import_archive(platform_admin, io.BytesIO(first))

    imported = result.project
    assert imported.status == document["parts"]["project"]["status"]
    _, second = export_now(imported)
    document2, files2 = read_zip(second)

    assert comparable(document2) == comparable(document)
    assert files2 == files  # every file, byte for byte
    for path, content in files.items():
        assert path == f"files/{hashlib.sha256(content).hexdigest()}"
    assert imported.blog_posts.get().language_id == "en"
    # Forum categories keep their rights, and their topics.
    marking = imported.forum_topics.get(title="Marking")
    assert marking.category.title == "Teachers"
    assert marking.category.own_rights and not marking.category.pupils_view
    assert imported.forum_topics.get(title="Hello").category is None
    home = Page.objects.get(project=imported, title="Home")
    assert list(home.revisions.order_by("number").values_list("body", "restored_from")) == [
        ("<p>v1</p>", None),
        ("<p>v2</p>", None),
        ("<p>v1</p>", 1),
    ]


@pytest.mark.django_db
def test_archive_holds_no_password_no_twinmail_and_pupils_by_first_name():
    project = rich_project()
    hashes = [u.password for u in User.objects.filter(memberships__project=project)]
    _, data = export_now(project)
    document, _files = read_zip(data)
    text = json.dumps(document)
    assert not any(h and h in text for h in hashes)
    assert "password" not in text and "username" not in text
    pupils = [p for p in document["people"] if p["kind"] == "pupil"]
    assert sorted(p["name"] for p in pupils) == ["Lina", "Max"]
    assert all(p["email"] is None for p in pupils)
    assert "Dupont" not in text and "Mustermann" not in text
    assert "messaging.Thread" not in text
    assert document["format"] == "jumelage-project" and document["version"] == 1
    assert document["labels"] == []
    # Archive references, never database ids.
    assert all(p["ref"].startswith("p") for p in document["people"])


@pytest.mark.django_db
def test_a_teacher_imports_their_project_as_a_draft_and_unknown_teachers_are_listed():
    project = rich_project()
    founder = project.memberships.filter(is_founder=True).order_by("id").first().user
    _, data = export_now(project)
    email, name = founder.email, founder.display_name
    Project.objects.all().delete()
    User.objects.all().delete()
    me = testing.make_teacher("FR", name=name)
    User.objects.filter(pk=me.pk).update(email=email)
    me.refresh_from_db()

    result = services.import_archive(me, io.BytesIO(data))

    assert result.project.status == Project.Status.DRAFT
    member = Membership.objects.get(project=result.project, user=me)
    assert member.role == Membership.Role.ADMIN and member.is_founder
    # The other three teachers have no account here: to be invited once active.
    assert len(result.to_invite) == 3
    pupils = Membership.objects.filter(project=result.project, role=Membership.Role.PUPIL)
    assert sorted(pupils.values_list("user__display_name", flat=True)) == ["Lina", "Max"]
    assert not any(p.user.is_active or p.user.has_usable_password() for p in pupils)
    # Contributions keep their author's name, even for people who are not here.
    assert Page.objects.get(project=result.project, title="Winter").author.display_name == "Lina"


@pytest.mark.django_db
def test_a_teachers_import_adds_nobody_else_without_their_consent():
    """On the same site: the other teachers have accounts, yet are only listed to invite."""
    project = rich_project()
    founder, cofounder = [
        m.user for m in project.memberships.filter(is_founder=True).order_by("id")
    ]
    _, data = export_now(project)
    result = services.import_archive(founder, io.BytesIO(data))
    members = set(Membership.objects.filter(project=result.project).values_list("user", flat=True))
    assert founder.pk in members and cofounder.pk not in members
    assert cofounder.email in [email for email, _role in result.to_invite]
    assert not User.objects.filter(is_active=True, memberships__project=result.project).exclude(
        pk=founder.pk
    )


@pytest.mark.django_db
def test_an_archive_too_big_once_unpacked_is_refused(settings):
    from jumelage.core.errors import Refused

    settings.PORTABILITY_IMPORT_MAX_BYTES = 1000
    bomb = rezip({"format": "jumelage-project", "version": 1}, {"files/x": bytes(5000)})
    root = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    with pytest.raises(Refused, match="too large"):
        services.import_archive(root, io.BytesIO(bomb))


@pytest.mark.django_db
def test_a_restore_invites_the_teachers_nobody_here_holds(django_capture_on_commit_callbacks):
    from jumelage.mail.models import OutboxMessage
    from jumelage.projects.models import Invitation

    project = rich_project()
    _, data = export_now(project)
    teachers = empty_the_instance()
    register_again(teachers[:2])  # the founders only
    root = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    with django_capture_on_commit_callbacks(execute=True):
        result = services.import_archive(root, io.BytesIO(data))
    invitations = Invitation.objects.filter(project=result.project).order_by("email")
    assert sorted(result.invited) == sorted(t["email"] for t in teachers[2:])
    assert sorted(invitations.values_list("email", "role")) == sorted(
        zip([t["email"] for t in teachers[2:]], ["teacher", "guest"], strict=True)
    )
    sent = OutboxMessage.objects.values_list("recipients", flat=True)
    assert all([t["email"]] in list(sent) for t in teachers[2:])
    assert not result.to_invite


@pytest.mark.django_db
def test_someone_else_may_not_import_and_a_bad_file_is_refused_with_a_message():
    from jumelage.core.errors import Refused

    project = rich_project()
    _, data = export_now(project)
    stranger = testing.make_teacher("FR")
    with pytest.raises(Refused, match="administrator"):
        services.import_archive(stranger, io.BytesIO(data))
    with pytest.raises(Refused, match="not a project archive"):
        services.import_archive(stranger, io.BytesIO(b"hello"))
    count = Project.objects.count()
    root = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    document, files = read_zip(data)
    with pytest.raises(Refused, match="not a project archive"):
        services.import_archive(root, io.BytesIO(rezip({**document, "format": "other"}, files)))
    with pytest.raises(Refused, match="version"):
        services.import_archive(root, io.BytesIO(rezip({**document, "version": 99}, files)))
    # Damaged after the project was created: everything rolls back.
    del document["parts"]["forum"]["topics"][0]["title"]
    with pytest.raises(Refused, match="damaged"):
        services.import_archive(root, io.BytesIO(rezip(document, files)))
    # A file the document names but the zip lacks.
    with pytest.raises(Refused, match="damaged"):
        services.import_archive(root, io.BytesIO(rezip(read_zip(data)[0], {})))
    assert Project.objects.count() == count
    assert not User.objects.filter(is_active=False).exists()


@pytest.mark.django_db
def test_the_version_1_fixture_still_imports():
    root = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    result = services.import_archive(root, io.BytesIO(FIXTURE.read_bytes()))
    project = result.project
    assert project.title == "Les saisons / Die Jahreszeiten"
    assert project.pages.count() == 2
    assert project.blog_posts.get().language_id is None  # v1 posts had no language
    assert project.material_items.count() == 2
    item = project.material_items.get(name="plan.pdf")
    with item.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-1.4")
    assert [r.number for r in Page.objects.get(project=project, title="Home").revisions.all()] == [
        3,
        2,
        1,
    ]


@pytest.mark.django_db
@pytest.mark.skipif(not os.environ.get("PORTABILITY_WRITE_FIXTURE"), reason="run once per version")
def test_write_the_fixture_archive():
    """`PORTABILITY_WRITE_FIXTURE=1 pytest -k write_the_fixture`: (re)make project-v1.zip."""
    project = rich_project()
    _, data = export_now(project)
    FIXTURE.write_bytes(data)
