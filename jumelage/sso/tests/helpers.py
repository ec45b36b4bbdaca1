"""Walk a login through the real test provider: the platform with Django's test client,
the provider with requests (its own cookies), as a browser would between the two."""

import re
from urllib.parse import urljoin, urlsplit

import requests
from django.urls import reverse

from .conftest import PASSWORD


def provider_round_trip(client, username, *, provider="testop", next_url=None):
    """Start at the platform, sign in at the provider; returns the callback URL it sends back."""
    start = reverse("sso:login", args=[provider])
    response = client.get(start, {"next": next_url} if next_url else {})
    assert response.status_code == 302, response
    browser = requests.Session()
    page = browser.get(response["Location"], allow_redirects=True, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": csrf,
            "username": username,
            "password": PASSWORD,
            "next": re.search(r'name="next" value="([^"]*)"', page.text)
            .group(1)
            .replace("&amp;", "&"),
        },
        headers={"Referer": page.url},
        allow_redirects=False,
        timeout=10,
    )
    location = answer.headers["Location"]
    while not location.startswith("http://testserver/"):
        answer = browser.get(urljoin(page.url, location), allow_redirects=False, timeout=10)
        assert answer.status_code == 302, answer.text[:500]
        location = answer.headers["Location"]
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


def sso_login(client, username, **kwargs):
    return client.get(provider_round_trip(client, username, **kwargs))
