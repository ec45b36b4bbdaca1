from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WikiConfig(AppConfig):
    name = "jumelage.wiki"
    label = "wiki"
    verbose_name = _("Pages")

    def ready(self):
        from jumelage.twinspace.registry import register_space_section

        register_space_section(_("Pages"), "wiki:index", order=10, visitors=True)
        from jumelage.projects.signals import project_activated
        from jumelage.twinspace.registry import register_space_activity, register_space_search

        from . import services, space

        project_activated.connect(services.on_project_activated, dispatch_uid="wiki.kit_pages")
        register_space_search(_("Pages"), space.search_pages, order=10)
        register_space_activity(space.latest_edits, order=10)

        from jumelage.twinspace.reporting import register_reportable

        from .policies import can_see_reported_page

        register_reportable("wiki.page", can_see_reported_page, _("page"))
