"""Issue 14: what waits for an office is counted and announced; countries without an
office are served by the platform admin; a teacher leaves a school joined by mistake."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from jumelage.accounts.models import TeacherProfile
from jumelage.audit.models import AuditEntry
from jumelage.notifications.models import Notification
from jumelage.projects.models import Membership
from jumelage.reference.models import Region
from jumelage.schools.models import JoinRequest, School, SchoolMembership
from jumelage.schools.tests.test_registration import SCHOOL, confirmed_teacher
from jumelage.testing import (
    PASSWORD,
    add_member,
    login_with_second_factor,
    make_project,
    make_school,
    make_staff,
    make_teacher,
)

pytestmark = pytest.mark.django_db

User = get_user_model()


def _superuser():
    return User.objects.create_superuser(
        "platform@example.org", PASSWORD, display_name="Platform admin"
    )


# --- 1. The office's dashboard counts what waits, and the office is told --------------


def test_a_teacher_waiting_at_a_verified_school_is_counted_on_the_office_dashboard(client):
    school = make_school("FR")  # verified
    make_teacher("FR", verified=False, school=school)  # joined it, awaits verification
    asker = make_teacher("FR")
    JoinRequest.objects.create(school=make_school("FR"), user=asker)
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    text = client.get(reverse("core:dashboard")).text
    assert "0 schools waiting" in text
    assert "1 teacher waiting at a verified school" in text
    assert "1 request to join" in text
    # The queue lists that school: the count leads somewhere.
    queue = client.get(reverse("schools:queue_country", args=["FR"])).text
    assert school.name in queue


def test_the_cached_office_count_follows_a_verification_and_a_new_registration(
    client, django_capture_on_commit_callbacks
):
    """The queue panel is cached; a decision or a new registration shows on the next view."""
    from jumelage.schools import services

    school = make_school("FR")
    waiting = make_teacher("FR", verified=False, school=school)
    staff = make_staff("FR")
    login_with_second_factor(client, staff)
    assert "1 teacher waiting at a verified school" in client.get(reverse("core:dashboard")).text
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_teacher(staff, waiting, school, verify=True)
    assert "0 teachers waiting at a verified school" in client.get(reverse("core:dashboard")).text
    with django_capture_on_commit_callbacks(execute=True):
        make_school("FR", verified=False)
    assert "1 school waiting" in client.get(reverse("core:dashboard")).text


def test_a_regional_office_counts_only_its_region(client):
    paris, corse = Region.objects.get(code="paris"), Region.objects.get(code="corse")
    make_school("FR", verified=False, region=paris)
    make_school("FR", verified=False, region=corse)
    staff = make_staff("FR", role="regional", region=paris)
    login_with_second_factor(client, staff)
    assert "1 school waiting" in client.get(reverse("core:dashboard")).text


def test_the_office_is_notified_of_a_new_school_and_of_a_request_to_join(
    client, django_capture_on_commit_callbacks
):
    office = make_staff("FR")
    abroad = make_staff("DE")
    teacher = confirmed_teacher(client)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:register"), SCHOOL)
    notice = Notification.objects.get(user=office)
    assert notice.kind == "approval" and "Lycée Louis-le-Grand" in notice.title
    assert "France" in notice.title and "(FR)" not in notice.title  # a name, not a code
    assert notice.url == reverse("schools:queue_country", args=["FR"])
    assert any(office.email in m.to for m in mail.outbox)  # approvals are emailed by default
    assert not Notification.objects.filter(user=abroad).exists()
    # Another teacher asks to join it: the office hears of that too.
    joiner = make_teacher("FR")
    client.force_login(joiner)
    client.post(reverse("schools:register"), {"country": "FR", "national_id": "0750654D"})
    titles = list(Notification.objects.filter(user=office).values_list("title", flat=True))
    assert any(str(joiner) in t and "asks to join" in t for t in titles)
    assert teacher.pk != joiner.pk


def test_the_office_is_told_when_an_approved_joiner_waits_for_verification(client):
    school = make_school("FR")
    colleague = make_teacher("FR", school=school)
    joiner = make_teacher("FR", verified=False)
    SchoolMembership.objects.filter(user=joiner).delete()
    TeacherProfile.objects.filter(user=joiner).update(status="awaiting")
    request = JoinRequest.objects.create(school=school, user=joiner)
    office = make_staff("FR")
    client.force_login(colleague)
    client.post(reverse("schools:join_decide", args=[request.pk, "approve"]))
    assert Notification.objects.filter(
        user=office, title__contains="waits for verification"
    ).exists()


# --- 2. A country without an office: the platform admin acts for it ------------------


def test_the_platform_admin_sees_countries_without_an_office_and_acts_for_them(client):
    german = make_teacher("DE", verified=False)
    school = german.schools.get()
    make_staff("FR")  # France has an office: not listed
    make_teacher("FR", verified=False)
    admin = _superuser()
    login_with_second_factor(client, admin)
    text = client.get(reverse("core:dashboard")).text
    assert "Countries without an office" in text
    assert f'href="{reverse("schools:queue_country", args=["DE"])}"' in text
    assert f'href="{reverse("schools:queue_country", args=["FR"])}"' not in text
    assert "Nothing awaits you" not in text
    assert school.name in client.get(reverse("schools:queue_country", args=["DE"])).text
    client.post(reverse("schools:decide", args=[school.pk, "verify"]))
    school.refresh_from_db()
    assert school.status == School.Status.VERIFIED
    client.post(reverse("schools:decide_teacher", args=[school.pk, german.pk, "verify"]))
    german.teacher_profile.refresh_from_db()
    assert german.teacher_profile.status == TeacherProfile.Status.VERIFIED
    entries = AuditEntry.objects.filter(
        actor=admin, action__in=["school.verified", "teacher.verified"]
    )
    assert entries.count() == 2
    assert all(entry.data.get("as_platform_admin") for entry in entries)


def test_the_platform_admin_needs_the_second_factor_and_offices_stay_in_their_country(client):
    admin = _superuser()
    client.force_login(admin)
    response = client.get(reverse("schools:queue_country", args=["DE"]))
    assert response.status_code == 302 and reverse("accounts:otp_setup") in response["Location"]
    client.logout()
    login_with_second_factor(client, make_staff("FR"))
    assert client.get(reverse("schools:queue_country", args=["DE"])).status_code == 404


# --- 3. A teacher leaves a school joined by mistake ----------------------------------


def test_a_teacher_leaves_their_only_school_and_waits_for_a_school_again(client):
    teacher = make_teacher("FR")
    school = teacher.schools.get()
    project = make_project()
    add_member(project, teacher)
    client.force_login(teacher)
    dashboard = client.get(reverse("core:dashboard")).text
    leave_url = reverse("schools:leave", args=[school.pk])
    assert leave_url in dashboard
    page = client.get(leave_url)
    assert page.status_code == 200 and "It is your only school" in page.text
    assert SchoolMembership.objects.filter(user=teacher).exists()  # the GET changes nothing
    client.post(leave_url)
    assert not SchoolMembership.objects.filter(user=teacher).exists()
    teacher.teacher_profile.refresh_from_db()
    assert teacher.teacher_profile.status == TeacherProfile.Status.EMAIL_CONFIRMED
    assert teacher.teacher_profile.verified_at is None
    assert Membership.objects.filter(project=project, user=teacher).exists()  # projects stay
    entry = AuditEntry.objects.get(action="school.left", subject_user=teacher)
    assert entry.data["previous_status"] == "verified" and entry.data["last_school"]
    assert "Register my school" in client.get(reverse("core:dashboard")).text
    # Leaving again, or someone else's school, is refused.
    assert client.post(leave_url).status_code == 404


def test_leaving_one_of_two_schools_keeps_the_verification(client):
    teacher = make_teacher("FR")
    other = make_school("FR")
    SchoolMembership.objects.create(school=other, user=teacher)
    client.force_login(teacher)
    client.post(reverse("schools:leave", args=[other.pk]))
    teacher.teacher_profile.refresh_from_db()
    assert teacher.teacher_profile.status == TeacherProfile.Status.VERIFIED
    assert list(teacher.schools.all()) == [teacher.schools.get()]


def test_a_teacher_withdraws_a_pending_request_to_join(client):
    teacher = make_teacher("FR")
    target = make_school("FR")
    request = JoinRequest.objects.create(school=target, user=teacher)
    other = make_teacher("FR")
    url = reverse("schools:join_withdraw", args=[request.pk])
    client.force_login(other)
    assert client.post(url).status_code == 404
    client.force_login(teacher)
    assert url in client.get(reverse("core:dashboard")).text
    client.post(url)
    assert not JoinRequest.objects.filter(pk=request.pk).exists()
    assert AuditEntry.objects.filter(action="school.join_withdrawn", subject_user=teacher).exists()
    teacher.teacher_profile.refresh_from_db()
    assert teacher.teacher_profile.status == TeacherProfile.Status.VERIFIED


def test_an_answered_request_cannot_be_withdrawn(client):
    teacher = make_teacher("FR")
    request = JoinRequest.objects.create(school=make_school("FR"), user=teacher, status="refused")
    client.force_login(teacher)
    client.post(reverse("schools:join_withdraw", args=[request.pk]))
    assert JoinRequest.objects.filter(pk=request.pk).exists()
