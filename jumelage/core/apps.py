from django.apps import AppConfig
from django.conf import settings

# Imported before any model class is built: every jumelage date field gets its range constraint.
from . import fields  # noqa: F401


class CoreConfig(AppConfig):
    name = "jumelage.core"
    label = "core"

    def ready(self):
        # Django knows every language of the founding countries but Maltese: without this
        # entry get_language_info("mt") (language menus, static sites) raises KeyError.
        from django.conf.locale import LANG_INFO

        LANG_INFO.setdefault(
            "mt", {"bidi": False, "code": "mt", "name": "Maltese", "name_local": "Malti"}
        )
        from . import lookups  # noqa: F401 (registers `__in_array` on every field)

        # One dictionary of words per plural rule, not one per app (core.l10n).
        from .l10n import merge_catalogues

        merge_catalogues()
        # The shell's first destination (issue 14): the dashboard, in the header bar.
        from django.utils.translation import gettext_lazy as _

        from . import (
            checks,  # noqa: F401 (the project's system checks register themselves)
            registry,
        )

        registry.register_nav(
            _("Dashboard"),
            "core:dashboard",
            registry.signed_in,
            order=1,
            primary=True,
            icon="layout-dashboard",
        )
        registry.register_nav(_("Style guide"), "core:style_guide", registry.staff, order=99)
        # Pillow's pixel limit and its warning-as-error hold for every decode in the process.
        from . import images  # noqa: F401

        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "core.sweep_upload_temp", {"task": "core.sweep_upload_temp", "schedule": 60 * 60}
        )
