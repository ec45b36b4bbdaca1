import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_loads_and_the_language_switcher_turns_it_to_french(live_asgi, page):
    page.goto(live_asgi + "/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Twin your class with a school in another European country"
    )
    page.get_by_label("Language").select_option("fr")
    page.wait_for_url(re.compile(r".*/$"))
    page.get_by_role(
        "heading", name="Jumelez votre classe avec une école d'un autre pays européen"
    ).wait_for()
    assert page.locator("html").get_attribute("lang") == "fr"
    # The choice is kept on the next page load.
    page.goto(live_asgi + "/")
    assert "Jumelez" in page.get_by_role("heading", level=1).inner_text()
