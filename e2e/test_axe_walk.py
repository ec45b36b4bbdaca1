"""The pages a teacher, a pupil and an office member reach from the navigation, at 1280 px
and 390 px (issue 14, "Done when"): no serious or critical axe-core violation (WCAG 2.1 AA),
and on a phone no page wider than the screen and a header of at most 64 px.

axe-core is vendored in e2e/vendor/axe-core (npm axe-core, MPL-2.0) and injected into
each page by the test: never served by the platform, never from a CDN.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from jumelage.forum import services as forum_services
from jumelage.projects.access import access_for
from jumelage.testing import make_project, make_pupil, make_staff, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor/axe-core/axe.min.js"
WIDTHS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
RUN_AXE = """async () => {
  const result = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  });
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`);
}"""
HEADER_HEIGHT = "document.querySelector('header.site-header').getBoundingClientRect().height"
PAGE_WIDTH = "document.documentElement.scrollWidth"


def walk(project_id: int) -> dict[str, list[str]]:
    """Who walks which pages: the destinations of the header and the TwinSpace's own menu."""
    space = f"/projects/{project_id}/space"
    tools = ["/", "/pages/", "/materials/", "/forum/", "/blog/", "/calendar/", "/chat/"]
    return {
        "teacher": [
            "/dashboard/",
            "/projects/mine/",
            "/projects/",
            "/projects/new/",
            f"/projects/{project_id}/",
            f"/projects/{project_id}/members/",
            *(space + tool for tool in tools),
            f"{space}/forum/categories/",
            "/messages/",
            "/notifications/",
            "/partners/",
            "/support/",
            "/training/",
            "/kits/",
            "/texts/",
            "/accounts/profile/",
        ],
        "pupil": ["/dashboard/", *(space + tool for tool in tools[:4]), "/messages/"],
        "office": ["/dashboard/", "/schools/queue/", "/projects/approvals/", "/style/"],
    }


@pytest.mark.parametrize("size", WIDTHS)
def test_the_main_pages_pass_axe_and_fit_a_phone(live_asgi, new_page, size):
    project = make_project()
    people = {
        "teacher": project.memberships.filter(is_founder=True).first().user,
        "pupil": make_pupil(project),
        "office": make_staff("FR"),
    }
    # The forum with categories (its filter, its table) and the categories page's table.
    teachers = access_for(people["teacher"], project)
    for title in ("Échanges", "Salle des professeurs de l'équipe franco-allemande"):
        category = forum_services.save_category(teachers, title)
        forum_services.start_topic(teachers, people["teacher"], f"{title} ?", "<p>x</p>", category)
    # Every session is made before the live server serves a page (pass 1's SQLite).
    cookies = {}
    for who, user in people.items():
        client = Client()
        sign_in(client, user)
        cookies[who] = client.cookies[settings.SESSION_COOKIE_NAME].value
    axe = AXE.read_text()
    viewport = WIDTHS[size]
    failures = []
    for who, paths in walk(project.pk).items():
        page = new_page("en-GB")
        page.set_viewport_size(viewport)
        page.set_default_navigation_timeout(45000)  # a long walk on a shared machine
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookies[who], "url": live_asgi}]
        )
        for path in paths:
            response = page.goto(live_asgi + path)
            where = f"{who} {path} at {viewport['width']} px"
            if response.status != 200:
                failures.append(f"{where}: HTTP {response.status} ({page.url})")
                continue
            page.evaluate(axe)
            failures += [f"{where}: {v}" for v in page.evaluate(RUN_AXE)]
            if size == "phone":
                if (width := page.evaluate(PAGE_WIDTH)) > viewport["width"]:
                    failures.append(f"{where}: the page is {width} px wide")
                if (height := page.evaluate(HEADER_HEIGHT)) > 64:
                    failures.append(f"{where}: the header is {height:.0f} px high")
    assert not failures, "\n".join(failures)
