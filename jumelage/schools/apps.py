from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "jumelage.schools"
    label = "schools"

    def ready(self):
        from jumelage.accounts.signals import account_deleting
        from jumelage.core import registry

        from . import panels
        from .models import SchoolMembership

        registry.register_nav(_("Verification queue"), "schools:queue", registry.staff, order=70)
        registry.register_panel("schools/panel_registration.html", panels.registration, order=5)
        registry.register_panel("schools/panel_queue.html", panels.staff_queue, order=6)
        registry.register_panel("schools/panel_join_requests.html", panels.join_requests, order=7)

        def leave_schools(sender, user, **kwargs):
            """A deleted account belongs to no school any more."""
            SchoolMembership.objects.filter(user=user).delete()

        account_deleting.connect(leave_schools, weak=False, dispatch_uid="schools-leave-on-delete")
