from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.forms_page import form_page
from jumelage.core.policies import require

from . import policies, services
from .forms import AppointForm, ChooserForm, HelpRequestForm, ReplyForm, SupportRoleForm
from .models import HelpRequest, SupportRole


@require_GET
@login_required
def directory(request):
    """'Who can help me?': the chosen place, else the teacher's school's place."""
    require(policies.can_see_directory(request.user))
    form = ChooserForm(request.GET or None)
    place = None
    if (
        form.is_bound
        and form.is_valid()
        and (form.cleaned_data["region"] or form.cleaned_data["country"])
    ):
        region = form.cleaned_data["region"]
        place = services.Place(
            country=region.country if region else form.cleaned_data["country"], region=region
        )
    elif not form.is_bound:
        place = services.place_of_user(request.user)
        if place is not None:
            form = ChooserForm(initial={"country": place.country, "region": place.region})
    found = services.directory_for(place) if place else None
    return render(request, "network/directory.html", {"form": form, "directory": found})


@require_GET
@login_required
def help_list(request):
    """The teacher's own requests; for the support network, the requests it handles."""
    user = request.user
    scope = policies.help_scope(user)
    require(policies.can_ask_for_help(user) or scope is not None)
    mine = HelpRequest.objects.filter(teacher=user).select_related("region")
    handled = None
    if scope is not None:
        status = request.GET.get("status", "")
        handled = HelpRequest.objects.filter(scope).select_related(
            "teacher", "region", "department"
        )
        if status in HelpRequest.Status.values:
            handled = handled.filter(status=status)
        handled = Paginator(handled, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "network/help_list.html",
        {
            "mine": mine[:50],
            "handled": handled,
            "statuses": HelpRequest.Status.choices,
            "status": request.GET.get("status", ""),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def help_new(request):
    require(policies.can_ask_for_help(request.user))
    place = services.place_of_user(request.user)
    if place is None:
        messages.error(request, _("Join your school first: help requests go to its region."))
        return redirect("network:directory")
    form = HelpRequestForm(
        request.POST or None, country=place.country, initial={"region": place.region}
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data.get("region")
        if chosen is not None and chosen.pk != place.region_id:
            place = services.Place(country=place.country, region=chosen)
        help_request = services.ask_for_help(
            request.user,
            place,
            form.cleaned_data["topic"],
            form.cleaned_data["subject"],
            form.cleaned_data["message"],
        )
        messages.success(request, _("Your question was sent to the support network."))
        return redirect("network:help_detail", help_request.pk)
    return render(request, "network/help_new.html", {"form": form, "place": place})


def _help_request(request, pk):
    help_request = get_object_or_404(
        HelpRequest.objects.select_related("teacher", "country", "region", "department"), pk=pk
    )
    require(policies.can_see_help_request(request.user, help_request))
    return help_request


@require_GET
@login_required
def help_detail(request, pk):
    help_request = _help_request(request, pk)
    replies = help_request.replies.select_related("author")
    return render(
        request,
        "network/help_detail.html",
        {
            "help_request": help_request,
            "replies": replies,
            "form": ReplyForm(),
            "may_reply": policies.can_reply_to_help(request.user, help_request),
        },
    )


@require_POST
@login_required
def help_reply(request, pk):
    help_request = _help_request(request, pk)
    if not policies.can_reply_to_help(request.user, help_request):
        messages.error(request, _("This request is closed; ask a new question instead."))
        return redirect("network:help_detail", pk)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        replies = help_request.replies.select_related("author")
        return render(
            request,
            "network/help_detail.html",
            {"help_request": help_request, "replies": replies, "form": form, "may_reply": True},
            status=400,
        )
    services.reply(help_request, request.user, form.cleaned_data["body"])
    messages.success(request, _("Your message was sent."))
    return redirect("network:help_detail", pk)


@require_POST
@login_required
def help_close(request, pk):
    help_request = _help_request(request, pk)
    if policies.can_close_help(request.user, help_request):
        services.close(help_request, request.user)
        messages.success(request, _("The request is closed."))
    return redirect("network:help_detail", pk)


@require_GET
@login_required
def staff_list(request):
    """The directory entries this office keeps up to date."""
    require(policies.can_manage_directory(request.user))
    countries = policies.directory_countries(request.user)
    roles = SupportRole.objects.select_related("user", "country", "region", "department").order_by(
        "country_id", "role", "region__name_en", "user__display_name", "pk"
    )
    if countries is not None:
        roles = roles.filter(country_id__in=countries)
    page = Paginator(roles, 100).get_page(request.GET.get("page"))
    return render(request, "network/staff_list.html", {"page": page})


def _role_form(request, role):
    countries = policies.directory_countries(request.user)
    form = SupportRoleForm(request.POST or None, instance=role, countries=countries)

    def save(form):
        services.save_role(request.user, form.save(commit=False))
        return redirect("network:staff_list")

    return form_page(
        request,
        form,
        title=_("Edit a directory entry") if role.pk else _("Add a person"),
        save=save,
        saved=_("The support directory was updated."),
        back_url=reverse("network:staff_list"),
        back_label=_("Support directory"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_new(request):
    require(policies.can_manage_directory(request.user))
    return _role_form(request, SupportRole())


@require_http_methods(["GET", "POST"])
@login_required
def staff_edit(request, pk):
    role = get_object_or_404(SupportRole.objects.select_related("user"), pk=pk)
    require(policies.can_manage_directory(request.user, role.country_id))
    return _role_form(request, role)


@require_POST
@login_required
def staff_delete(request, pk):
    role = get_object_or_404(SupportRole, pk=pk)
    require(policies.can_manage_directory(request.user, role.country_id))
    services.remove_role(request.user, role)
    messages.success(request, _("The entry was removed from the support directory."))
    return redirect("network:staff_list")


@require_http_methods(["GET", "POST"])
@login_required
def appoint(request):
    """Appoint an office member by email (platform admin anywhere, a national office at home)."""
    require(policies.can_appoint(request.user))
    form = AppointForm(request.POST or None, countries=policies.appointing_countries(request.user))

    def save(form):
        data = form.cleaned_data
        require(policies.can_appoint(request.user, data["country"].pk))
        services.appoint_office_member(
            request.user,
            email=data["email"],
            country=data["country"],
            role=data["role"],
            region=data["region"],
        )
        return redirect("schools:queue_country", country=data["country"].pk)

    return form_page(
        request,
        form,
        title=_("Appoint an office member"),
        save=save,
        saved=_("The office member is appointed and was sent an email."),
        back_url=reverse("core:dashboard"),
        back_label=_("Dashboard"),
    )
