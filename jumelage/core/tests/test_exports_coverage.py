"""No model holding a user foreign key is forgotten by the personal data export (issue 14)."""

from django.apps import apps
from django.conf import settings

from jumelage.core import exports

# Models that point at a user but whose rows are not the person's data, each with why.
EXCLUDED = {
    "admin.LogEntry": "the admin site's log of staff edits: the platform's record of staff work",
    "corrections.Correction": "a translation of the platform's interface; updated_by names "
    "the support office member who corrected it",
    "projects.Approval": "a support office's decision on a project: the project's record "
    "(the decision is in the audit trail)",
    "schools.VerificationCall": "a staff member's call log about a school: the school's record",
    "search.SearchDocument": "a search index derived from the profile and schools, "
    "which are exported as such",
    "training.LiveSeat": "one open connection to a live session, deleted when it closes; "
    "the attendance it records is on the registration, which is exported",
    "texts.OfficialText": "an official text of the platform; created_by names the staff editor",
}


def _models_pointing_at_users():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        if model is user_model:
            continue
        if any(
            f.is_relation and f.concrete and f.related_model is user_model
            for f in model._meta.get_fields()
        ):
            yield model


def test_every_model_with_a_user_foreign_key_is_exported_or_excluded_with_a_reason():
    covered = {m._meta.label for m in exports.covered_models()}
    forgotten = [
        m._meta.label
        for m in _models_pointing_at_users()
        if m._meta.label not in covered and m._meta.label not in EXCLUDED
    ]
    assert forgotten == [], (
        f"add these to a contributor's models=[...] in <app>/exports.py: {forgotten}"
    )


def test_the_user_model_itself_is_covered():
    assert apps.get_model(settings.AUTH_USER_MODEL) in exports.covered_models()


def test_exclusions_are_real_and_not_also_covered():
    labels = {m._meta.label for m in _models_pointing_at_users()}
    covered = {m._meta.label for m in exports.covered_models()}
    assert set(EXCLUDED) <= labels  # a stale exclusion hides nothing
    assert not set(EXCLUDED) & covered
    assert all(reason.strip() for reason in EXCLUDED.values())


def test_every_jumelage_app_with_such_a_model_has_its_own_contributor_module():
    exports.discover()
    modules = {c.function.__module__ for c in exports.CONTRIBUTORS.values()}
    for model in exports.covered_models():
        if model._meta.app_config.name.startswith("jumelage."):
            assert any(m.startswith(model._meta.app_config.name + ".") for m in modules), (
                model._meta.label
            )
