import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_loads_and_the_language_switcher_turns_it_to_french(live_asgi, page):
    page.goto(live_asgi + "/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Twin your class with a school in another European country"
    )
    page.get_by_text("Menu", exact=True).click()  # the language is chosen in the menu
    page.get_by_label("Language").select_option("fr")
    page.wait_for_url(re.compile(r".*/$"))
    page.get_by_role(
        "heading", name="Jumelez votre classe avec une école d'un autre pays européen"
    ).wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"
    # The choice is kept on the next page load.
    page.goto(live_asgi + "/")
    assert "Jumelez" in page.get_by_role("heading", level=1).inner_text()


def test_the_menu_opens_without_javascript_and_the_phone_header_is_one_bar(live_asgi, browser):
    """The shell of issue 14: at 390 px the header is one bar of at most 64 px, the
    menu is a <details> that opens without a script, and holds the language choice."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_asgi + "/")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= 64
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    language = page.get_by_label("Language")
    assert not language.is_visible()
    page.get_by_text("Menu", exact=True).click()
    assert language.is_visible()
    # The primary destinations stay in the bar as icons named by their hidden label.
    page.get_by_role("link", name="Pupil login").wait_for()
    assert page.get_by_role("link", name="Pupil login").bounding_box()["width"] <= 48
    context.close()
