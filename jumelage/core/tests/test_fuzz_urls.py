"""Every URL, every form, hostile values, four kinds of visitor: never a 5xx (issue 13).

The URL patterns come from the resolver (a new URL is covered without editing
this file). URL kwargs get the ids of real demo objects, then hostile ones;
query strings get hostile values for the usual parameter names plus every field
of the page's GET forms; every POST form on the page is sent back with hostile
values in each of its fields. Each URL runs inside a savepoint that is rolled
back, so destructive actions (delete, leave, logout) do not starve the next URLs.

Visitors: anonymous, a teacher (project founder), a pupil, and a national
support office member with a verified second factor.
"""

import logging
import os
import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from jumelage.testing import login_with_second_factor

pytestmark = pytest.mark.django_db

BIG = "99999999999999999999"
MEGABYTE = "x" * 1_000_000

# Text values a hostile client sends (the full-text operators together in one value).
FTS = "\" * NEAR( a:* &|! ' OR 1=1 --"
GET_VALUES = [BIG, "-" + BIG, "1e400", "0001-01-01", "9999-12-31T23:59", FTS, "²"]
POST_VALUES = [BIG, "-" + BIG, "0001-01-01T00:00", FTS, "²"]
# Byte-level garbage (NUL, invalid UTF-8) is refused with 400 by one middleware of
# the edge; it is sent whenever that middleware is installed.
BYTE_LEVEL = "jumelage.core.middleware.RejectBadInputMiddleware" in settings.MIDDLEWARE
RAW_HOSTILE = ["%00", "%ff", "a%00b", "%ed%a0%80"] if BYTE_LEVEL else []

COMMON_PARAMS = [
    "q",
    "page",
    "age",
    "country",
    "subject",
    "language",
    "level",
    "kit",
    "to",
    "old",
    "new",
    "month",
    "year",
    "day",
    "date",
    "first_day",
    "days",
    "duration",
    "before",
    "after",
    "since",
    "cursor",
    "content_type",
    "object_id",
    "status",
    "kind",
    "next",
    "folder",
    "tab",
    "sort",
    "order",
]

# The model behind each integer URL kwarg (by namespace where the name is shared).
KWARG_MODELS = {
    "project_id": "projects.Project",
    "page_id": "wiki.Page",
    "folder_id": "materials.Folder",
    "item_id": "materials.Item",
    "topic_id": "forum.Topic",
    "comment_id": "blog.Comment",
    "event_id": "calendar.Event",
    "message_id": "chat.Message",
    "note_id": "twinspace.BulletinNote",
    "report_id": "twinspace.Report",
    "invitation_id": "projects.Invitation",
    "membership_id": "projects.Membership",
    "thread_id": "messaging.Thread",
    "notification_id": "notifications.Notification",
    "school_id": "schools.School",
    "user_id": "accounts.User",
    ("forum", "post_id"): "forum.Post",
    ("blog", "post_id"): "blog.Post",
    ("chat", "room_id"): "chat.Room",
    ("meetings", "room_id"): "meetings.MeetingRoom",
    ("partners", "pk"): "partners.PartnerRequest",
    ("network", "pk"): "network.HelpRequest",
    ("training", "pk"): "training.TrainingEvent",
    ("texts", "pk"): "texts.OfficialText",
}
STRING_KWARGS = {
    "country": "FR",
    "decision": "approve",
    "slug": None,  # a kit's slug, looked up
    "token": "not-a-token",
    "uidb64": "MQ",
}
INT_KWARGS = [BIG, "0"]  # anything else does not match <int:...>: the resolver's 404
STR_KWARGS = [BIG, "x" * 5000, FTS, "²"] + (["%00", "%ff"] if BYTE_LEVEL else [])


def _routes():
    """(route, namespace) of every plain route; admin regex catch-alls are Django's own."""
    found = []

    def walk(patterns, prefix, namespaces):
        for p in patterns:
            if isinstance(p, URLResolver):
                if not isinstance(p.pattern, RoutePattern) and str(p.pattern) not in ("",):
                    continue
                walk(p.url_patterns, prefix + str(p.pattern), namespaces + [p.namespace or ""])
            elif isinstance(p, URLPattern) and isinstance(p.pattern, RoutePattern):
                found.append((prefix + str(p.pattern), [n for n in namespaces if n]))

    walk(get_resolver().url_patterns, "", [])
    return found


ROUTES = _routes()
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


