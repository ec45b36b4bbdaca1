"""The kit catalogue: public, read-only; staff manage kits in the admin site."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from jumelage.core.policies import require

from . import policies
from .forms import KitFilterForm
from .models import Kit


@require_GET
def kit_list(request):
    require(policies.can_browse_kits(request.user))
    form = KitFilterForm(request.GET or None)
    kits = Kit.objects.filter(published=True)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"]
            kits = kits.filter(
                Q(title_en__icontains=q)
                | Q(title_fr__icontains=q)
                | Q(summary_en__icontains=q)
                | Q(summary_fr__icontains=q)
            )
        if data["subject"]:
            kits = kits.filter(subjects=data["subject"])
        if data["age"] is not None:
            kits = kits.filter(age_min__lte=data["age"], age_max__gte=data["age"])
        if data["production"]:
            kits = kits.filter(production=data["production"])
        if data["max_weeks"]:
            kits = kits.filter(duration_weeks__lte=data["max_weeks"])
    kits = kits.distinct().select_related("production").prefetch_related("subjects")
    return render(
        request,
        "kits/list.html",
        {
            "form": form,
            "kits": list(kits),
            "can_manage": policies.can_manage_kits(request.user),
        },
    )


@require_GET
def kit_detail(request, slug):
    require(policies.can_browse_kits(request.user))
    kit = get_object_or_404(
        Kit.objects.filter(published=True)
        .select_related("production")
        .prefetch_related("subjects", "steps"),
        slug=slug,
    )
    return render(
        request,
        "kits/detail.html",
        {
            "kit": kit,
            "can_manage": policies.can_manage_kits(request.user),
        },
    )
