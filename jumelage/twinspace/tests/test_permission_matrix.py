"""Every TwinSpace URL, every method declared, every role: the expected answer.

Generated from the URL configuration: a URL under projects/<id>/space/ without
a Case in some app's tests/space_matrix.py fails `test_every_space_url_is_in_the_matrix`.
"""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.module_loading import module_has_submodule

from jumelage.twinspace.matrix import ROLES, build_world

SPACE_PREFIX = "projects/<int:project_id>/space/"


def _matrix_modules():
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("jumelage."):
            continue
        tests = f"{config.name}.tests"
        try:
            package = import_module(tests)
        except ImportError:
            continue
        if module_has_submodule(package, "space_matrix"):
            modules.append(import_module(f"{tests}.space_matrix"))
    return modules


MODULES = _matrix_modules()
CASES = [(module, case) for module in MODULES for case in module.CASES]


def _space_url_names() -> set[str]:
    names = set()

    def walk(patterns, prefix, namespace):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                ns = namespace + [p.namespace] if p.namespace else namespace
                walk(p.url_patterns, route, ns)
            elif isinstance(p, URLPattern) and route.startswith(SPACE_PREFIX) and p.name:
                names.add(":".join([*namespace, p.name]))

    walk(get_resolver().url_patterns, "", [])
    return names


def test_every_space_url_is_in_the_matrix():
    covered = {case.url_name for _, case in CASES}
    missing = sorted(_space_url_names() - covered)
    assert not missing, f"TwinSpace URLs without a permission-matrix case: {missing}"


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response.get("Location", "")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("module", "case"), CASES, ids=[str(c) for _, c in CASES])
def test_permission_matrix(client, module, case, role):
    world = build_world()
    objects = module.setup(world) or {}
    kwargs = {"project_id": world.project.pk, **{name: objects[name] for name in case.kwargs}}
    url = reverse(case.url_name, kwargs=kwargs)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    data = case.data(world, objects) if callable(case.data) else (case.data or {})
    response = getattr(client, case.method.lower())(url, data)
    status = response.status_code
    if role in case.allowed:
        assert status < 400 or status == 400, f"{role} refused ({status}) on {case} {url}"
        assert not _is_login_redirect(response), f"{role} sent to login on {case}"
    elif role == "anonymous":
        assert status == 404 or _is_login_redirect(response), f"anonymous got {status} on {case}"
    elif role.startswith("outsider"):
        assert status == 404, f"{role} got {status} on {case} {url}"
    else:
        assert status in (403, 404), f"{role} (member) got {status} on {case} {url}"
