"""Quality labels in the permission matrix (see jumelage/testing/matrix.py).

world.project (founded by the admin, FR, and a German teacher) ran long enough and
holds the French and German national labels; the FR office may nominate it. Another
French application waits for the office; the admin's school holds the School Label.
"""

from datetime import timedelta

from django.utils import timezone

from jumelage.labels.models import Nomination, SchoolLabel
from jumelage.labels.tests.helpers import award, ripen, submitted
from jumelage.testing import make_project, make_teacher
from jumelage.testing.matrix import ADULTS, EVERYONE, NOT_FOUND, Case

OFFICE_FR = frozenset({"staff"})
OFFICES = frozenset({"staff", "staff_abroad"})


def setup(world):
    project = ripen(world.project)
    national = award(project, "FR")
    award(project, "DE")
    waiting_project = ripen(make_project(founders=[world.users["admin"], make_teacher("DE")]))
    waiting = submitted(waiting_project, "FR")
    nominated = ripen(make_project())
    award(nominated, "FR")
    award(nominated, "DE")
    Nomination.objects.create(project=nominated, country_id="DE")
    school = world.users["admin"].schools.first()
    today = timezone.localdate()
    label = SchoolLabel.objects.create(
        school=school,
        head_name="Head",
        head_declaration=True,
        awarded_on=today,
        valid_until=today + timedelta(days=700),
    )
    return {
        "national": national.pk,
        "waiting": waiting.pk,
        "nominated": nominated.pk,
        "school_id": school.pk,
        "label": label.pk,
        "user_id": world.users["admin"].pk,
    }


PUBLIC = {"anonymous": frozenset({"allowed"})}

CASES = [
    Case("labels:index", "GET", allowed=EVERYONE),
    Case("labels:project", "GET", allowed=EVERYONE, expect=PUBLIC),
    Case("labels:apply", "GET", allowed=frozenset({"admin"})),
    Case("labels:apply", "POST", allowed=frozenset({"admin"}), data={"statement": "Done."}),
    Case("labels:nominate", "POST", allowed=OFFICE_FR),
    Case(
        "labels:decide_european",
        "POST",
        kwargs={"project_id": "nominated"},
        allowed=frozenset({"superuser"}),
        data={"decision": "award", "comments": ""},
    ),
    Case(
        "labels:european_certificate",
        "GET",
        kwargs={"project_id": "nominated"},
        allowed=frozenset(),
        refused=NOT_FOUND,
        expect={"anonymous": NOT_FOUND},
    ),
    Case(
        "labels:application", "GET", kwargs={"pk": "waiting"}, allowed=frozenset({"admin", "staff"})
    ),
    Case(
        "labels:application",
        "POST",
        kwargs={"pk": "waiting"},
        allowed=frozenset({"admin", "staff"}),
        data={"decision": "refuse", "comments": "Not yet."},
    ),
    Case("labels:space", "GET", kwargs={"pk": "waiting"}, allowed=OFFICE_FR),
    Case("labels:certificate", "GET", kwargs={"pk": "national"}, allowed=EVERYONE),
    Case("labels:office", "GET", allowed=OFFICES),
    Case("labels:committee", "GET", allowed=frozenset({"superuser"})),
    Case("labels:school", "GET", kwargs=("school_id",), allowed=EVERYONE),
    Case("labels:school_apply", "GET", kwargs=("school_id",), allowed=frozenset({"admin"})),
    Case(
        "labels:school_apply",
        "POST",
        kwargs=("school_id",),
        allowed=frozenset({"admin"}),
        data={"head_name": "Head", "head_declaration": "on"},
    ),
    Case("labels:school_certificate", "GET", kwargs={"pk": "label"}, allowed=EVERYONE),
    Case("labels:teacher", "GET", kwargs=("user_id",), allowed=ADULTS),
]
