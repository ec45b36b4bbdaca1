"""A founder applies for the National Quality Label; their office scores and decides."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.audit.models import AuditEntry
from jumelage.core.errors import Refused
from jumelage.labels import policies, services
from jumelage.labels.models import Application, Criterion, LabelRules, Window
from jumelage.labels.tests.helpers import founder, ripen, submitted
from jumelage.notifications.models import Notification
from jumelage.projects.models import Project
from jumelage.testing import make_project, make_staff, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def open_all_year():
    """The default window is October–November: these tests apply on any day."""
    Window.objects.all().delete()


def full_marks():
    return {c.pk: c.max_points for c in Criterion.objects.all()}


def test_the_six_criteria_are_reference_data():
    names = [c.name_en for c in Criterion.objects.all()]
    assert len(names) == 6 and "Safe and legal use" in names
    assert Criterion.objects.get(code="collaboration").min_points is not None
    assert Window.objects.count() == 0  # deleted by the fixture; installed by migrations
    assert LabelRules.current().yearly_cap == 4


def test_a_young_project_may_not_apply_yet_but_a_closed_one_may():
    project = make_project()
    teacher = founder(project, "FR").user
    assert "active for 90 days" in policies.application_refusal(teacher, project)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.CLOSED)
    project.refresh_from_db()
    assert policies.application_refusal(teacher, project) is None


def test_each_founder_applies_to_their_own_country_once():
    project = ripen(make_project())
    fr, de = founder(project, "FR").user, founder(project, "DE").user
    mine = services.apply(fr, project, "Our journal.")
    assert mine.country_id == "FR" and mine.status == Application.Status.SUBMITTED
    theirs = services.apply(de, project, "Unser Tagebuch.")
    assert theirs.country_id == "DE"
    with pytest.raises(Refused, match="already applied"):
        services.apply(fr, project, "Again.")
    assert AuditEntry.objects.filter(action="labels.applied").count() == 2


def test_a_member_who_is_not_a_founder_may_not_apply(world):
    project = ripen(world.project)
    assert "founding teacher" in policies.application_refusal(world.users["teacher"], project)


def test_the_window_and_the_yearly_cap_come_from_the_rules():
    project = ripen(make_project())
    teacher = founder(project, "FR").user
    today = timezone.localdate()
    closed = today + timedelta(days=40)
    Window.objects.create(
        kind="national",
        opens_month=closed.month,
        opens_day=closed.day,
        closes_month=closed.month,
        closes_day=closed.day,
    )
    assert "not open" in policies.application_refusal(teacher, project)
    Window.objects.all().delete()
    LabelRules.objects.update(yearly_cap=1)
    other = ripen(make_project(founders=[teacher, founder(project, "DE").user]))
    services.apply(teacher, other, "One.")
    assert "limit of 1" in policies.application_refusal(teacher, project)


def test_the_office_awards_with_every_minimum_met_and_the_applicant_is_told(
    django_capture_on_commit_callbacks,
):
    project = ripen(make_project())
    application = submitted(project, "FR")
    office = make_staff("FR")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(office, application, full_marks(), True, "A model of collaboration.")
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    assert application.total == sum(c.max_points for c in Criterion.objects.all())
    entry = AuditEntry.objects.get(action="labels.awarded")
    assert entry.actor == office and entry.note == "A model of collaboration."
    notice = Notification.objects.get(user=application.applicant)
    assert "National Quality Label" in notice.title
    assert notice.url == reverse("labels:application", args=[application.pk])


def test_a_criterion_below_its_minimum_keeps_the_label_back():
    application = submitted(ripen(make_project()), "FR")
    points = full_marks()
    safety = Criterion.objects.get(code="safety")
    points[safety.pk] = safety.min_points - 1
    with pytest.raises(Refused, match="minimum"):
        services.decide(make_staff("FR"), application, points, True, "")
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    services.decide(make_staff("FR"), application, points, False, "Work on e-safety.")
    application.refresh_from_db()
    assert application.status == Application.Status.REFUSED


def test_another_countrys_office_may_not_decide():
    application = submitted(ripen(make_project()), "FR")
    with pytest.raises(Refused):
        services.decide(make_staff("IT"), application, full_marks(), True, "")
    assert not policies.can_assess(make_staff("DE"), application)


def test_the_office_scores_through_the_page(client, django_assert_max_num_queries):
    application = submitted(ripen(make_project()), "FR")
    office = make_staff("FR")
    sign_in(client, office)
    url = reverse("labels:application", args=[application.pk])
    with django_assert_max_num_queries(14):
        page = client.get(url)
    assert "Score and decide" in page.content.decode()
    data = {f"criterion_{c.pk}": c.max_points for c in Criterion.objects.all()}
    data |= {"decision": "award", "comments": "Bravo."}
    response = client.post(url, data, follow=True)
    assert "Your decision was recorded" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED and application.comments == "Bravo."


def test_bad_scores_keep_the_form_and_save_nothing(client):
    application = submitted(ripen(make_project()), "FR")
    sign_in(client, make_staff("FR"))
    data = {f"criterion_{c.pk}": 999 for c in Criterion.objects.all()}
    data |= {"decision": "award", "comments": "Kept."}
    page = client.post(reverse("labels:application", args=[application.pk]), data)
    assert page.status_code == 200 and "Kept." in page.content.decode()
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_the_read_only_twinspace_shows_published_content_only(client, world):
    from jumelage.forum.models import Topic
    from jumelage.projects.models import Visibility

    project = ripen(world.project)
    Topic.objects.create(project=project, author=world.users["admin"], title="Shown", body="x")
    Topic.objects.create(
        project=project,
        author=world.users["pupil"],
        title="Waiting topic",
        body="y",
        visibility=Visibility.PENDING,
    )
    application = submitted(project, "FR")
    sign_in(client, world.users["staff"])
    page = client.get(reverse("labels:space", args=[application.pk])).content.decode()
    assert "Shown" in page and "Waiting topic" not in page
