from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabelsConfig(AppConfig):
    name = "jumelage.labels"
    label = "labels"
    verbose_name = _("Quality labels")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from jumelage.core import registry
        from jumelage.projects.registry import register_badges
        from jumelage.showcase.labels import register_label_source
        from jumelage.twinspace.registry import register_space_panel

        from . import panels, queries
        from .models import Application, EuropeanDecision

        for model in (Application, EuropeanDecision):
            post_save.connect(queries.forget_held, sender=model, dispatch_uid=f"held-{model}")
            post_delete.connect(queries.forget_held, sender=model, dispatch_uid=f"held-d-{model}")

        registry.register_nav(_("Quality labels"), "labels:index", registry.anyone, order=78)
        registry.register_panel("labels/panel.html", panels.dashboard, order=78)
        register_label_source(panels.showcase_labels)
        register_badges(panels.project_badges)
        register_space_panel("labels/_space_badges.html", panels.space_badges, order=5)
