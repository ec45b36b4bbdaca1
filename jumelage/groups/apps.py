from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "jumelage.groups"
    label = "groups"
    verbose_name = _("Groups")

    def ready(self):
        from jumelage.accounts.models import User
        from jumelage.accounts.signals import account_deleting
        from jumelage.core import registry

        from . import panels
        from .models import Member

        adults = registry.of_kind(User.Kind.TEACHER, User.Kind.STAFF)
        registry.register_nav(_("Groups"), "groups:list", adults, order=45)
        registry.register_panel("groups/panel_suggestions.html", panels.suggestions, order=40)

        def leave_groups(sender, user, **kwargs):
            """A deleted account belongs to no group any more."""
            Member.objects.filter(user=user).delete()

        account_deleting.connect(leave_groups, weak=False, dispatch_uid="groups-leave-on-delete")
