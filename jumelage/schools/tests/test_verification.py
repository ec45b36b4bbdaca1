"""The national support office's queue: scope, calls, decisions, audit, replays."""

import pytest
from django.core import mail
from django.urls import reverse

from jumelage.accounts.models import TeacherProfile
from jumelage.audit.models import AuditEntry
from jumelage.network.models import SupportRole
from jumelage.reference.models import Region
from jumelage.schools.models import JoinRequest, School, VerificationCall
from jumelage.testing import login_with_second_factor as staff_login
from jumelage.testing import make_school, make_staff, make_teacher, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending():
    teacher = make_teacher("FR", verified=False)
    return teacher, teacher.schools.get()


def test_staff_must_pass_the_second_factor_before_the_queue(client, pending):
    staff = make_staff("FR")
    client.force_login(staff)
    response = client.get(reverse("schools:queue_country", args=["FR"]))
    assert response.status_code == 302
    assert reverse("accounts:otp_setup") in response["Location"]


def test_queue_shows_what_the_phone_check_needs(client, pending):
    teacher, school = pending
    school.head_confirmed_at = None
    school.save()
    twin = make_school("FR", name=school.name + " annexe", town=school.town)
    staff = make_staff("FR")
    staff_login(client, staff)
    response = client.get(reverse("schools:queue"), follow=True)
    assert response.status_code == 200
    text = response.text
    assert school.name in text and school.phone in text
    assert school.head_email in text and "Not confirmed yet" in text
    assert teacher.email in text
    assert twin.name in text  # flagged as a possible duplicate


def test_staff_of_another_country_can_neither_see_nor_act(client, pending):
    teacher, school = pending
    german = make_staff("DE")
    staff_login(client, german)
    assert client.get(reverse("schools:queue_country", args=["FR"])).status_code == 404
    assert client.get(reverse("schools:review", args=[school.pk])).status_code == 404
    for url, data in [
        (reverse("schools:decide", args=[school.pk, "verify"]), {}),
        (reverse("schools:decide", args=[school.pk, "reject"]), {"reason": "no"}),
        (
            reverse("schools:record_call", args=[school.pk]),
            {"called_at": "2026-11-20T10:00", "outcome": "confirmed"},
        ),
        (reverse("schools:decide_teacher", args=[school.pk, teacher.pk, "verify"]), {}),
    ]:
        assert client.post(url, data).status_code == 404
    school.refresh_from_db()
    assert school.status == School.Status.PENDING
    assert not VerificationCall.objects.exists()
    assert TeacherProfile.objects.get(user=teacher).status == "awaiting"
    # The German queue does not list French schools.
    response = client.get(reverse("schools:queue_country", args=["DE"]))
    assert school.name not in response.text


