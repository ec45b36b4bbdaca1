"""A small world with known dates, for checking the daily figures against the raw rows."""

import datetime as dt

from django.utils import timezone

from jumelage import testing
from jumelage.accounts.models import TeacherProfile, User
from jumelage.projects.models import Membership, Project
from jumelage.reference.models import Region, Subject
from jumelage.schools.models import School
from jumelage.training.models import Registration
from jumelage.training.tests.helpers import make_event


def at(day: dt.date, hour=12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=timezone.get_current_timezone())


MARCH = dt.date(2026, 3, 1)


def teacher(country, joined: dt.date, verified: dt.date | None, region=None):
    school = testing.make_school(country, region=region, verified=verified is not None)
    School.objects.filter(pk=school.pk).update(created_at=at(joined))
    user = testing.make_teacher(country, verified=verified is not None, school=school)
    User.objects.filter(pk=user.pk).update(date_joined=at(joined))
    TeacherProfile.objects.filter(user=user).update(verified_at=verified and at(verified))
    return User.objects.get(pk=user.pk)


def build_small_world():
    """FR: 3 teachers verified after 1, 3 and 10 days, one pending; DE: one verified.

    One FR-DE project active since 5 March (two subjects, ages 10-12) with two pupils,
    one FR-IT project closed on 20 March; a French training with 2 places, 1 present.
    """
    regions = list(Region.objects.filter(country="FR").order_by("code")[:2])
    a = teacher("FR", dt.date(2026, 3, 1), dt.date(2026, 3, 4), regions[0])  # 3 days
    b = teacher("FR", dt.date(2026, 3, 2), dt.date(2026, 3, 12), regions[0])  # 10 days
    c = teacher("FR", dt.date(2026, 3, 2), dt.date(2026, 3, 3), regions[1])  # 1 day
    teacher("FR", dt.date(2026, 3, 2), None, regions[1])  # waiting
    d = teacher("DE", dt.date(2026, 3, 3), dt.date(2026, 3, 5))  # 2 days
    e = teacher("IT", dt.date(2026, 3, 3), dt.date(2026, 3, 5))
    active = testing.make_project([a, d])
    active.subjects.set(Subject.objects.order_by("code")[:2])
    closed = testing.make_project([b, e])
    Project.objects.filter(pk=active.pk).update(activated_at=at(dt.date(2026, 3, 5)))
    Project.objects.filter(pk=closed.pk).update(
        status=Project.Status.CLOSED,
        age_min=14,
        age_max=15,
        activated_at=at(dt.date(2026, 3, 6)),
        closed_at=at(dt.date(2026, 3, 20)),
    )
    pupils = [testing.make_pupil(active, teacher=a) for _ in range(2)]
    User.objects.filter(pk__in=[p.pk for p in pupils]).update(date_joined=at(dt.date(2026, 3, 7)))
    event = make_event(
        starts_at=at(dt.date(2026, 3, 10), 9),
        ends_at=at(dt.date(2026, 3, 10), 12),
        registration_deadline=at(dt.date(2026, 3, 9)),
    )
    for user, present in ((a, True), (c, False)):
        Registration.objects.create(
            event=event,
            user=user,
            status=Registration.Status.REGISTERED,
            queued_at=at(dt.date(2026, 3, 1)),
            attended=present,
        )
    return {"regions": regions, "active": active, "closed": closed, "membership": Membership}
