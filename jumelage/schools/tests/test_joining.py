"""Issue 12 M4 and M6: joining a school needs someone to vouch; a pending school is not
anyone's to rewrite, and a new head address voids every link sent before."""

import re
from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from jumelage.projects import queries as project_queries
from jumelage.projects import services as project_services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Project, PupilAccount
from jumelage.projects.tests.helpers import draft
from jumelage.schools import services
from jumelage.schools.models import JoinRequest, School, SchoolMembership
from jumelage.schools.tests.test_registration import SCHOOL
from jumelage.testing import (
    login_with_second_factor,
    make_project,
    make_school,
    make_staff,
    make_teacher,
    sign_in,
)

pytestmark = pytest.mark.django_db

PROJECT = {
    "title": "Our towns",
    "summary": "Two classes.",
    "subjects": ["geography"],
    "languages": ["fr", "de"],
    "age_min": 10,
    "age_max": 12,
    "start_date": "2027-07-14",
    "productions": ["blog"],
}


def _path(message) -> str:
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def target():
    """A verified French school with one verified teacher, and a verified outsider."""
    school = make_school("FR", national_id="0750654D", head_email="proviseur@example.fr")
    colleague = make_teacher("FR", school=school)
    requester = make_teacher("FR")  # verified through their own school
    return school, colleague, requester


def _ask_to_join(client, requester, school):
    client.force_login(requester)
    mail.outbox.clear()
    response = client.post(
        reverse("schools:register"),
        {"country": "FR", "national_id": school.national_id},
        follow=True,
    )
    assert "we asked its head teacher" in response.text
    return JoinRequest.objects.get(school=school, user=requester, status="pending")


def _acts_for(client, user, school) -> bool:
    """Walk every right a school gives; True if all granted, False if all refused."""
    granted = [
        project_queries.founding_schools(user).filter(pk=school.pk).exists(),
        project_queries.verified_schools(user).filter(pk=school.pk).exists(),
        user.schools.filter(pk=school.pk).exists(),  # listed as its teacher
        school.teachers.filter(pk=user.pk).exists(),
    ]
    # Found a project in its name (the page, then the service).
    client.force_login(user)
    before = Project.objects.count()
    client.post(reverse("projects:create"), {**PROJECT, "school": school.pk})
    granted.append(Project.objects.count() > before)
    try:
        data = {**PROJECT, "start_date": date(2027, 7, 14), "description": "", "end_date": None}
        data.pop("subjects"), data.pop("languages"), data.pop("productions")
        project_services.create_project(
            user, school, {**data, "kit": None}, subjects=[], languages=[], productions=[]
        )
        granted.append(True)
    except project_services.Refused:
        granted.append(False)
    # Act for it as a co-founder in somebody else's project (founder from Germany).
    project = draft(make_teacher("DE"))
    inv = project_services.invite_cofounder(access_for(project.created_by, project), invitee=user)
    try:
        project_services.accept_invitation(inv, user, school)
        granted.append(True)
    except project_services.Refused:
        granted.append(False)
    # Join an active project for it, and create pupils' accounts in its name.
    active = make_project()
    inv = project_services.invite_member(
        access_for(active.created_by, active), "teacher", invitee=user
    )
    try:
        project_services.accept_invitation(inv, user, school)
        cards = project_services.create_pupils(access_for(user, active), ["Lou"])
        granted.append(PupilAccount.objects.get(user=cards[0][0]).school_id == school.pk)
    except project_services.Refused:
        granted.append(False)
    assert len(set(granted)) == 1, granted  # all or nothing
    return granted[0]


def test_asking_to_join_gives_no_right_until_approved(client, target):
    school, colleague, requester = target
    join_request = _ask_to_join(client, requester, school)
    assert not _acts_for(client, requester, school)
    # The head got a link; the colleague sees the request on the dashboard.
    assert mail.outbox[-1].to == ["proviseur@example.fr"]
    # In French (the school's country), greeting the head by name without guessing a title.
    assert mail.outbox[-1].body.startswith(f"Bonjour {school.head_name},")
    client.force_login(colleague)
    assert requester.display_name in client.get(reverse("core:dashboard")).text
    # The requester reads what waits, and cannot vouch for themselves.
    client.force_login(requester)
    assert "waits for its head teacher" in client.get(reverse("core:dashboard")).text
    url = reverse("schools:join_decide", args=[join_request.pk, "approve"])
    assert client.post(url).status_code == 404
    assert not _acts_for(client, requester, school)


