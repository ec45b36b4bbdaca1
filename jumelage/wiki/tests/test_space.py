"""The wiki in the TwinSpace search and latest activity."""

import pytest

from jumelage.projects.access import access_for
from jumelage.twinspace.services import latest_activity, search_space

pytestmark = pytest.mark.django_db


def test_wiki_feeds_the_space_search_and_activity(project, admin, page):
    results = dict(search_space(access_for(admin, project), "paris"))
    ((title, link, snippet),) = results["Pages"]
    assert title == page.title and link == page.get_absolute_url() and snippet == "Paris"
    activity = latest_activity(access_for(admin, project))
    assert activity[0].url == page.get_absolute_url()
    assert "created" in activity[0].text
