from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "jumelage.projects"
    label = "projects"

    def ready(self):
        from django.conf import settings

        from jumelage.core import registry

        from .panels import dashboard_panel

        # A visitor's first destination is the directory; a member's, their own projects.
        registry.register_nav(
            _("Projects"),
            "projects:directory",
            registry.anonymous,
            order=20,
            primary=True,
            icon="folder",
        )
        registry.register_nav(_("Projects"), "projects:directory", registry.signed_in, order=20)
        registry.register_nav(
            _("My projects"),
            "projects:mine",
            registry.signed_in,
            order=2,
            primary=True,
            icon="folder",
        )
        registry.register_nav(_("Approvals"), "projects:approvals", registry.staff, order=22)
        registry.register_nav(
            _("Pupil login"),
            "accounts:pupil_login",
            registry.anonymous,
            order=90,
            primary=True,
            icon="school",
        )
        registry.register_panel("projects/panel.html", dashboard_panel, order=10)
        # Retention of pupil accounts, run by `celery -A jumelage beat`.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "projects.remove_expired_pupils",
            {"task": "projects.remove_expired_pupils", "schedule": 60 * 60 * 24},
        )
        from jumelage.accounts.signals import account_deleting

        from . import realtime  # noqa: F401 - registers the WebSocket connect policy

        def leave_projects(sender, user, **kwargs):
            from .services import leave_all_projects

            leave_all_projects(user)

        account_deleting.connect(
            leave_projects, weak=False, dispatch_uid="projects-leave-on-delete"
        )
