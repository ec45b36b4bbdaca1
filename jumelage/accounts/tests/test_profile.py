"""Profile, photo, data export and account deletion."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from jumelage.accounts import policies
from jumelage.accounts.models import TeacherProfile, User
from jumelage.audit.services import record
from jumelage.schools.models import SchoolMembership
from jumelage.testing import (
    PASSWORD,
    login_with_second_factor,
    make_project,
    make_pupil,
    make_staff,
    make_teacher,
)

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1200, 800), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 0.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def profile_data(**extra):
    return {
        "display_name": "Claire M.",
        "presentation": "I teach <b>history</b>.",
        "subjects": ["history"],
        "languages": ["fr", "en"],
        "age_bands": [14, 15],
        "email_visible": "on",
        "findable": "on",
        **extra,
    }


def test_profile_edit_saves_fields_and_reencodes_the_photo_without_metadata(client):
    teacher = make_teacher(verified=False)
    client.force_login(teacher)
    upload = SimpleUploadedFile("me.png", jpeg_with_exif(), content_type="image/png")
    response = client.post(reverse("accounts:profile_edit"), profile_data(photo=upload))
    assert response.status_code == 302
    profile = TeacherProfile.objects.get(user=teacher)
    teacher.refresh_from_db()
    assert teacher.display_name == "Claire M."
    assert set(profile.subjects.values_list("code", flat=True)) == {"history"}
    assert profile.email_visible
    with profile.photo.open("rb") as handle:
        data = handle.read()
    assert b"SecretCam" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert max(image.size) <= 600
        assert not image.getexif()
    # Shown escaped on the profile page.
    page = client.get(reverse("accounts:profile"), follow=True).text
    assert "I teach &lt;b&gt;history&lt;/b&gt;." in page
    photo = client.get(reverse("accounts:teacher_photo", args=[teacher.pk]))
    assert photo["Content-Type"] == "image/jpeg"


def test_a_file_that_is_not_an_image_is_refused_whatever_its_name(client):
    teacher = make_teacher()
    client.force_login(teacher)
    upload = SimpleUploadedFile("me.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")
    response = client.post(reverse("accounts:profile_edit"), profile_data(photo=upload))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert not TeacherProfile.objects.get(user=teacher).photo
    # Nothing already saved is lost: the name typed stays in the form.
    assert 'value="Claire M."' in response.text


def test_profile_visibility(client):
    verified = make_teacher(verified=True)
    pending = make_teacher(verified=False)
    url = reverse("accounts:teacher", args=[verified.pk])
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(pending)
    assert client.get(url).status_code == 404  # not verified yet: sees only their own
    assert client.get(reverse("accounts:teacher", args=[pending.pk])).status_code == 200
    client.force_login(make_teacher())
    response = client.get(url)
    assert response.status_code == 200
    assert verified.email not in response.text  # email hidden by default
    TeacherProfile.objects.filter(user=verified).update(email_visible=True)
    assert verified.email in client.get(url).text
    assert client.get(reverse("accounts:teacher", args=[pending.pk])).status_code == 404
    project = make_project()
    client.force_login(make_pupil(project))
    assert client.get(url).status_code == 404
    login_with_second_factor(client, make_staff("FR"))
    assert client.get(url).status_code == 200
    assert client.get(reverse("accounts:teacher", args=[999999])).status_code == 404


def test_profile_page_query_count_does_not_grow(client, django_assert_num_queries):
    teacher = make_teacher()
    client.force_login(teacher)
    url = reverse("accounts:teacher", args=[teacher.pk])
    profile = teacher.teacher_profile
    profile.subjects.set(["history", "geography"])
    client.get(url)
    with django_assert_num_queries(9) as ctx:
        client.get(url)
    profile.subjects.set(["history", "geography", "mathematics", "physics", "music"])
    profile.languages.set(["fr", "en", "de", "it", "es"])
    for _ in range(4):
        from jumelage.testing import make_school

        SchoolMembership.objects.create(school=make_school("DE"), user=teacher)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_until_verified_a_teacher_is_not_a_verified_teacher(client):
    pending = make_teacher(verified=False)
    assert not policies.is_verified_teacher(pending)
    assert policies.can_edit_profile(pending)
    TeacherProfile.objects.filter(user=pending).update(status="verified")
    pending.refresh_from_db()
    assert policies.is_verified_teacher(pending)


def test_export_contains_profile_schools_and_audit_entries(client):
    teacher = make_teacher(verified=False)
    staff = make_staff("FR")
    record(staff, "teacher.rejected", teacher.teacher_profile, subject_user=teacher, note="why")
    TeacherProfile.objects.filter(user=teacher).update(presentation="Bonjour")
    client.force_login(teacher)
    response = client.get(reverse("accounts:export"))
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    data = json.loads(zipfile.ZipFile(io.BytesIO(content)).read("data.json"))
    assert data["account"]["email"] == teacher.email
    assert data["profile"]["presentation"] == "Bonjour"
    assert data["schools"][0]["name"] == teacher.schools.get().name
    assert any(
        e["action"] == "teacher.rejected" and e["note"] == "why" for e in data["audit_entries"]
    )
    assert staff.email not in json.dumps(data)  # staff identity not leaked


def test_delete_account_anonymises_and_keeps_the_row(client):
    teacher = make_teacher()
    project = make_project([teacher, make_teacher("DE")])
    client.force_login(teacher)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 200
    assert User.objects.get(pk=teacher.pk).is_active
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    former = User.objects.get(pk=teacher.pk)
    assert former.display_name == "Former member"
    assert former.email.endswith("@former-member.invalid")
    assert not former.is_active and not former.has_usable_password()
    assert not TeacherProfile.objects.filter(user=former).exists()
    assert not SchoolMembership.objects.filter(user=former).exists()
    assert not project.memberships.filter(user=former).exists()  # no ghost member
    assert client.get(reverse("core:dashboard")).status_code == 302
    # The address may be used again for a new account.
    assert (
        client.post(
            reverse("accounts:login"), {"username": teacher.email, "password": PASSWORD}
        ).status_code
        == 200
    )


def test_dashboard_panel_says_what_to_do_next(client):
    teacher = make_teacher(verified=False)
    client.force_login(teacher)
    response = client.get(reverse("core:dashboard"))
    assert "Awaiting verification" in response.text
    assert "support office will call your school" in response.text
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    response = client.get(reverse("core:dashboard"))
    assert "1 school waiting" in response.text


def test_photo_and_head_links_refuse_outsiders_and_wrong_methods(client):
    teacher = make_teacher(verified=False)
    TeacherProfile.objects.filter(user=teacher).update(photo="profiles/x.jpg")
    url = reverse("accounts:teacher_photo", args=[teacher.pk])
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(make_teacher())
    assert client.get(url).status_code == 404  # not verified yet: private
    client.force_login(teacher)
    assert client.get(url).status_code == 404  # the file is missing: 404, not 500
    assert client.put(reverse("schools:head_confirm", args=["x"])).status_code == 405
    assert client.put(reverse("accounts:signup")).status_code == 405


def test_demo_gives_staff_backup_codes_and_is_idempotent(client):
    import io as _io

    from django.core.management import call_command

    out = _io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=out)
    assert "demo0001" in out.getvalue()
    response = client.post(
        reverse("accounts:login"),
        {"username": "bureau.france@demo.jumelage.eu", "password": "jumelage-demo"},
    )
    assert response["Location"] == reverse("accounts:login_code")
    response = client.post(reverse("accounts:login_code"), {"token": "demo0002"})
    assert response.status_code == 302
    assert client.get(reverse("schools:queue"), follow=True).status_code == 200
