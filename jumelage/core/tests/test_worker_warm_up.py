"""A page worker loads what every page needs before its first request (jumelage.wsgi).

gunicorn starts page workers afresh every few thousand requests; the first page a new
worker served used to import the views and build the URL resolver while its user waited.
"""

from .test_collector import run_probe

PROBE = """
import sys, jumelage.wsgi
from django.template import engines
from django.urls import get_resolver
engine = engines["django"].engine
print("urls" if "jumelage.urls" in sys.modules else "-")
print("resolver" if get_resolver()._populated else "-")
print("libraries" if "template_libraries" in engine.__dict__ else "-")
print("layout" if any(engine.template_loaders[0].get_template_cache) else "-")
"""


def _loaded(**env) -> list[str]:
    return run_probe(PROBE, unset=["HEALTH_POOL"], **env).split()


def test_a_page_worker_has_the_views_the_urls_and_the_layout_before_its_first_request():
    assert _loaded() == ["urls", "resolver", "libraries", "layout"]


def test_the_health_pool_loads_none_of_it():
    """It answers monitors before Django's middleware: a fast start, and no views."""
    urls, resolver, _libraries, layout = _loaded(HEALTH_POOL="1")
    assert (urls, resolver, layout) == ("-", "-", "-")
