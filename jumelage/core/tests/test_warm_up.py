"""A fresh page worker has loaded what every page needs before its first request.

gunicorn starts page workers afresh (boot, and every --max-requests); what a first page
built lazily (the resolver per language and per namespace, the catalogues, every
template) cost its user 50-120 ms more (jumelage/wsgi.py, warm_up).
"""

import json

from .test_collector import run_probe

PROBE = """
import gc, json
import jumelage.wsgi
from django.template import engines
from django.urls import get_resolver
from django.utils.translation import trans_real

resolver = get_resolver()
forum = resolver.namespace_dict["forum"][1]
loader = engines["django"].engine.template_loaders[0]
print(json.dumps({
    "languages": sorted(resolver._reverse_dict),
    "forum languages": sorted(forum._reverse_dict),
    "catalogues": sorted(trans_real._translations),
    "templates": sorted(loader.get_template_cache),
    "frozen": gc.get_freeze_count(),
}))
"""


def warmed(**env) -> dict:
    return json.loads(run_probe(PROBE, unset=["WARM_LANGUAGES", "HEALTH_POOL"], **env))


def test_every_language_every_namespace_and_every_template_of_ours_is_ready():
    from django.conf import settings

    found = warmed()
    codes = sorted(code for code, _name in settings.LANGUAGES)
    assert set(codes) <= set(found["languages"])
    assert set(codes) <= set(found["forum languages"])
    assert set(codes) <= set(found["catalogues"])
    for name in ("base.html", "core/dashboard.html", "forum/topic_detail.html"):
        assert name in found["templates"]
    assert found["frozen"] > 10_000  # out of the collector's way


def test_an_operator_warms_the_languages_the_platform_speaks():
    found = warmed(WARM_LANGUAGES="fr, de")
    assert {"fr", "de"} <= set(found["languages"])
    assert "it" not in found["languages"] and "it" not in found["catalogues"]


def test_the_health_pool_warms_nothing():
    found = warmed(HEALTH_POOL="1")
    assert not found["templates"] and found["frozen"] == 0
