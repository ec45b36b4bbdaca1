"""`{% url %}` writes from a pattern kept per URL name (core.reversing.reverse_ids): it
must write what Django's tag writes, for every URL of the project."""

import pytest
from django.template import Context, Engine, Template, TemplateSyntaxError
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from jumelage.core.reversing import reverse_ids


def _named_routes():
    """(full name, argument names) of every named URL pattern."""
    found = []

    def walk(patterns, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}{p.namespace}:" if p.namespace else namespace)
            elif isinstance(p, URLPattern) and p.name:
                found.append((namespace + p.name, list(p.pattern.converters)))

    walk(get_resolver().url_patterns, "")
    return found


def test_every_url_with_ids_is_the_one_reverse_writes():
    routes = _named_routes()
    assert len(routes) > 150
    checked = 0
    for name, params in routes:
        for ids in ([7] * len(params), [0] * len(params), list(range(12, 12 + len(params)))):
            try:
                expected = reverse(name, kwargs=dict(zip(params, ids, strict=True)))
            except NoReverseMatch:  # a slug or a code: reverse_ids hands it to reverse
                continue
            assert reverse_ids(name, (), dict(zip(params, ids, strict=True))) == expected
            assert reverse_ids(name, tuple(ids)) == reverse(name, args=ids)
            checked += 1
    assert checked > 300


def test_other_arguments_go_to_reverse_itself():
    assert reverse_ids("kits:detail", kwargs={"slug": "eau-vive"}) == reverse(
        "kits:detail", kwargs={"slug": "eau-vive"}
    )
    with pytest.raises(NoReverseMatch):  # <int:...> takes no negative number
        reverse_ids("projects:detail", (-3,))
    with pytest.raises(NoReverseMatch):  # True is no id, though an int
        reverse_ids("projects:detail", (True, 2))
    with pytest.raises(NoReverseMatch):
        reverse_ids("projects:no-such-page", (3,))


def test_the_template_tag_writes_what_djangos_writes():
    """The same template through the project's engine and through Django's own tag."""
    source = (
        "{% url 'projects:detail' project %}|{% url 'projects:detail' project_id=project %}|"
        "{% url 'kits:detail' slug %}|{% url 'core:home' %}|"
        "{% url 'projects:detail' 5 as link %}[{{ link }}]|"
        "{% url 'projects:no-such-page' as nothing %}[{{ nothing }}]"
    )
    context = {"project": 42, "slug": "eau-vive"}
    template = Template(source)
    # The project's engine writes these through reverse_ids, not Django's tag.
    assert type(template.nodelist[0]).__name__ == "URLByIds"
    ours = template.render(Context(context))
    django = Engine(libraries={}, builtins=[]).from_string(source).render(Context(context))
    assert ours == django
    assert "/projects/42/" in ours and "[/projects/5/]" in ours
    with pytest.raises(NoReverseMatch):
        Template("{% url 'projects:no-such-page' 1 %}").render(Context())
    with pytest.raises(TemplateSyntaxError):
        Template("{% url %}")