def test_queue_and_review_refuse_outsiders(client, pending):
    teacher, school = pending
    urls = [
        reverse("schools:queue"),
        reverse("schools:queue_country", args=["FR"]),
        reverse("schools:review", args=[school.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to login
    for outsider in (teacher, make_teacher("FR"), make_staff("FR", can_verify=False)):
        sign_in(client, outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)


def test_regional_staff_see_only_their_region(client):
    paris = make_school(
        "FR", name="École de Paris", verified=False, region=Region.objects.get(code="paris")
    )
    lyon = make_school(
        "FR", name="École de Lyon", verified=False, region=Region.objects.get(code="lyon")
    )
    staff = make_staff("FR", role="regional", region=Region.objects.get(code="lyon"))
    staff_login(client, staff)
    response = client.get(reverse("schools:queue_country", args=["FR"]))
    assert lyon.name in response.text and paris.name not in response.text
    assert client.get(reverse("schools:review", args=[paris.pk])).status_code == 404


def test_record_call_then_verify_school_and_teacher_with_audit_and_email(client, pending):
    teacher, school = pending
    staff = make_staff("FR")
    staff_login(client, staff)
    response = client.post(
        reverse("schools:record_call", args=[school.pk]),
        {"called_at": "2026-11-20T10:00", "outcome": "confirmed", "note": "Spoke to the head."},
    )
    assert response.status_code == 302
    call = VerificationCall.objects.get()
    assert call.staff == staff and call.note == "Spoke to the head."
    # A teacher cannot be verified before the school.
    response = client.post(
        reverse("schools:decide_teacher", args=[school.pk, teacher.pk, "verify"]), follow=True
    )
    assert "Verify the school before its teacher" in response.text
    client.post(reverse("schools:decide", args=[school.pk, "verify"]))
    client.post(reverse("schools:decide_teacher", args=[school.pk, teacher.pk, "verify"]))
    school.refresh_from_db()
    assert school.status == School.Status.VERIFIED
    profile = TeacherProfile.objects.get(user=teacher)
    assert profile.status == TeacherProfile.Status.VERIFIED
    assert mail.outbox[-1].to == [teacher.email]
    actions = set(
        AuditEntry.objects.filter(subject_user=teacher, actor=staff).values_list(
            "action", flat=True
        )
    )
    assert {"school.verified", "teacher.verified"} <= actions
    # The review page says who decided what, for the next colleague who opens it.
    page = client.get(reverse("schools:review", args=[school.pk])).text
    decisions = page.split('id="decisions"')[1].split("</ul>")[0]
    assert "School verified" in decisions and "Teacher verified" in decisions
    assert "Call to the school recorded" in decisions
    assert decisions.count(staff.display_name) >= 3


def test_reject_needs_a_reason_which_is_emailed(client, pending):
    teacher, school = pending
    staff = make_staff("FR")
    staff_login(client, staff)
    url = reverse("schools:decide_teacher", args=[school.pk, teacher.pk, "reject"])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert TeacherProfile.objects.get(user=teacher).status == "awaiting"
    client.post(url, {"reason": "The school does not know you."})
    profile = TeacherProfile.objects.get(user=teacher)
    assert profile.status == "rejected"
    assert "The school does not know you." in mail.outbox[-1].body
    entry = AuditEntry.objects.get(action="teacher.rejected")
    assert entry.subject_user == teacher and entry.note == "The school does not know you."


def test_a_replayed_decision_changes_nothing_and_says_so(client, pending):
    teacher, school = pending
    staff = make_staff("FR")
    staff_login(client, staff)
    verify = reverse("schools:decide", args=[school.pk, "verify"])
    client.post(verify)
    count = AuditEntry.objects.count()
    response = client.post(
        reverse("schools:decide", args=[school.pk, "reject"]), {"reason": "x"}, follow=True
    )
    assert "already decided: nothing changed" in response.text
    response = client.post(verify, follow=True)
    assert "already decided: nothing changed" in response.text
    school.refresh_from_db()
    assert school.status == School.Status.VERIFIED
    assert AuditEntry.objects.count() == count
    teacher_url = reverse("schools:decide_teacher", args=[school.pk, teacher.pk, "verify"])
    client.post(teacher_url)
    outbox = len(mail.outbox)
    response = client.post(teacher_url, follow=True)
    assert "already decided: nothing changed" in response.text
    assert len(mail.outbox) == outbox


def test_bad_ids_and_wrong_methods(client, pending):
    teacher, school = pending
    staff = make_staff("FR")
    staff_login(client, staff)
    assert client.post(reverse("schools:decide", args=[999999, "verify"])).status_code == 404
    assert client.post(reverse("schools:decide", args=[school.pk, "maybe"])).status_code == 404
    assert client.get(reverse("schools:decide", args=[school.pk, "verify"])).status_code == 405
    assert client.get(reverse("schools:queue_country", args=["ZZ"])).status_code == 404
    response = client.post(reverse("schools:record_call", args=[school.pk]), {"called_at": "x"})
    assert response.status_code == 400


def test_queue_query_count_does_not_grow(client, django_assert_num_queries):
    """Ten schools or a page of them: the same queries (one more since the pager counts)."""
    staff = make_staff("FR")
    staff_login(client, staff)
    url = reverse("schools:queue_country", args=["FR"])
    for _ in range(2):
        make_teacher("FR", verified=False)
    client.get(url)
    with django_assert_num_queries(11) as ctx:
        client.get(url)
    for _ in range(8):
        make_teacher("FR", verified=False)
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(url)
    assert response.text.count("/review/") >= 10


def test_review_query_count_does_not_grow(client, django_assert_num_queries, pending):
    teacher, school = pending
    staff = make_staff("FR")
    staff_login(client, staff)
    url = reverse("schools:review", args=[school.pk])
    client.get(url)
    with django_assert_num_queries(13) as ctx:
        client.get(url)
    for n in range(5):
        make_teacher("FR", verified=False, school=school)
        JoinRequest.objects.create(school=school, user=make_teacher("FR", verified=False))
        VerificationCall.objects.create(
            school=school, staff=staff, called_at=f"2026-11-2{n}T10:00Z", outcome="no_answer"
        )
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)


def test_support_role_without_verification_right_is_refused(client, pending):
    _teacher, school = pending
    staff = make_staff("FR")
    SupportRole.objects.filter(user=staff).update(can_verify=False)
    staff_login(client, staff)
    assert client.get(reverse("schools:review", args=[school.pk])).status_code == 404


def test_a_long_queue_comes_a_page_at_a_time_oldest_first(client, monkeypatch):
    """10,000 registrations waiting in one office took minutes to render in one page."""
    monkeypatch.setattr("jumelage.schools.views.QUEUE_PAGE_SIZE", 2)
    teachers = [make_teacher("FR", verified=False) for _ in range(3)]
    staff_login(client, make_staff("FR"))
    url = reverse("schools:queue_country", args=["FR"])
    first = client.get(url).text
    assert teachers[0].email in first and teachers[1].email in first
    assert teachers[2].email not in first and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).text
    assert teachers[2].email in second and teachers[0].email not in second
