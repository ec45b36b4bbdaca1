"""The configuration part names every variable settings.py reads."""

from jumelage.backups.instance import configuration_variables


def test_every_variable_read_by_the_settings_is_backed_up():
    names = configuration_variables()
    for name in ("DATABASE_URL", "SECRET_KEY", "EMAIL_URL", "SITE_URL", "MEDIA_ROOT"):
        assert name in names
    # Read through environ.Env() before `env` exists, and by this app's own block.
    assert "JUMELAGE_VAR_DIR" in names
    assert "JUMELAGE_ARCHIVED_PROJECT_RETENTION_DAYS" in names
    assert "DJANGO_SETTINGS_MODULE" in names
    assert all(name.isupper() for name in names)
