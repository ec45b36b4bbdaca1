"""The members page's rows are written in Python (projects/templatetags/members.py): each
member's name, role, school and country, and only the forms the reader may use."""

import re

import pytest
from django.urls import reverse

from jumelage.projects.models import Membership
from jumelage.testing import add_member, make_project

pytestmark = pytest.mark.django_db


def _rows(client, user, project) -> dict[str, str]:
    client.force_login(user)
    html = client.get(reverse("projects:members", args=[project.pk])).text
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return {
        re.search(r"<td>(.*?)</td>", row).group(1): row
        for row in re.findall(r"<tr>.*?</tr>", body, re.S)
    }


def test_an_administrator_sees_the_forms_a_teacher_sees_none_and_names_stay_text(client):
    project = make_project()
    founder = project.memberships.filter(is_founder=True).order_by("id").first()
    teacher = add_member(project)
    teacher.display_name = "Ana <i>Pop</i>"
    teacher.save()
    member = Membership.objects.get(project=project, user=teacher)

    rows = _rows(client, founder.user, project)
    row = rows["Ana &lt;i&gt;Pop&lt;/i&gt;"]
    assert f'action="{reverse("projects:make_admin", args=[project.pk, member.pk])}"' in row
    assert f'action="{reverse("projects:remove_member", args=[project.pk, member.pk])}"' in row
    assert ">Make Ana &lt;i&gt;Pop&lt;/i&gt; an administrator</button>" in row
    assert row.count("csrfmiddlewaretoken") == 2
    assert f"<td>{member.get_role_display()}</td>" in row
    assert f"<td>{member.school.name}, {member.school.country.name}</td>" in row
    own = rows[f"{founder.user} (founder)"]
    assert "<form" not in own  # a founder's seat is not removed from this page

    assert all("<form" not in row for row in _rows(client, teacher, project).values())
