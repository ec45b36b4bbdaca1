"""`{% load i18n %}` is the project's (core.i18n_tags): what it writes must be what
Django's own tags write, in every form of `{% translate %}`."""

from django.template import Context, Engine, Template
from django.utils import translation

from jumelage.core.i18n_tags import TranslateLiteral

SOURCE = (
    "{% load i18n %}"
    '[{% translate "Log in" %}]'  # in the catalogues
    "[{% translate 'Pupils\\' ages:' %}]"  # a quote inside
    '[{% translate "100% <b>sure</b> & %(name)s" %}]'  # percent signs, markup, no catalogue
    '[{% trans "Log out" %}]'
    '[{% translate "Language" as word %}{{ word }}]'
    '[{% translate "May" context "month name" %}]'
    '[{% translate "Log in" noop %}]'
    '[{% translate "Log in"|upper %}]'
    "[{% translate text %}]"
    "[{% translate markup %}]"
    "[{% blocktranslate with n=count %}{{ n }} files{% endblocktranslate %}]"
    '[{{ _("Log in") }}]'
)


def both(context) -> tuple[str, str]:
    ours = Template(SOURCE).render(Context(context))
    django = Engine(libraries={"i18n": "django.templatetags.i18n"}).from_string(SOURCE)
    django = django.render(Context(context))
    return ours, django


def test_every_form_of_the_tag_writes_what_djangos_writes():
    context = {"text": "Log in", "markup": "<i>x</i> & y", "count": 3}
    for language in ("en", "fr", "de", "pl"):
        with translation.override(language):
            ours, django = both(context)
            assert ours == django
    with translation.override("fr"):
        ours, _ = both(context)
    assert "[Se connecter]" in ours or "[Connexion]" in ours  # translated, not English
    assert "[100% <b>sure</b> & %(name)s]" in ours  # a literal is the template's own markup
    assert "&lt;i&gt;x&lt;/i&gt; &amp; y" in ours  # a variable's text is escaped


def test_a_literal_goes_the_short_way():
    template = Template('{% load i18n %}{% translate "Log in" %}{% translate text %}')
    first, second = template.nodelist[1], template.nodelist[2]
    assert isinstance(first, TranslateLiteral) and first.msgid == "Log in"
    assert isinstance(second, TranslateLiteral) and second.msgid is None  # Django's way


def test_each_rendering_reads_the_catalogue_active_when_it_begins():
    """The node is shared by every page (the cached loader); the catalogue is not."""
    template = Template('{% load i18n %}{% translate "Log in" %}')
    shown = {}
    for language in ("fr", "de", "en", "fr"):
        with translation.override(language):
            shown.setdefault(language, set()).add(template.render(Context()))
            assert shown[language] == {translation.gettext("Log in")}
    assert len({next(iter(v)) for v in shown.values()}) == 3
    translation.deactivate_all()  # no catalogue at all: the literal itself, as Django writes
    assert template.render(Context()) == "Log in"


def test_only_the_i18n_library_is_replaced_on_purpose(settings):
    """Django's templates.W003 is silenced for the i18n replacement; any other library
    name given to two modules is still reported (core.checks, jumelage.W001)."""
    from jumelage.core.checks import template_library_names

    assert template_library_names() == []
    options = settings.TEMPLATES[0]["OPTIONS"]
    libraries = {**options["libraries"], "static": "jumelage.core.i18n_tags"}
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "OPTIONS": {**options, "libraries": libraries}}]
    warnings = template_library_names()  # the engines are built again from the setting
    assert [w.id for w in warnings] == ["jumelage.W001"] and "'static'" in warnings[0].msg
