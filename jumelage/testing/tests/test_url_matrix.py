"""Every URL pattern, every method declared, every actor: the expected answer.

The URL patterns come from the resolver: a pattern of jumelage.urls without a
Case in some app's tests/url_matrix.py or tests/space_matrix.py fails
`test_every_url_pattern_is_in_the_matrix`, which lists the uncovered names (the
idea of zulip's write_instrumentation_reports). The table itself follows pretix's
src/tests/control/test_permissions.py: URL x actor -> outcome.

One world (jumelage.testing.matrix.build_world, plus every module's setup) is
built once for this module, inside a transaction rolled back at the end; each
request runs in a savepoint rolled back after it, so a delete by one actor does
not change what the next one sees.
"""

import os
import re
from importlib import import_module

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.module_loading import module_has_submodule

from jumelage.testing import sign_in
from jumelage.testing.matrix import (
    ACTORS,
    ANONYMOUS_ON_PRIVATE_PROJECT,
    NOT_FOUND,
    build_world,
    outcome,
)

MATRIX_MODULES = ("space_matrix", "url_matrix")
# MATRIX_OBSERVE=/tmp/file: write what each actor gets instead of checking it (to
# write the cases of a new app; read every line before copying it into a case).
OBSERVE = os.environ.get("MATRIX_OBSERVE")
# Not in the matrix, with the reason:
EXCLUDED_NAMESPACES = {
    # Django's own admin (is_staff + permissions, tested by Django); the audit
    # entries' read-only admin is tested in audit/tests.
    "admin",
}


def _matrix_modules():
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jumelage."):
            continue
        try:
            package = import_module(f"{config.name}.tests")
        except ImportError:
            continue
        for name in MATRIX_MODULES:
            if module_has_submodule(package, name):
                modules.append(import_module(f"{config.name}.tests.{name}"))
    return modules


MODULES = _matrix_modules()
CASES = [(module, case) for module in MODULES for case in module.CASES]


def _url_patterns() -> dict[str, str]:
    """Every named URL pattern of the project: name -> route."""
    routes = {}

    def walk(patterns, prefix, namespace):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                ns = [*namespace, p.namespace] if p.namespace else namespace
                walk(p.url_patterns, route, ns)
            elif isinstance(p, URLPattern):
                name = ":".join([*namespace, p.name or f"<unnamed {route}>"])
                routes[name] = route

    walk(get_resolver().url_patterns, "", [])
    return {
        name: route
        for name, route in routes.items()
        if name.split(":")[0] not in EXCLUDED_NAMESPACES and not route.startswith("static/")
    }


ROUTES = _url_patterns()


def test_every_url_pattern_is_in_the_matrix():
    covered = {case.url_name for _, case in CASES}
    missing = sorted(set(ROUTES) - covered)
    assert not missing, f"URL patterns without a permission-matrix case: {missing}"


def test_every_case_names_a_url_pattern():
    assert not {case.url_name for _, case in CASES} - set(ROUTES)


class Matrix:
    """The world, each module's objects, and one signed-in session per actor."""

    def __init__(self):
        self.world = build_world()
        self.objects = {module: module.setup(self.world) or {} for module in MODULES}
        self.cookies = {}
        for actor in ACTORS:
            user = self.world.users[actor]
            client = Client()
            if user is not None:
                sign_in(client, user)
            self.cookies[actor] = dict(client.cookies.items())

    def kwargs(self, module, case) -> dict:
        objects = self.objects[module]
        names = case.kwargs if isinstance(case.kwargs, dict) else {n: n for n in case.kwargs}
        kwargs = {name: objects[key] for name, key in names.items()}
        if "<int:project_id>" in ROUTES[case.url_name]:
            kwargs.setdefault("project_id", objects.get("project_id", self.world.project.pk))
        return kwargs

    def url(self, module, case) -> str:
        return reverse(case.url_name, kwargs=self.kwargs(module, case))

    def data(self, module, case) -> dict:
        if callable(case.data):
            return case.data(self.world, self.objects[module])
        return case.data or {}

    def request(self, actor: str, method: str, url: str, data: dict):
        """One request, in a savepoint rolled back after it."""
        client = Client()
        for name, morsel in self.cookies[actor].items():
            client.cookies[name] = morsel.value
        with transaction.atomic():
            response = getattr(client, method.lower())(url, data)
            transaction.set_rollback(True)
        return response


