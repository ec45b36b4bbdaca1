"""Each language's catalogues merged into one dictionary per plural rule (core.l10n) give
every word and every plural form that Django's unmerged catalogues give."""

from django.conf import settings
from django.utils.translation import trans_real

from jumelage.core import l10n


def _built(language, update):
    """A translation built afresh with `update` as the catalogues' merge."""
    installed = trans_real.TranslationCatalog.update
    trans_real.TranslationCatalog.update = update
    try:
        return trans_real.DjangoTranslation(language)._catalog
    finally:
        trans_real.TranslationCatalog.update = installed


def test_merged_catalogues_give_what_djangos_give_in_every_language():
    assert trans_real.TranslationCatalog.update is l10n._update  # installed at start-up
    sizes = {}
    for language, _name in settings.LANGUAGES:
        django = _built(language, l10n._DJANGO_UPDATE)
        merged = _built(language, l10n._update)
        keys = set(django.keys())
        assert keys == set(merged.keys()), language
        for key in keys:
            assert merged.get(key) == django.get(key), (language, key)
        for msgid in {key[0] for key in keys if isinstance(key, tuple)}:
            for n in (0, 1, 2, 5, 21, 1_000_000):
                assert merged.plural(msgid, n) == django.plural(msgid, n), (language, msgid, n)
        assert len(merged._catalogs) <= len(django._catalogs), language
        sizes[language] = (len(merged._catalogs), len(django._catalogs))
    # French and German: a few dictionaries each, not one per app.
    assert sizes["fr"][0] <= 8 < sizes["fr"][1] and sizes["de"][0] <= 8 < sizes["de"][1], sizes
