"""M3: no staff page or action before the second factor — walked over the whole URL conf.

The gate is one middleware for the whole session, so the walk covers every URL the
project has (staff and otherwise), derived from the URL conf: a new staff view is
covered the day it is added.
"""

import re

import pytest
from django.urls import get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern, URLPattern, URLResolver
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts.middleware import OPEN_BEFORE_SECOND_FACTOR
from jumelage.accounts.models import User
from jumelage.network.models import SupportRole
from jumelage.testing import PASSWORD, login_with_second_factor, make_staff, make_teacher

pytestmark = pytest.mark.django_db

SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "0" * 32}


def _route(pattern) -> str:
    if isinstance(pattern, RoutePattern):
        return re.sub(
            r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), str(pattern)
        )
    if isinstance(pattern, RegexPattern):
        regex = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        regex = re.sub(r"\(\?P<\w+>[^)]*\)", "x", regex)
        return regex.replace("\\", "")
    raise AssertionError(f"unknown pattern type {pattern!r}")


def every_url(resolver=None, prefix="/", namespace=""):
    """(view name, path) for every pattern of the URL conf, with sample arguments."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        path = prefix + _route(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from every_url(entry, path, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name or entry.lookup_str}", path


def walk():
    urls = sorted(set(every_url()))
    assert len(urls) > 150  # the whole project, admin included
    return urls


def staff_without_device(kind="support"):
    if kind == "support":
        return make_staff("FR")
    if kind == "admin":
        return User.objects.create_superuser(
            email="root@example.org", password=PASSWORD, display_name="Root"
        )
    teacher = make_teacher()  # a teacher a national office appointed ambassador
    SupportRole.objects.create(user=teacher, role="ambassador", country_id="FR")
    return teacher


def assert_sent_to_setup(response, name, method):
    assert response.status_code == 302, (name, method, response.status_code)
    assert response["Location"].startswith(reverse("accounts:otp_setup")), (name, method)


@pytest.mark.parametrize("kind", ["support", "admin", "appointed_teacher"])
def test_every_url_refuses_staff_without_a_second_factor(client, kind):
    user = staff_without_device(kind)
    client.force_login(user)
    walked = 0
    for name, path in walk():
        if name in OPEN_BEFORE_SECOND_FACTOR:
            continue
        assert_sent_to_setup(client.get(path), name, "GET")
        assert_sent_to_setup(client.post(path, {"x": "1"}), name, "POST")
        walked += 1
    assert walked > 150
    # With a device enrolled but not used in this session: the same.
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    for name, path in walk():
        if name not in OPEN_BEFORE_SECOND_FACTOR:
            assert_sent_to_setup(client.post(path), name, "POST")
    # htmx requests are sent to the setup as a whole page.
    response = client.post(reverse("core:dashboard"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:otp_setup"))
    # Setting up the second factor itself stays open.
    assert client.get(reverse("accounts:otp_setup")).status_code in (200, 302)


STAFF_PAGES = [
    "schools:queue",
    "projects:approvals",
    "network:help_list",
    "network:staff_list",
    "network:staff_new",
    "training:new",
    "texts:new",
    "admin:index",
]


def test_every_url_passes_the_gate_with_a_verified_second_factor(client):
    admin = staff_without_device("admin")
    SupportRole.objects.create(user=admin, role="national", country_id="FR", can_verify=True)
    login_with_second_factor(client, admin)
    setup = reverse("accounts:otp_setup")
    # Sample ids may not exist: what a view does then is its own business, not the gate's.
    client.raise_request_exception = False
    for name, path in walk():
        response = client.get(path)
        location = response.get("Location", "")
        assert not location.startswith(setup), (name, path)
    for name in STAFF_PAGES:
        assert client.get(reverse(name), follow=True).status_code == 200, name


def test_the_gate_follows_an_appointment_at_the_next_request(client):
    teacher = make_teacher()
    client.force_login(teacher)
    assert client.get(reverse("core:dashboard")).status_code == 200
    role = SupportRole.objects.create(user=teacher, role="ambassador", country_id="FR")
    assert_sent_to_setup(client.get(reverse("core:dashboard")), "dashboard", "GET")
    role.delete()
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_teachers_and_pupils_are_not_gated(client):
    teacher = make_teacher()
    client.force_login(teacher)
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_past_the_gate_a_request_carries_the_user_itself(client):
    """Not auth's and django-otp's lazy proxies (an exception per attribute read), and
    with django-otp's verification state still on it."""
    admin = staff_without_device("admin")
    login_with_second_factor(client, admin)
    request = client.get(reverse("core:dashboard")).wsgi_request
    assert type(request.user) is User and request.user.pk == admin.pk
    assert request.user.is_verified() and request.user.otp_device is not None
    client.logout()
    request = client.get(reverse("core:home")).wsgi_request
    assert not request.user.is_authenticated and not request.user.is_verified()
