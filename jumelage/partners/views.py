"""Partner finding pages: thin views over policies, services, the search module and suggestions."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.pending import awaits_verification, verification_pending
from jumelage.core.policies import require
from jumelage.core.prepared import Prepared, count_of
from jumelage.schools.models import SchoolMembership
from jumelage.search.backends import Query
from jumelage.search.documents import OPEN_REQUEST, facet
from jumelage.search.services import search as run_search

from . import policies, services, suggestions
from .forms import PartnerRequestForm, SearchForm
from .models import PartnerRequest, open_requests

PER_PAGE = 20


def _query(form: SearchForm, searcher) -> Query:
    groups = [
        tuple(facet(kind, value) for value in values)
        for kind, values in form.filters().items()
        if values
    ]
    if form.cleaned_data.get("open_request"):
        groups.append((OPEN_REQUEST,))
    # The searcher is never among her own results.
    return Query(
        text=form.cleaned_data.get("q") or "",
        facet_groups=tuple(groups),
        exclude_ids=(searcher.pk,),
    )


@login_required
@require_GET
def search(request):
    if awaits_verification(request.user):
        return verification_pending(request, _("partner search"))
    require(policies.can_find_partners(request.user))
    form = SearchForm(request.GET)
    page, teachers = None, []
    if form.is_valid():
        query = _query(form, request.user)
        number = form.cleaned_data.get("page") or 1
        page = run_search(query, page=number, per_page=PER_PAGE)
        if not page.ids and number > 1 and page.total:
            page = run_search(query, page=page.num_pages, per_page=PER_PAGE)
        found = suggestions.load_teachers(page.ids)
        teachers = [found[i] for i in page.ids if i in found]
    context = {"form": form, "page": page, "teachers": teachers}
    partial = request.htmx and not request.htmx.history_restore_request
    template = "partners/_results.html" if partial else "partners/search.html"
    return render(request, template, context)


def _requests_with_details(queryset):
    return queryset.select_related("author").prefetch_related(
        "subjects",
        "age_bands",
        "languages",
        "wished_countries",
        Prefetch(
            "author__school_memberships",
            queryset=SchoolMembership.objects.select_related("school__country"),
        ),
    )


@login_required
@require_GET
def request_list(request):
    if awaits_verification(request.user):
        return verification_pending(request, _("partner requests"))
    require(policies.can_find_partners(request.user))
    listed = open_requests().filter(author__teacher_profile__status="verified")
    page = Paginator(_requests_with_details(listed), PER_PAGE).get_page(request.GET.get("page"))
    mine = list(PartnerRequest.objects.filter(author=request.user)[:50])
    return render(request, "partners/request_list.html", {"page": page, "mine": mine})


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    require(policies.can_post_request(request.user))
    form = PartnerRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        partner_request = services.create_request(request.user, form.cleaned_data)
        messages.success(request, _("Your partner request is published."))
        return redirect("partners:request_detail", pk=partner_request.pk)
    return render(request, "partners/request_form.html", {"form": form, "creating": True})


def _get_request(pk):
    return get_object_or_404(_requests_with_details(PartnerRequest.objects.all()), pk=pk)


@login_required
@require_GET
def request_detail(request, pk):
    partner_request = _get_request(pk)
    require(policies.can_view_request(request.user, partner_request))
    manages = policies.can_manage_request(request.user, partner_request)
    context = {
        "req": partner_request,
        "manages": manages,
        "may_contact": policies.can_contact_author(request.user, partner_request),
        "may_renew": policies.can_renew_request(request.user, partner_request),
        "may_close": policies.can_close_request(request.user, partner_request),
        "suggestions": suggestions.for_request(partner_request) if manages else [],
    }
    return render(request, "partners/request_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_edit(request, pk):
    partner_request = get_object_or_404(PartnerRequest, pk=pk)
    require(policies.can_close_request(request.user, partner_request))  # not once closed
    form = PartnerRequestForm(request.POST or None, instance=partner_request)
    if request.method == "POST" and form.is_valid():
        services.update_request(partner_request, form.cleaned_data)
        messages.success(request, _("Your partner request is saved."))
        return redirect("partners:request_detail", pk=partner_request.pk)
    return render(
        request,
        "partners/request_form.html",
        {"form": form, "req": partner_request, "creating": False},
    )


@login_required
@require_POST
def request_renew(request, pk):
    partner_request = get_object_or_404(PartnerRequest, pk=pk)
    require(policies.can_manage_request(request.user, partner_request))
    if policies.can_renew_request(request.user, partner_request):
        services.renew_request(partner_request)
        messages.success(
            request,
            _("Your partner request is open until %(date)s.")
            % {"date": partner_request.expires_at.date().isoformat()},
        )
    else:
        messages.info(request, _("This request is closed: a partner was found."))
    return redirect("partners:request_detail", pk=partner_request.pk)


@login_required
@require_POST
def request_close(request, pk):
    partner_request = get_object_or_404(PartnerRequest, pk=pk)
    require(policies.can_manage_request(request.user, partner_request))
    if policies.can_close_request(request.user, partner_request):
        services.close_request(partner_request)
        messages.success(request, _("Request closed. Congratulations on finding a partner!"))
    else:
        messages.info(request, _("This request is closed: a partner was found."))
    return redirect("partners:request_detail", pk=partner_request.pk)


# On every verified teacher's dashboard: prepared (core.prepared).
_OPEN_COUNT = Prepared(
    lambda user_id, now: count_of(
        PartnerRequest.objects.filter(
            author_id=user_id, status=PartnerRequest.Status.OPEN, expires_at__gt=now
        )
    ),
    user_id=int,
    now=datetime,
)


def dashboard_panel(request):
    """Dashboard: partner suggestions with their reasons, for verified teachers."""
    if not policies.can_find_partners(request.user):
        return None
    return {
        "suggestions": suggestions.cached_for_teacher(request.user),
        "open_count": _OPEN_COUNT.first(user_id=request.user.pk, now=timezone.now()),
    }
