"""The longest translation of each navigation label and button fits a 390 px phone (issue 18).

The labels are read off the English pages a teacher uses most; for each, the shipped
language with the longest translation is found in the catalogues, and the pages are
drawn in those languages at 390 px: no page may be wider than the screen, and every
link and button of the navigation and the page must lie inside it.
"""

import pytest
from django.conf import settings
from django.utils import translation

from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
CONTROLS = "header a, header button, nav a, nav button, main a.button, main button"
# Everything a control may show, read once per page: its text, or its accessible label.
READ_CONTROLS = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.offsetParent !== null)
  .map(e => (e.innerText || e.value || '').trim()).filter(Boolean)"""
OUTSIDE = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.innerText.trim(), e.getBoundingClientRect()])
  .filter(([, r]) => r.left < -1 || r.right > window.innerWidth + 1)
  .map(([t, r]) => `${t} (${Math.round(r.left)}–${Math.round(r.right)} px)`)"""

SWITCH_LANGUAGE = """code => {
  const form = document.querySelector('form.language-switcher');
  form.querySelector('select').value = code;
  form.submit();
}"""


def longest_languages(labels: set[str]) -> dict[str, list[str]]:
    """For each language, the English labels whose longest translation it has."""
    codes = [code for code, _ in settings.LANGUAGES if code != "en"]
    chosen: dict[str, list[str]] = {}
    for label in sorted(labels):
        lengths = {}
        for code in codes:
            with translation.override(code):
                lengths[code] = len(translation.gettext(label))
        code = max(lengths, key=lambda c: (lengths[c], c))
        if lengths[code] > len(label):
            chosen.setdefault(code, []).append(label)
    return chosen


def test_the_longest_translations_of_labels_and_buttons_fit_a_phone(live_asgi, page_as):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    paths = ["/dashboard/", f"/projects/{project.pk}/", f"/projects/{project.pk}/space/"]
    page = page_as(teacher)
    page.set_viewport_size(PHONE)
    labels = set()
    for path in paths:
        page.goto(f"{live_asgi}{path}")
        labels |= set(page.evaluate(READ_CONTROLS, CONTROLS))
    chosen = longest_languages(labels)
    assert chosen, "no label of these pages is longer in any language than in English"
    failures = []
    for code in sorted(chosen):
        # Through the language menu, as a teacher would: the write happens in the
        # server, never beside it on the shared in-memory SQLite of pass 1.
        with page.expect_navigation():
            page.evaluate(SWITCH_LANGUAGE, code)
        for path in paths:
            page.goto(f"{live_asgi}{path}")
            assert page.locator("html").get_attribute("lang") == code
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                failures.append(f"{code} {path}: page {width} px wide")
            failures += [f"{code} {path}: {o}" for o in page.evaluate(OUTSIDE, CONTROLS)]
    assert not failures, "\n".join(failures)