def test_the_dashboards_join_panel_follows_each_request_and_decision_at_once(
    client, target, django_capture_on_commit_callbacks
):
    """The panel is cached per teacher (schools.panels.join_requests): a request and its
    decision show on the next view of a dashboard already seen (the cache's generation
    moves when each change commits)."""
    school, colleague, requester = target
    dashboard = reverse("core:dashboard")
    panel = 'id="join-requests-heading"'
    client.force_login(colleague)
    assert panel not in client.get(dashboard).text  # seen, and cached
    with django_capture_on_commit_callbacks(execute=True):
        join_request = _ask_to_join(client, requester, school)
    assert 'id="my-join-requests"' in client.get(dashboard).text  # the requester's own
    client.force_login(colleague)
    assert 'id="join-requests-to-decide"' in client.get(dashboard).text
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools:join_decide", args=[join_request.pk, "approve"]))
    assert panel not in client.get(dashboard).text
    client.force_login(requester)
    assert panel not in client.get(dashboard).text


@pytest.mark.parametrize("who", ["head", "colleague", "office"])
def test_the_head_a_verified_colleague_or_the_office_approves(client, target, who):
    school, colleague, requester = target
    join_request = _ask_to_join(client, requester, school)
    if who == "head":
        link = _path(mail.outbox[-1])
        client.logout()
        assert "asks to join" in client.get(link).text  # a GET (a mail scanner) changes nothing
        assert not SchoolMembership.objects.filter(school=school, user=requester).exists()
        client.post(link)
    elif who == "colleague":
        client.force_login(colleague)
        client.post(reverse("schools:join_decide", args=[join_request.pk, "approve"]))
    else:
        login_with_second_factor(client, make_staff("FR"))
        queue = client.get(reverse("schools:queue_country", args=["FR"])).text
        assert school.name in queue  # a verified school with a request is in the queue
        review = client.get(reverse("schools:review", args=[school.pk])).text
        assert requester.display_name in review
        client.post(reverse("schools:join_decide", args=[join_request.pk, "approve"]))
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert mail.outbox[-1].to == [requester.email]
    assert _acts_for(client, requester, school)


def test_outsiders_cannot_approve_and_a_refusal_gives_nothing(client, target):
    school, colleague, requester = target
    join_request = _ask_to_join(client, requester, school)
    approve = reverse("schools:join_decide", args=[join_request.pk, "approve"])
    unverified_member = make_teacher("FR", verified=False, school=school)
    for outsider in [make_teacher("FR"), unverified_member, make_staff("DE")]:
        sign_in(client, outsider)
        assert client.post(approve).status_code == 404
    assert not _acts_for(client, requester, school)
    client.force_login(colleague)
    client.post(reverse("schools:join_decide", args=[join_request.pk, "refuse"]))
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.REFUSED
    # A replayed or late approval changes nothing and says so.
    response = client.post(approve, follow=True)
    assert "already decided: nothing changed" in response.text
    assert not _acts_for(client, requester, school)
    # A refused request cannot be approved afterwards by the head's link either.
    outcome = services.confirm_join_by_head(services.join_token(join_request), commit=True)[1]
    assert outcome == "already"
    assert not SchoolMembership.objects.filter(school=school, user=requester).exists()


def test_a_head_link_for_joining_dies_with_the_head_address(client, target):
    school, _colleague, requester = target
    join_request = _ask_to_join(client, requester, school)
    old_link = _path(mail.outbox[-1])
    school.head_email = "attacker@example.org"
    school.save()
    assert client.post(old_link).status_code == 400
    assert not SchoolMembership.objects.filter(school=school, user=requester).exists()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


# --- M6: pending schools ---------------------------------------------------------------


@pytest.fixture
def pending_school():
    school = make_school("FR", national_id="0750654D", verified=False, **_details())
    registrant = make_teacher("FR", verified=False, school=school)
    school.registered_by = registrant
    school.save()
    return school, registrant


def _details(**changes):
    keys = ["name", "level", "address", "postcode", "town", "phone", "email"]
    return {k: SCHOOL[k] for k in keys} | {"head_name": "Jeanne", **changes}


def _edit(client, school, **changes):
    data = {**SCHOOL, "head_email": school.head_email, **changes}
    return client.post(reverse("schools:edit", args=[school.pk]), data)


