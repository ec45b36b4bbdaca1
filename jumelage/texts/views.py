from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.forms_page import form_page
from jumelage.core.policies import require
from jumelage.network.policies import directory_countries
from jumelage.reference.models import Country

from . import policies, services
from .forms import OfficialTextForm
from .models import OfficialText


def _visible(user):
    texts = OfficialText.objects.select_related("country", "language")
    if not policies.can_manage_any_text(user):
        return texts.filter(published=True)
    countries = directory_countries(user)
    if countries is None:
        return texts
    return texts.filter(Q(published=True) | Q(country_id__in=countries))


@require_GET
def text_list(request):
    require(policies.can_see_texts(request.user))
    texts = _visible(request.user)
    kind, country = request.GET.get("kind", ""), request.GET.get("country", "")
    if kind in OfficialText.Kind.values:
        texts = texts.filter(kind=kind)
    if country:
        texts = texts.filter(Q(country_id=country) | Q(country__isnull=True))
    page = Paginator(texts, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "texts/list.html",
        {
            "page": page,
            "kinds": OfficialText.Kind.choices,
            "kind": kind,
            "country": country,
            "countries": Country.objects.filter(
                code__in=OfficialText.objects.filter(published=True).values("country_id")
            ),
            "may_manage": policies.can_manage_any_text(request.user),
        },
    )


def _text(request, pk):
    text = get_object_or_404(OfficialText.objects.select_related("country", "language"), pk=pk)
    require(policies.can_see_text(request.user, text))
    return text


@require_GET
def text_detail(request, pk):
    text = _text(request, pk)
    return render(
        request,
        "texts/detail.html",
        {"text": text, "may_manage": policies.can_manage_texts(request.user, text.country_id)},
    )


def _form(request, text):
    countries = directory_countries(request.user)
    form = OfficialTextForm(request.POST or None, instance=text, countries=countries)

    def save(form):
        saved = services.save_text(request.user, form.save(commit=False))
        return redirect("texts:detail", saved.pk)

    title = _("Edit the text") if text.pk else _("Add a text")
    return form_page(request, form, title=title, save=save, saved=_("The text is saved."))


@require_http_methods(["GET", "POST"])
def text_new(request):
    require(policies.can_manage_any_text(request.user))
    return _form(request, OfficialText())


@require_http_methods(["GET", "POST"])
def text_edit(request, pk):
    text = _text(request, pk)
    require(policies.can_manage_texts(request.user, text.country_id))
    return _form(request, text)


@require_POST
def text_delete(request, pk):
    text = _text(request, pk)
    require(policies.can_manage_texts(request.user, text.country_id))
    services.delete_text(request.user, text)
    messages.success(request, _("The text is deleted."))
    return redirect("texts:list")
