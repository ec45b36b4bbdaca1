"""System checks of the project's own."""

from collections import defaultdict

from django.core.checks import Tags, Warning, register

# Template tag libraries the project replaces on purpose (TEMPLATES' "libraries"):
# Django's W003 warns of any such replacement, so it is silenced in settings and this
# check keeps its guard for every other name.
REPLACED_LIBRARIES = {"i18n": {"django.templatetags.i18n", "jumelage.core.i18n_tags"}}


@register(Tags.templates)
def template_library_names(app_configs=None, **kwargs):
    """Django's templates.W003, but for the libraries replaced on purpose."""
    from django.template import engines
    from django.template.backends.django import DjangoTemplates, get_template_tag_modules

    warnings = []
    for engine in engines.all():
        if not isinstance(engine, DjangoTemplates):
            continue
        libraries = defaultdict(set)
        for name, path in get_template_tag_modules():
            libraries[name].add(path)
        for name, path in engine.engine.libraries.items():
            libraries[name].add(path)
        for name, paths in sorted(libraries.items()):
            if len(paths) > 1 and paths != REPLACED_LIBRARIES.get(name):
                warnings.append(
                    Warning(
                        f"{name!r} is used for multiple template tag modules: "
                        + ", ".join(sorted(paths)),
                        obj=engine,
                        id="jumelage.W001",
                    )
                )
    return warnings
