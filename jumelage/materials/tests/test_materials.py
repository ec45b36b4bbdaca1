import io

import pytest
from django.urls import reverse
from PIL import Image

from jumelage.materials import services
from jumelage.materials.models import Folder, Item
from jumelage.materials.tests import samples
from jumelage.projects.models import Project

pytestmark = pytest.mark.django_db


def upload_url(project, folder=None):
    if folder:
        return reverse("materials:folder_upload", args=[project.pk, folder.pk])
    return reverse("materials:upload", args=[project.pk])


def post_files(client, project, *files, folder=None, ajax=False):
    headers = {"X-Requested-With": "XMLHttpRequest"} if ajax else {}
    return client.post(upload_url(project, folder), {"files": list(files)}, headers=headers)


def download(client, item):
    response = client.get(reverse("materials:download", args=[item.project_id, item.pk]))
    return response, b"".join(response.streaming_content)


def test_several_files_at_once_each_with_its_verdict(teacher_client, project):
    response = post_files(
        teacher_client, project, samples.pdf(), samples.docx(), samples.windows_program()
    )
    assert response.status_code == 302
    assert sorted(Item.objects.values_list("name", flat=True)) == ["letter.docx", "worksheet.pdf"]
    shown = [str(m) for m in response.wsgi_request._messages]
    assert any("Programs and scripts are not accepted" in m for m in shown)
    assert any("worksheet.pdf" in m and "added" in m for m in shown)


@pytest.mark.parametrize(
    "sample",
    [
        samples.windows_program("holiday.jpg"),
        samples.linux_program("notes.pdf"),
        samples.html_page("page.html"),
        samples.html_page("innocent.png"),
        samples.svg_with_script("drawing.svg"),
        samples.svg_with_script("drawing.png"),
    ],
    ids=["exe-renamed-jpg", "elf-renamed-pdf", "html", "html-renamed-png", "svg", "svg-renamed"],
)
def test_programs_html_and_svg_are_refused_whatever_their_name(teacher_client, project, sample):
    response = post_files(teacher_client, project, sample, ajax=True)
    assert response.status_code == 400
    result = response.json()["results"][0]
    assert result["ok"] is False
    assert result["message"]
    assert not Item.objects.exists()


def test_a_refused_svg_says_why(teacher_client, project):
    response = post_files(teacher_client, project, samples.svg_with_script(), ajax=True)
    assert "SVG" in response.json()["results"][0]["message"]
    response = post_files(teacher_client, project, samples.html_page(), ajax=True)
    assert "HTML" in response.json()["results"][0]["message"]


def test_a_jpeg_comes_back_without_its_gps_position_or_any_metadata(teacher_client, project):
    original = samples.jpeg_with_gps()
    data = original.read()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(samples.GPS_IFD)  # it had one
    original.seek(0)
    post_files(teacher_client, project, original)
    item = Item.objects.get()
    response, body = download(teacher_client, item)
    assert response["Content-Type"] == "image/jpeg"
    image = Image.open(io.BytesIO(body))
    assert image.format == "JPEG"
    assert image.size == (64, 48)
    assert not image.getexif()
    assert not image.getexif().get_ifd(samples.GPS_IFD)
    assert b"Exif" not in body and b"PhoneMaker" not in body and b"rue Secret" not in body
    assert "exif" not in image.info and "comment" not in image.info
    thumb = teacher_client.get(reverse("materials:thumbnail", args=[project.pk, item.pk]))
    thumb_body = b"".join(thumb.streaming_content)
    assert b"Exif" not in thumb_body
    assert max(Image.open(io.BytesIO(thumb_body)).size) <= 320


def test_data_hidden_after_an_image_is_dropped(teacher_client, project):
    post_files(teacher_client, project, samples.png(trailer=b"<script>alert(1)</script>"))
    _, body = download(teacher_client, Item.objects.get())
    assert b"<script>" not in body


def test_downloads_are_attachments_with_a_safe_type(teacher_client, project):
    post_files(teacher_client, project, samples.pdf("worksheet.exe"), samples.docx(), samples.png())
    pdf = Item.objects.get(kind="pdf")
    assert pdf.name == "worksheet.pdf"  # the real extension, not the one given
    assert "worksheet.pdf" not in pdf.file.name  # stored under a random name
    response, _ = download(teacher_client, pdf)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="worksheet.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    docx_response, _ = download(teacher_client, Item.objects.get(kind="office"))
    assert docx_response["Content-Disposition"].startswith("attachment;")
    image_response, _ = download(teacher_client, Item.objects.get(kind="image"))
    assert image_response["Content-Disposition"].startswith("inline;")
    assert image_response["Content-Type"] == "image/png"


def test_media_files_are_not_reachable_by_url(teacher_client, project, settings):
    post_files(teacher_client, project, samples.pdf())
    item = Item.objects.get()
    assert teacher_client.get(settings.MEDIA_URL + item.file.name).status_code == 404


def test_per_file_limit_has_a_clear_message(teacher_client, project, settings):
    settings.JUMELAGE_MAX_FILE_SIZE = 50
    response = post_files(teacher_client, project, samples.pdf(), ajax=True)
    message = response.json()["results"][0]["message"]
    assert "the limit is 50\xa0bytes a file" in message
    assert not Item.objects.exists()


def test_project_quota_has_a_clear_message_and_keeps_what_was_saved(
    teacher_client, project, settings
):
    settings.JUMELAGE_PROJECT_QUOTA = 150
    post_files(teacher_client, project, samples.pdf("first.pdf"))
    assert Item.objects.count() == 1
    response = post_files(teacher_client, project, samples.pdf("second.pdf"), ajax=True)
    message = response.json()["results"][0]["message"]
    assert "does not fit" in message and "second.pdf" in message
    assert list(Item.objects.values_list("name", flat=True)) == ["first.pdf"]


