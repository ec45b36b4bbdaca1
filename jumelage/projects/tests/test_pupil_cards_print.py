"""Issue 14: the login cards print on A4 with no card cut by a page and nothing overflowing."""

import io
import re

import pytest
from pypdf import PdfReader

from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

A4_PRINTABLE_MM = (190, 277)  # A4 less the 10 mm margins of projects/cards.css
PX_PER_MM = 96 / 25.4
LONG_NAME = "Maximilianus-Wolfgangus-Theophilus-Amade"  # 40 characters, no space

MEASURE = """() => {
  const sheets = [...document.querySelectorAll('.login-cards')];
  return sheets.map(sheet => {
    const s = sheet.getBoundingClientRect();
    return {
      top: s.top, bottom: s.bottom, left: s.left, right: s.right,
      cards: [...sheet.querySelectorAll('.login-card')].map(card => {
        const c = card.getBoundingClientRect();
        const widest = Math.max(...[...card.querySelectorAll('*')].map(
          e => e.getBoundingClientRect().right));
        return {top: c.top, bottom: c.bottom, left: c.left, right: c.right, widest,
                scroll: card.scrollWidth, client: card.clientWidth,
                scrollHeight: card.scrollHeight, clientHeight: card.clientHeight,
                codeLines: [...card.querySelectorAll('code')].map(e => e.getClientRects().length),
                login: card.querySelector('code.login').textContent};
      }),
    };
  });
}"""


def test_login_cards_print_on_a4_without_cut_or_overflow(page_as, live_asgi, settings):
    settings.SITE_URL = "https://jumelage.plateforme-academique-tres-longue.example.gouv.fr"
    project = make_project(title="Les villes de nos correspondants " * 6)
    teacher = project.memberships.filter(is_founder=True).first().user
    page = page_as(teacher)
    page.goto(f"{live_asgi}/projects/{project.pk}/pupils/")
    names = [LONG_NAME] + [f"Pupil {n}" for n in range(18)]
    page.get_by_label(re.compile("first names or nicknames")).fill("\n".join(names))
    page.get_by_role("button", name="Create the accounts and print the cards").click()
    page.get_by_role("heading", name="Login cards").wait_for()
    assert page.locator("img.login-qr").count() == 19

    page.set_viewport_size({"width": round(A4_PRINTABLE_MM[0] * PX_PER_MM), "height": 1000})
    page.emulate_media(media="print")
    sheets = page.evaluate(MEASURE)
    assert [len(s["cards"]) for s in sheets] == [8, 8, 3]
    page_height = A4_PRINTABLE_MM[1] * PX_PER_MM
    page_width = A4_PRINTABLE_MM[0] * PX_PER_MM
    for sheet in sheets:
        # A sheet fits one printed page, and each card lies inside its sheet.
        assert sheet["bottom"] - sheet["top"] <= page_height
        assert sheet["right"] - sheet["left"] <= page_width + 1
        for card in sheet["cards"]:
            assert sheet["top"] <= card["top"] and card["bottom"] <= sheet["bottom"] + 0.5
            # Nothing wider than the card: not the long name, not the long address.
            assert card["widest"] <= card["right"] + 0.5, card
            assert card["scroll"] <= card["client"], card
            # Nothing cut at the bottom, and the login and password on one line each.
            assert card["scrollHeight"] <= card["clientHeight"], card
            assert card["codeLines"] == [1, 1], card

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    assert len(pdf.pages) == 3
    width_pt, height_pt = (float(v) for v in pdf.pages[0].mediabox.upper_right)
    assert round(width_pt) == 595 and round(height_pt) == 842  # A4 in points
    for printed, sheet in zip(pdf.pages, sheets, strict=True):
        text = re.sub(r"\s+", "", printed.extract_text())
        # Every login of a sheet is printed whole on that sheet's page.
        for card in sheet["cards"]:
            assert card["login"] in text
        # The whole address on every card, never cut by the card's edge.
        assert text.count(settings.SITE_URL + "/accounts/pupils/login/") == len(sheet["cards"])
