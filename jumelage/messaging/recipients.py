"""Finding whom to write to (issue 14): a search among the people one shares a project
with, each shown with their school and country, instead of a list of every teacher."""

from dataclasses import dataclass

from django.db.models import Q

from jumelage.projects.access import VISIBLE_TO_MEMBERS
from jumelage.projects.models import Membership

from . import policies

LIMIT = 20


@dataclass(frozen=True)
class Person:
    user: object
    school: str
    country: str

    @property
    def label(self) -> str:
        where = ", ".join(part for part in (self.school, self.country) if part)
        return f"{self.user.display_name} — {where}" if where else self.user.display_name


def find(sender, query: str = "", *, also=None) -> list[Person]:
    """Up to LIMIT people the sender shares a project with and may write to, whose name
    or school contains `query`; `also` (a user chosen by a link) is kept in the list."""
    shared = Membership.objects.filter(user=sender, project__status__in=VISIBLE_TO_MEMBERS).values(
        "project_id"
    )
    rows = (
        Membership.objects.filter(
            project_id__in=shared, user__in=policies.recipients(sender).values("pk")
        )
        .select_related("user", "school__country")
        .order_by("user__display_name", "user_id", "pk")
    )
    query = query.strip()
    if query:
        rows = rows.filter(
            Q(user__display_name__icontains=query) | Q(school__name__icontains=query)
        )
    people: dict[int, Person] = {}
    if also is not None:
        people[also.pk] = Person(also, "", "")
    for row in rows[: LIMIT * 3]:
        if row.user_id in people and people[row.user_id].school:
            continue
        school = row.school.name if row.school else ""
        country = row.school.country.name if row.school else ""
        people[row.user_id] = Person(row.user, school, country)
        if len(people) >= LIMIT:
            break
    return list(people.values())