def test_albums_take_images_only(teacher_client, project, teacher):
    album = Folder.objects.create(project=project, name="Trip", is_album=True, created_by=teacher)
    response = post_files(teacher_client, project, samples.pdf(), folder=album, ajax=True)
    assert "albums only hold images" in response.json()["results"][0]["message"]
    post_files(teacher_client, project, samples.png(), folder=album)
    assert album.items.count() == 1
    page = teacher_client.get(reverse("materials:folder", args=[project.pk, album.pk]))
    assert reverse("materials:thumbnail", args=[project.pk, album.items.get().pk]) in (
        page.content.decode()
    )


def test_no_file_chosen_is_a_message_not_an_error(teacher_client, project):
    response = teacher_client.post(upload_url(project), {}, follow=True)
    assert response.status_code == 200
    assert "Choose at least one file" in response.content.decode()


def test_folder_name_is_required_and_the_form_says_so(teacher_client, project):
    response = teacher_client.post(
        reverse("materials:folder_create", args=[project.pk]), {"name": "  "}
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_folders_nest_and_only_empty_ones_are_deleted(teacher_client, project):
    teacher_client.post(reverse("materials:folder_create", args=[project.pk]), {"name": "Week 1"})
    week = Folder.objects.get()
    teacher_client.post(
        reverse("materials:subfolder_create", args=[project.pk, week.pk]), {"name": "Day 1"}
    )
    assert Folder.objects.get(name="Day 1").parent == week
    response = teacher_client.post(
        reverse("materials:folder_delete", args=[project.pk, week.pk]), follow=True
    )
    assert "not empty" in response.content.decode()
    assert Folder.objects.filter(pk=week.pk).exists()


def test_a_pupil_deletes_own_files_only(client, project, teacher, world):
    pupil = world.users["pupil"]
    mine = services.store_upload(project, pupil, samples.pdf("mine.pdf"))
    theirs = services.store_upload(project, teacher, samples.pdf("theirs.pdf"))
    client.force_login(pupil)
    assert (
        client.post(reverse("materials:item_delete", args=[project.pk, theirs.pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("materials:item_delete", args=[project.pk, mine.pk])).status_code == 302
    )
    assert list(Item.objects.values_list("name", flat=True)) == ["theirs.pdf"]


def test_closed_project_is_read_only(teacher_client, project):
    services.store_upload(project, project.created_by, samples.pdf())
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    assert teacher_client.get(reverse("materials:index", args=[project.pk])).status_code == 200
    response = post_files(teacher_client, project, samples.png())
    assert response.status_code == 403
    assert Item.objects.count() == 1
    page = teacher_client.get(reverse("materials:index", args=[project.pk])).content.decode()
    assert "Add files" not in page


def test_wrong_method_and_bad_ids(teacher_client, project):
    assert teacher_client.get(upload_url(project)).status_code == 405
    assert (
        teacher_client.get(reverse("materials:folder", args=[project.pk, 999999])).status_code
        == 404
    )
    assert (
        teacher_client.get(reverse("materials:download", args=[project.pk, 999999])).status_code
        == 404
    )


def test_files_of_another_project_are_not_reachable_through_this_one(
    teacher_client, project, world
):
    other = world.other_project
    item = services.store_upload(other, other.created_by, samples.pdf())
    url = reverse("materials:download", args=[project.pk, item.pk])
    assert teacher_client.get(url).status_code == 404


def test_picker_lists_images_with_their_download_urls(teacher_client, project, teacher):
    image = services.store_upload(project, teacher, samples.png("map.png"))
    services.store_upload(project, teacher, samples.pdf())
    response = teacher_client.get(reverse("materials:picker", args=[project.pk]))
    html = response.content.decode()
    assert reverse("materials:download", args=[project.pk, image.pk]) in html
    assert "worksheet" not in html
    assert "<html" not in html  # a fragment
    empty = teacher_client.get(reverse("materials:picker", args=[project.pk]), {"q": "nothing"})
    assert "No image matches" in empty.content.decode()


def test_guest_sees_but_does_not_upload(client, project, world):
    guest = world.users["guest"]
    client.force_login(guest)
    assert client.get(reverse("materials:index", args=[project.pk])).status_code == 200
    assert post_files(client, project, samples.pdf()).status_code == 403


def test_moving_a_file_stays_within_its_library_and_is_audited(project, teacher, world):
    """The library's move service (used by a group's library) for a project's files."""
    from jumelage.audit.models import AuditEntry
    from jumelage.core.errors import Refused

    week = services.create_folder(project, teacher, "Week 1", None, False)
    album = services.create_folder(project, teacher, "Photos", None, True)
    theirs = services.create_folder(world.other_project, teacher, "Theirs", None, False)
    item = services.store_upload(project, teacher, samples.pdf())
    services.move_item(teacher, item, week)
    item.refresh_from_db()
    assert item.folder == week
    entry = AuditEntry.objects.get(action="materials.move")
    assert entry.project == project and entry.data["folder"] == week.pk
    for target, why in ((theirs, "same library"), (album, "albums only hold images")):
        with pytest.raises(Refused, match=why):
            services.move_item(teacher, item, target)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    item = Item.objects.select_related("project").get(pk=item.pk)
    with pytest.raises(Refused):
        services.move_item(teacher, item, None)
    assert Item.objects.get(pk=item.pk).folder == week
