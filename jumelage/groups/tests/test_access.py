"""Who finds, sees and joins a group: pupils never; by invitation, only the invited."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.core.errors import Refused
from jumelage.groups import services
from jumelage.groups.access import load_access
from jumelage.groups.models import Group, Invitation, Member

pytestmark = pytest.mark.django_db


def test_a_pupil_never_sees_a_group_not_even_the_list(client, world, group):
    client.force_login(world.users["pupil"])
    assert client.get(reverse("groups:list")).status_code == 404
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404


def test_a_pupil_added_to_a_group_by_hand_still_sees_nothing(client, world, group):
    pupil = world.users["pupil"]
    Member.objects.create(group=group, user=pupil)
    client.force_login(pupil)
    assert client.get(reverse("groups:forum", args=[group.pk])).status_code == 404
    assert not load_access(pupil, group.pk).can_contribute


def test_an_anonymous_visitor_logs_in_first_whatever_the_id(client, group):
    for group_id in (group.pk, 987654):
        response = client.get(reverse("groups:detail", args=[group_id]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_unverified_teacher_joins_an_open_group(client, group):
    newcomer = testing.make_teacher("DE", verified=False)
    client.force_login(newcomer)
    client.post(reverse("groups:join", args=[group.pk]))
    assert Member.objects.filter(group=group, user=newcomer, role=Member.Role.MEMBER).exists()
    page = client.get(reverse("groups:forum", args=[group.pk]))
    assert page.status_code == 200


def test_a_verified_teachers_group_tells_an_unverified_teacher_why_not(client, moderator):
    group = services.create_group(moderator, name="Checked", admission=Group.Admission.VERIFIED)
    newcomer = testing.make_teacher("DE", verified=False)
    client.force_login(newcomer)
    page = client.get(reverse("groups:detail", args=[group.pk]))
    assert "verified teachers" in page.content.decode()
    response = client.post(reverse("groups:join", args=[group.pk]), follow=True)
    assert "verified teachers" in response.content.decode()
    assert not Member.objects.filter(group=group, user=newcomer).exists()


def test_a_group_by_invitation_is_hidden_until_one_is_invited(client, world, moderator):
    group = services.create_group(moderator, name="Circle", admission=Group.Admission.INVITATION)
    guest = testing.make_teacher("IT")
    client.force_login(guest)
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404
    assert "Circle" not in client.get(reverse("groups:list")).content.decode()

    services.invite(load_access(moderator, group.pk), guest)
    assert "Circle" in client.get(reverse("groups:list")).content.decode()
    client.post(reverse("groups:join", args=[group.pk]))
    assert Member.objects.filter(group=group, user=guest).exists()
    assert not Invitation.objects.filter(group=group).exists()


def test_an_invitation_to_a_pupil_or_a_member_is_refused(world, group, moderator):
    access = load_access(moderator, group.pk)
    with pytest.raises(Refused):
        services.invite(access, world.users["pupil"])
    with pytest.raises(Refused):
        services.invite(access, moderator)


def test_only_a_countrys_support_network_runs_its_national_group(world):
    ambassador = testing.make_staff("FR", role="ambassador", can_verify=False)
    group = services.create_group(
        ambassador,
        name="Nouveaux eTwinneurs de l'académie de Lyon",
        admission=Group.Admission.VERIFIED,
        country=ambassador.support_roles.get().country,
    )
    assert group.members.get().is_moderator
    with pytest.raises(Refused):
        services.create_group(
            world.users["staff_abroad"],
            name="Not ours",
            admission=Group.Admission.OPEN,
            country=ambassador.support_roles.get().country,
        )
    with pytest.raises(Refused):
        services.create_group(
            world.users["unverified_teacher"], name="Too early", admission=Group.Admission.OPEN
        )


def test_the_create_form_offers_a_national_group_only_to_the_network(client, world):
    client.force_login(world.users["teacher"])
    assert 'name="country"' not in client.get(reverse("groups:create")).content.decode()
    testing.sign_in(client, world.users["staff"])
    assert 'name="country"' in client.get(reverse("groups:create")).content.decode()


def test_the_last_moderator_stays_while_others_remain(client, world, group, moderator):
    services.join(load_access(world.users["admin"], group.pk))
    with pytest.raises(Refused):
        services.leave(load_access(moderator, group.pk))
    member = Member.objects.get(group=group, user=world.users["admin"])
    services.make_moderator(load_access(moderator, group.pk), member)
    services.leave(load_access(moderator, group.pk))
    assert not group.members.filter(user=moderator).exists()


def test_search_finds_groups_by_words_and_subject(client, world, group, moderator):
    services.create_group(moderator, name="Robotics club", admission=Group.Admission.OPEN)
    client.force_login(world.users["outsider_teacher"])
    found = client.get(reverse("groups:list"), {"q": "robotics"}).content.decode()
    assert "Robotics club" in found and "History teachers" not in found
    found = client.get(reverse("groups:list"), {"subject": "history"}).content.decode()
    assert "History teachers" in found and "Robotics club" not in found


def test_a_group_needs_a_name_and_says_so(client, world):
    client.force_login(world.users["teacher"])
    response = client.post(reverse("groups:create"), {"name": "  ", "admission": "open"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not Group.objects.exists()
