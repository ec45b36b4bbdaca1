from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _panel(request):
    """Dashboard: my projects and what awaits me."""
    from jumelage.network.policies import verifying_countries

    from . import policies, queries

    user = request.user
    countries = verifying_countries(user)
    projects = list(queries.my_projects(user)[:8]) if user.kind != "staff" or not countries else []
    invitations = 0 if user.kind == "pupil" else queries.open_invitations(user).count()
    approvals = queries.pending_approvals(countries).count() if countries else 0
    if not projects and not invitations and not approvals and user.kind == "staff":
        return None
    return {
        "projects": projects,
        "invitations": invitations,
        "approvals": approvals,
        "may_create": user.kind == "teacher" and policies.can_create_project(user),
    }


def _staff(user) -> bool:
    return user.is_authenticated and getattr(user, "kind", "") == "staff"


def _anonymous(user) -> bool:
    return not user.is_authenticated


class ProjectsConfig(AppConfig):
    name = "jumelage.projects"
    label = "projects"

    def ready(self):
        from django.conf import settings

        from jumelage.core import registry

        registry.register_nav(_("Projects"), "projects:directory", registry.anyone, order=20)
        registry.register_nav(_("My projects"), "projects:mine", registry.signed_in, order=21)
        registry.register_nav(_("Approvals"), "projects:approvals", _staff, order=22)
        registry.register_nav(_("Pupil login"), "projects:pupil_login", _anonymous, order=90)
        registry.register_panel("projects/panel.html", _panel, order=10)
        # Retention of pupil accounts, run by `celery -A jumelage beat`.
        settings.CELERY_BEAT_SCHEDULE.setdefault(
            "projects.remove_expired_pupils",
            {"task": "projects.remove_expired_pupils", "schedule": 60 * 60 * 24},
        )
        from . import realtime  # noqa: F401 - registers the WebSocket connect policy