class _Forms(HTMLParser):
    """The forms of a page: method, action and field names (with their first value)."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(), "fields": {}})
        elif tag in ("input", "select", "textarea", "button") and self.forms and a.get("name"):
            fields = self.forms[-1]["fields"]
            fields.setdefault(a["name"], {"type": a.get("type", tag), "value": a.get("value", "")})


def _forms(response):
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    parser = _Forms()
    try:
        parser.feed(response.content.decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - a parser hiccup only loses fields to try
        return parser.forms
    return parser.forms


_REAL_VALUES: dict[str, dict] = {}


def _real_values(namespaces):
    """Ids of demo objects for the URL kwargs (read once per namespace and test)."""
    ns = namespaces[-1] if namespaces else ""
    if ns not in _REAL_VALUES:
        _REAL_VALUES[ns] = _read_real_values(ns)
    return _REAL_VALUES[ns]


def _read_real_values(ns):
    from django.apps import apps

    from jumelage.kits.models import Kit

    values = {}
    for key, label in KWARG_MODELS.items():
        if isinstance(key, tuple):
            if key[0] != ns:
                continue
            key = key[1]
        model = apps.get_model(label)
        obj = model._base_manager.order_by("pk").first()
        values.setdefault(key, str(obj.pk) if obj else "1")
    for key, value in STRING_KWARGS.items():
        values[key] = value
    kit = Kit.objects.order_by("pk").first()
    values["slug"] = kit.slug if kit else "kit"
    return values


def _path(route, values):
    def fill(match):
        name = match.group(2)
        return quote(str(values.get(name, "1")), safe="%")

    return "/" + PARAM.sub(fill, route)


def _query(names, value):
    return "&".join(f"{quote(n)}={value}" for n in names)


class Visitor:
    def __init__(self, role, user):
        self.role, self.user = role, user
        self.client = Client(raise_request_exception=False)

    def login(self):
        self.client.logout()
        if self.user is None:
            return
        if self.role == "staff":
            login_with_second_factor(self.client, self.user)
        else:
            self.client.force_login(self.user)


def _visitors():
    from jumelage.accounts.models import User

    teacher = User.objects.get(email="claire.martin@demo.jumelage.eu")
    pupil = User.objects.get(username="demo-pupil-1")
    staff = User.objects.get(email="bureau.france@demo.jumelage.eu")
    return [
        Visitor("anonymous", None),
        Visitor("teacher", teacher),
        Visitor("pupil", pupil),
        Visitor("staff", staff),
    ]


def _check(failures, response, what):
    if response.status_code >= 500:
        exc = getattr(response, "exc_info", None)
        detail = repr(exc[1])[:300] if exc else response.content[:200]
        failures.append(f"{response.status_code} {what}: {detail}")


def _fuzz_url(visitor, route, namespaces, failures):
    values = _real_values(namespaces)
    c = visitor.client
    path = _path(route, values)
    base = c.get(path)
    _check(failures, base, f"{visitor.role} GET {path}")
    forms = _forms(base)
    reachable = base.status_code in (200, 405)
    get_values = GET_VALUES + RAW_HOSTILE
    post_values = POST_VALUES + RAW_HOSTILE[:2]
    if not reachable:
        # Refused before any parsing (login, 403, 404): one or two tries are enough.
        get_values = [BIG, FTS] + RAW_HOSTILE[:1]
        post_values = [BIG]
    # Query strings: the usual names plus the page's own GET form fields.
    get_names = list(COMMON_PARAMS)
    for form in forms:
        if form["method"] == "get":
            get_names += [n for n in form["fields"] if n not in get_names]
    for value in get_values:
        encoded = value if value in RAW_HOSTILE else quote(value, safe="")
        response = c.get(f"{path}?{_query(get_names, encoded)}")
        _check(failures, response, f"{visitor.role} GET {path}?<all>={value[:30]}")
    if reachable:
        response = c.get(f"{path}?q={MEGABYTE[:100_000]}&page={BIG}")
        _check(failures, response, f"{visitor.role} GET {path}?q=<100 kB>")
    # URL kwargs: hostile values in each one.
    for match in PARAM.finditer(route):
        converter, name = match.groups()
        for value in INT_KWARGS if converter == "int" else STR_KWARGS:
            bad = _path(route, {**values, name: value}).replace(quote(value, safe="%"), value)
            response = c.get(bad)
            _check(failures, response, f"{visitor.role} GET {bad[:120]} ({name})")
    # POST: each distinct form of the page, hostile values in every field; else the bare URL.
    post_forms, seen = [], set()
    for form in forms:
        key = tuple(sorted(form["fields"]))
        if form["method"] == "post" and key not in seen and len(post_forms) < 4:
            seen.add(key)
            post_forms.append(form)
    for form in post_forms or [{"fields": {}}]:
        names = [n for n in form["fields"] if n != "csrfmiddlewaretoken"] or COMMON_PARAMS[:8]
        for value in post_values:
            if value in RAW_HOSTILE:
                body = _query(names, value)
                response = c.post(path, body, content_type="application/x-www-form-urlencoded")
            else:
                response = c.post(path, dict.fromkeys(names, value))
            _check(failures, response, f"{visitor.role} POST {path} <all fields>={value[:30]}")
        if reachable and form["fields"]:
            # The page's own values with one far or huge value in each typed field.
            defaults = {n: f["value"] for n, f in form["fields"].items()}
            for name, field in form["fields"].items():
                if field["type"] in ("date", "datetime-local", "month", "number"):
                    for value in ("0001-01-01T00:00", BIG):
                        response = c.post(path, {**defaults, name: value})
                        _check(failures, response, f"{visitor.role} POST {path} {name}={value}")
            response = c.post(path, {**defaults, names[0]: MEGABYTE})
            _check(failures, response, f"{visitor.role} POST {path} {names[0]}=<1 MB>")


@pytest.mark.parametrize("role", ["anonymous", "teacher", "pupil", "staff"])
def test_no_url_answers_5xx_to_hostile_input(role, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # thousands of 4xx lines
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    _REAL_VALUES.clear()
    visitor = next(v for v in _visitors() if v.role == role)
    failures = []
    for route, namespaces in ROUTES:
        if route.startswith("admin/"):
            continue  # Django's admin, for platform admins only (their own test)
        with transaction.atomic():
            visitor.login()
            _fuzz_url(visitor, route, namespaces, failures)
            transaction.set_rollback(True)
    logging.getLogger("django.request").setLevel(logging.NOTSET)
    if os.environ.get("FUZZ_REPORT"):
        with open(os.environ["FUZZ_REPORT"], "a") as report:
            report.write("\n".join(failures) + "\n")
    assert not failures, f"{len(failures)} server errors:\n" + "\n".join(failures[:80])


def test_every_route_is_walked():
    routes = {r for r, _ in ROUTES}
    assert "partners/" in routes
    assert "training/<int:pk>/event.ics" in routes
    assert "projects/<int:project_id>/space/meetings/find-a-time/" in routes
    assert len(routes) > 150
