from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _visible(user) -> bool:
    return user.is_authenticated and getattr(user, "kind", "") in ("teacher", "staff")


def _panel(request):
    """Dashboard: the teacher's coming events (places and waiting lists)."""
    from django.utils import timezone

    from .models import Registration

    if request.user.kind != "teacher":
        return None
    registrations = (
        Registration.objects.filter(user=request.user, event__ends_at__gte=timezone.now())
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event")
        .order_by("event__starts_at")[:5]
    )
    return {"registrations": list(registrations)}


class TrainingConfig(AppConfig):
    name = "jumelage.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self):
        from jumelage.core.registry import register_nav, register_panel

        register_nav(_("Training"), "training:list", _visible, order=75)
        register_panel("training/panel.html", _panel, order=75)
