from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "jumelage.schools"
    label = "schools"

    def ready(self):
        from jumelage.accounts.signals import account_deleting
        from jumelage.core import registry

        from . import panels, services
        from .models import SchoolMembership

        registry.register_nav(_("Verification queue"), "schools:queue", registry.staff, order=70)
        registry.register_panel("schools/panel_registration.html", panels.registration, order=5)
        registry.register_panel("schools/panel_queue.html", panels.staff_queue, order=6)
        registry.register_panel("schools/panel_join_requests.html", panels.join_requests, order=7)

        def leave_schools(sender, user, **kwargs):
            """A deleted account belongs to no school any more."""
            SchoolMembership.objects.filter(user=user).delete()

        from django.db.models.signals import post_delete, post_save

        from jumelage.accounts.models import TeacherProfile
        from jumelage.network.models import SupportRole

        from .models import JoinRequest, School

        # What the offices' queue panel counts (panels.staff_queue caches it).
        for sender in (School, SchoolMembership, JoinRequest, TeacherProfile, SupportRole):
            uid = f"schools-queue-counts-{sender._meta.label}"
            post_save.connect(panels.forget_queue_counts, sender=sender, dispatch_uid=uid)
            post_delete.connect(panels.forget_queue_counts, sender=sender, dispatch_uid=uid)

        # What puts a school in its office's queue (services.count_awaiting).
        def recount_teacher(sender, instance, created=False, **kwargs):
            stored = getattr(instance, "_stored_status", None)
            if kwargs["signal"] is post_delete or created or stored != instance.status:
                instance._stored_status = instance.status
                services.count_awaiting_of(instance.user_id)

        def recount_school(sender, instance, **kwargs):
            services.count_awaiting([instance.school_id])

        for signal in (post_save, post_delete):
            signal.connect(
                recount_teacher,
                sender=TeacherProfile,
                weak=False,
                dispatch_uid=f"schools-awaiting-profile-{signal is post_save}",
            )
            signal.connect(
                recount_school,
                sender=SchoolMembership,
                weak=False,
                dispatch_uid=f"schools-awaiting-membership-{signal is post_save}",
            )

        account_deleting.connect(leave_schools, weak=False, dispatch_uid="schools-leave-on-delete")