def test_only_the_registrant_and_the_office_edit_a_pending_school(client, pending_school):
    school, registrant = pending_school
    # Another teacher who asked to join, and one already a member (e.g. joined before the
    # fix): neither may rewrite it, the head's address least of all.
    joiner = make_teacher("FR", verified=False)
    _ask_to_join(client, joiner, school)
    member = make_teacher("FR", verified=False, school=school)
    for teacher in [joiner, member]:
        client.force_login(teacher)
        assert client.get(reverse("schools:edit", args=[school.pk])).status_code == 404
        assert _edit(client, school, head_email="attacker@example.org").status_code == 404
    school.refresh_from_db()
    assert school.head_email != "attacker@example.org"
    client.force_login(registrant)
    assert _edit(client, school, town="Paris 5e").status_code == 302
    login_with_second_factor(client, make_staff("FR"))
    assert _edit(client, school, town="Paris").status_code == 302
    school.refresh_from_db()
    assert school.town == "Paris"
    # Staff of another country: no.
    login_with_second_factor(client, make_staff("DE"))
    assert _edit(client, school, town="Berlin").status_code == 404


def test_a_new_head_address_voids_the_confirmation_and_every_earlier_link(client, pending_school):
    school, registrant = pending_school
    school.head_email = "first.head@example.fr"
    school.save()
    first_link = reverse("schools:head_confirm", args=[services.head_token(school)])
    client.post(first_link)
    school.refresh_from_db()
    assert school.head_confirmed_at is not None
    client.force_login(registrant)
    mail.outbox.clear()
    _edit(client, school, head_email="second.head@example.fr")
    school.refresh_from_db()
    assert school.head_confirmed_at is None  # the earlier confirmation no longer counts
    assert mail.outbox[-1].to == ["second.head@example.fr"]  # a new link went out
    second_link = _path(mail.outbox[-1])
    # Back to the first address: the first link still does not work (a new one is sent).
    _edit(client, school, head_email="first.head@example.fr")
    client.logout()
    for link in [first_link, second_link]:
        assert client.post(link).status_code == 400
    school.refresh_from_db()
    assert school.head_confirmed_at is None
    assert client.post(_path(mail.outbox[-1])).status_code == 200
    school.refresh_from_db()
    assert school.head_confirmed_at is not None


def test_join_requests_to_a_pending_school_wait_for_the_head_or_office(client, pending_school):
    school, registrant = pending_school
    joiner = make_teacher("FR", verified=False)
    join_request = _ask_to_join(client, joiner, school)
    # The registrant of a pending school is no verified colleague: cannot vouch.
    client.force_login(registrant)
    url = reverse("schools:join_decide", args=[join_request.pk, "approve"])
    assert client.post(url).status_code == 404
    assert not SchoolMembership.objects.filter(school=school, user=joiner).exists()
    assert School.objects.get(pk=school.pk).teachers.count() == 1


def test_pending_invitations_ignore_schools_joined_by_request(client, target):
    """A teacher invitation accepted 'for' a requested school is refused (no right yet)."""
    school, _colleague, requester = target
    _ask_to_join(client, requester, school)
    project = make_project()
    inv = project_services.invite_member(
        access_for(project.created_by, project), Invitation.Role.TEACHER, invitee=requester
    )
    with pytest.raises(project_services.Refused):
        project_services.accept_invitation(inv, requester, school)
    assert not project.memberships.filter(user=requester).exists()


def test_no_mail_relay_towards_heads(client, target):
    """A refused request is not asked again; a teacher has at most three waiting."""
    school, colleague, requester = target
    join_request = _ask_to_join(client, requester, school)
    client.force_login(colleague)
    client.post(reverse("schools:join_decide", args=[join_request.pk, "refuse"]))
    client.force_login(requester)
    mail.outbox.clear()
    response = client.post(
        reverse("schools:register"),
        {"country": "FR", "national_id": school.national_id},
        follow=True,
    )
    assert "was refused" in response.text
    assert not mail.outbox
    assert not JoinRequest.objects.filter(user=requester, status="pending").exists()
    others = [make_school("FR", national_id=uai) for uai in ["0750655E", "0750656F", "0750657G"]]
    for other in others[:2]:
        services.request_to_join(requester, other)
    services.request_to_join(requester, make_school("FR", national_id="0750658H"))
    mail.outbox.clear()
    assert services.request_to_join(requester, others[2]) == "too_many"
    assert not mail.outbox
    assert JoinRequest.objects.filter(user=requester, status="pending").count() == 3
