"""European-labelled projects enter; the staff jury scores; the winners are public."""

import pytest
from django.urls import reverse

from jumelage.accounts.models import User
from jumelage.core.errors import Refused
from jumelage.prizes import services
from jumelage.prizes.models import AgeCategory, Competition, Entry
from jumelage.prizes.tests.helpers import competition, entry, european
from jumelage.testing import make_project, make_staff, make_teacher, sign_in

pytestmark = pytest.mark.django_db


def admin():
    n = User.objects.count()
    return User.objects.create_superuser(f"admin{n}@example.org", "x-x-x-x-x", display_name="A")


def test_the_age_categories_are_reference_data():
    assert AgeCategory.objects.count() == 3


def test_only_a_founder_of_a_european_labelled_project_enters():
    project = european(make_project())
    founder = project.memberships.filter(is_founder=True).first().user
    category = AgeCategory.objects.get(code="up-to-11")
    c = competition()
    plain = make_project(founders=[founder, make_teacher("DE")])
    with pytest.raises(Refused, match="European Quality Label"):
        services.enter(founder, c, plain, category, "x")
    with pytest.raises(Refused, match="ages"):
        services.enter(founder, c, project, AgeCategory.objects.get(code="16-19"), "x")
    services.enter(founder, c, project, category, "Our journal.")
    with pytest.raises(Refused, match="already"):
        services.enter(founder, c, project, category, "Again.")


def test_the_jury_scores_and_the_best_of_each_category_wins(client):
    juror, other_juror = make_staff("FR"), make_staff("DE")
    c = competition(status=Competition.Status.JUDGING, jury=[juror, other_juror])
    good, fair = (entry(c, european(make_project())) for _ in range(2))
    services.score(juror, good, 90)
    services.score(other_juror, good, 80)
    services.score(juror, fair, 60)
    with pytest.raises(Refused):
        services.score(make_staff("IT"), good, 100)  # not on the jury
    with pytest.raises(Refused):
        services.score(make_teacher("FR"), good, 100)
    services.advance(admin(), c)
    assert list(Entry.objects.filter(winner=True)) == [good]
    page = client.get(reverse("prizes:competition", args=[c.pk])).content.decode()
    assert good.project.title in page and fair.project.title not in page


def test_entries_stay_private_until_the_winners_are_published(client):
    c = competition(status=Competition.Status.JUDGING)
    e = entry(c, european(make_project()))
    assert (
        e.project.title
        not in client.get(reverse("prizes:competition", args=[c.pk])).content.decode()
    )
    sign_in(client, admin())
    assert (
        e.project.title in client.get(reverse("prizes:competition", args=[c.pk])).content.decode()
    )


def test_a_bad_score_is_refused_with_a_message(client):
    juror = make_staff("FR")
    c = competition(status=Competition.Status.JUDGING, jury=[juror])
    e = entry(c, european(make_project()))
    sign_in(client, juror)
    response = client.post(reverse("prizes:score", args=[e.pk]), {"points": "500"}, follow=True)
    assert "between 0 and 100" in response.content.decode()
    assert not e.scores.exists()