@pytest.fixture(scope="module")
def _matrix(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = Matrix()
            built.media_root = media
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def matrix(_matrix, settings):
    """The module's world; files saved by the setups stay readable (MEDIA_ROOT)."""
    settings.MEDIA_ROOT = _matrix.media_root
    return _matrix


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "case"), CASES, ids=[str(c) for _, c in CASES])
def test_permission_matrix(matrix, module, case):
    url = matrix.url(module, case)
    data = matrix.data(module, case)
    project_url = "<int:project_id>" in ROUTES[case.url_name]
    wrong = []
    for actor in ACTORS:
        got = outcome(matrix.request(actor, case.method, url, data))
        if OBSERVE:
            with open(OBSERVE, "a") as out:
                out.write(f"{case.url_name}\t{case.method}\t{actor}\t{got}\n")
            continue
        expected = case.expected(actor, project_url=project_url)
        if got not in expected:
            wrong.append(f"{actor}: got {got}, expected {'|'.join(sorted(expected))}")
    assert not wrong, f"{case} {url}\n  " + "\n  ".join(wrong)


def _wrong_methods():
    """(module, case, "GET") for each URL that only POST cases declare: an action.

    A GET on an action answers 405 (a link or a prefetch never acts). POST on a
    page is not checked: a page's view renders it (GET) whatever the method.
    """
    declared = {}
    first = {}
    for module, case in CASES:
        declared.setdefault(case.url_name, set()).add(case.method)
        first.setdefault(case.url_name, (module, case))
    return [(*first[name], "GET") for name, methods in declared.items() if methods == {"POST"}]


WRONG_METHODS = _wrong_methods()


def _first_allowed(case) -> str:
    """The first signed-in actor the case allows (anonymous only if no one else)."""
    actors = sorted(case.allowed, key=ACTORS.index)
    return next((a for a in actors if a != "anonymous"), actors[0] if actors else "anonymous")


def _unknown_ids():
    """(module, case, kwarg) for each integer URL kwarg of each URL's first allowed case."""
    seen, found = set(), []
    for module, case in CASES:
        if case.url_name in seen or not case.allowed:
            continue
        seen.add(case.url_name)
        route = ROUTES[case.url_name]
        found += [(module, case, name) for name in re.findall(r"<int:(\w+)>", route)]
    return found


UNKNOWN_IDS = _unknown_ids()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "case", "kwarg"), UNKNOWN_IDS, ids=[f"{c} {k}" for _, c, k in UNKNOWN_IDS]
)
def test_an_unknown_id_is_404(matrix, module, case, kwarg):
    """Asked by someone the case allows: an id that matches nothing is a 404, never a 500."""
    actor = _first_allowed(case)
    url = reverse(case.url_name, kwargs={**matrix.kwargs(module, case), kwarg: 99999999})
    response = matrix.request(actor, case.method, url, matrix.data(module, case))
    expected = ANONYMOUS_ON_PRIVATE_PROJECT if actor == "anonymous" else {NOT_FOUND}
    assert outcome(response) in expected, f"{case} {url} as {actor}: {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "case", "method"),
    WRONG_METHODS,
    ids=[f"{m} {c.url_name}" for _, c, m in WRONG_METHODS],
)
def test_a_method_no_case_declares_is_405(matrix, module, case, method):
    """Asked by the first actor the case allows (anonymous only if no one else)."""
    actor = _first_allowed(case)
    url = matrix.url(module, case)
    response = matrix.request(actor, method, url, {})
    assert response.status_code == 405, f"{method} {url} as {actor}: {response.status_code}"
