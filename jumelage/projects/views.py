"""Project pages: thin views that parse input, ask projects.policies, call services."""

import re
import secrets

from django.contrib import messages
from django.contrib.auth import authenticate, login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import User
from jumelage.accounts.policies import is_pupil
from jumelage.core.policies import require
from jumelage.kits.models import Kit
from jumelage.network.policies import verifying_countries

from . import policies, queries, services
from .forms import (
    DecisionForm,
    DirectoryFilterForm,
    InviteForm,
    MemberInviteForm,
    ProjectForm,
    PupilLoginForm,
    PupilsForm,
    TeacherSearchForm,
)
from .models import Approval, Invitation, Membership, Project

GET_POST = require_http_methods(["GET", "POST"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


def _project(project_id) -> Project:
    return get_object_or_404(Project, pk=project_id)


def _refused(request, exc, to):
    messages.error(request, str(exc))
    return redirect(to)


# --- Directory and my projects -------------------------------------------------


@require_GET
def directory(request):
    """Public: the active projects, with filters."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(queries.directory(filters), 20).get_page(request.GET.get("page"))
    for project in page:
        project.blog_url = queries.public_blog_url(project) if project.blog_public else ""
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "projects/directory.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@login_required
@require_GET
def mine(request):
    """My projects, and what awaits me: invitations, approvals, co-founders."""
    user = request.user
    projects = list(queries.my_projects(user))
    countries = verifying_countries(user)
    return render(
        request,
        "projects/mine.html",
        {
            "projects": projects,
            "invitations": [] if is_pupil(user) else list(queries.open_invitations(user)),
            "approvals": list(queries.pending_approvals(countries)) if countries else [],
            "may_create": policies.can_create_project(user),
        },
    )


# --- Creating, editing, founding ------------------------------------------------


@login_required
@GET_POST
def create(request):
    schools = policies.founding_schools(request.user)
    require(policies.can_create_project(request.user))
    initial = {}
    kit = None
    kit_slug = request.GET.get("kit", "")
    if kit_slug and SLUG.fullmatch(kit_slug):  # anything else is no kit, never a database error
        kit = Kit.objects.filter(slug=kit_slug, published=True).first()
    if kit is not None:
        initial = {
            "title": kit.title,
            "summary": kit.summary[:500],
            "kit": kit,
            "age_min": kit.age_min,
            "age_max": kit.age_max,
            "subjects": list(kit.subjects.all()),
            "productions": [kit.production] if kit.production_id else [],
        }
    form = ProjectForm(request.POST or None, initial=initial, schools=schools)
    # At registration the teacher may have said they would like to start from a kit.
    profile = getattr(request.user, "teacher_profile", None)
    suggested_kit = None
    if kit is None and profile is not None and profile.wants_kit:
        suggested_kit = profile.preferred_kit if profile.preferred_kit_id else True
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(
                request.user, form.cleaned_data["school"], form.model_data(), **form.relations()
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your draft is saved. Now invite your co-founder."))
            return redirect("projects:cofounder", project.pk)
    return render(
        request, "projects/form.html", {"form": form, "kit": kit, "suggested_kit": suggested_kit}
    )


@login_required
@GET_POST
def edit(request, project_id):
    project = _project(project_id)
    require(policies.can_view_project(request.user, project))
    require(policies.can_edit_project(request.user, project))
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        services.update_project(request.user, project, form.model_data(), **form.relations())
        messages.success(request, _("The project is saved."))
        return redirect("projects:detail", project.pk)
    return render(request, "projects/form.html", {"form": form, "project": project})


@login_required
@require_GET
def detail(request, project_id):
    project = get_object_or_404(queries.with_details(Project.objects.all()), pk=project_id)
    user = request.user
    require(policies.can_view_project(user, project))
    approvals = list(project.approvals.select_related("country"))
    for approval in approvals:
        approval.may_decide = policies.can_decide_approval(user, approval)
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "approvals": approvals,
            "member": policies.membership(user, project),
            "blog_url": queries.public_blog_url(project) if project.blog_public else "",
            "can": {
                "space": policies.can_view_space(user, project),
                "edit": policies.can_edit_project(user, project),
                "cofounder": policies.can_invite_cofounder(user, project),
                "submit": policies.can_submit(user, project),
                "members": policies.can_view_space(user, project),
                "invite": policies.can_manage_members(user, project),
                "pupils": policies.can_manage_pupils(user, project),
                "leave": policies.can_leave(user, project),
                "close": policies.can_close(user, project),
                "reopen": policies.can_reopen(user, project),
                "archive": policies.can_archive(user, project),
            },
            "cofounder_invitation": project.invitations.filter(
                role=Invitation.Role.COFOUNDER, status=Invitation.Status.PENDING
            )
            .select_related("invitee")
            .first(),
        },
    )


def _search(request):
    """Teachers found by name or email, or the one teacher a profile link points to."""
    search = TeacherSearchForm(request.GET or None)
    if not search.is_valid():
        return search, []
    found = queries.search_teachers(
        search.cleaned_data["q"], request.user, search.cleaned_data["user"]
    )
    return search, list(found)


def _invitee(form):
    user_id = form.cleaned_data.get("user")
    if user_id:
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise services.Refused(_("This teacher cannot be found."))
        return user
    return None


@login_required
@GET_POST
def cofounder(request, project_id):
    """Find the co-founder among verified teachers, or invite them by email."""
    project = _project(project_id)
    require(policies.can_view_project(request.user, project))
    require(policies.can_invite_cofounder(request.user, project))
    search, results = _search(request)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_cofounder(
                project,
                request.user,
                invitee=_invitee(form),
                email=form.cleaned_data.get("email") or "",
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your invitation is sent to your co-founder."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/cofounder.html",
        {"project": project, "search": search, "results": results, "form": form},
    )


@login_required
@require_POST
def submit(request, project_id):
    project = _project(project_id)
    require(policies.can_view_project(request.user, project))
    try:
        services.submit(project, request.user)
    except services.Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _("The project is sent to the support offices for approval."))
    return redirect(project.get_absolute_url())


# --- Approval ----------------------------------------------------------------------


@login_required
@require_GET
def approvals(request):
    require(policies.may_see_approval_queue(request.user))
    countries = verifying_countries(request.user)
    return render(
        request,
        "projects/approvals.html",
        {"approvals": list(queries.pending_approvals(countries))},
    )


@login_required
@GET_POST
def decide(request, project_id, country):
    if not COUNTRY_CODE.fullmatch(country):
        raise Http404
    approval = get_object_or_404(
        Approval.objects.select_related("project", "country"),
        project_id=project_id,
        country_id=country.upper(),
    )
    require(policies.may_open_decision(request.user, approval))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                approval,
                request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except services.Refused as exc:
            return _refused(request, exc, "projects:approvals")
        messages.success(request, _("Your decision is recorded and the founders are told."))
        return redirect("projects:approvals")
    project = get_object_or_404(queries.with_details(Project.objects.all()), pk=project_id)
    return render(
        request,
        "projects/decide.html",
        {"approval": approval, "project": project, "form": form},
    )


# --- Invitations -----------------------------------------------------------------------


@login_required
@GET_POST
def invitation(request, token):
    """Answer an invitation; a forged or expired token gets a clear refusal."""
    inv = Invitation.objects.select_related("project", "invited_by").filter(token=token).first()
    if inv is None or not policies.can_respond_invitation(request.user, inv):
        # The hint depends on the account only, so it tells nothing about the invitation.
        unconfirmed = request.user.email_confirmed_at is None and not is_pupil(request.user)
        return render(
            request, "projects/invitation_invalid.html", {"unconfirmed": unconfirmed}, status=404
        )
    if not inv.is_open:
        return render(request, "projects/invitation_closed.html", {"invitation": inv}, status=410)
    schools = (
        policies.verified_schools(request.user)
        if inv.role != Invitation.Role.GUEST
        else request.user.schools.select_related("country")
    )
    if request.method == "POST":
        action = request.POST.get("action")
        raw = request.POST.get("school", "")
        ok = raw.isascii() and raw.isdigit() and len(raw) < 12  # junk is no school, never a 500
        school = schools.filter(pk=int(raw)).first() if ok else None
        try:
            if action == "accept":
                services.accept_invitation(inv, request.user, school)
                messages.success(request, _("Welcome to the project."))
                return redirect("projects:detail", inv.project_id)
            if action == "decline":
                services.decline_invitation(inv, request.user)
                messages.success(request, _("You declined the invitation."))
                return redirect("projects:mine")
            messages.error(request, _("Choose to accept or to decline."))
        except services.Refused as exc:
            messages.error(request, str(exc))
    return render(
        request, "projects/invitation.html", {"invitation": inv, "schools": list(schools)}
    )


@login_required
@GET_POST
def invitations(request, project_id):
    """Admins invite teachers (any country) and guests to an active project."""
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    require(policies.can_manage_members(request.user, project))
    search, results = _search(request)
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                project,
                request.user,
                form.cleaned_data["role"],
                invitee=_invitee(form),
                email=form.cleaned_data.get("email") or "",
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The invitation is sent."))
            return redirect("projects:invitations", project.pk)
    sent = project.invitations.exclude(role=Invitation.Role.COFOUNDER).select_related("invitee")
    return render(
        request,
        "projects/invitations.html",
        {
            "project": project,
            "search": search,
            "results": results,
            "form": form,
            "sent": list(sent[:100]),
        },
    )


@login_required
@require_POST
def revoke(request, project_id, invitation_id):
    project = _project(project_id)
    require(policies.can_view_project(request.user, project))
    inv = get_object_or_404(Invitation, pk=invitation_id, project=project)
    require(policies.is_project_admin(request.user, project))
    try:
        services.revoke_invitation(inv, request.user)
    except services.Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _("The invitation is withdrawn."))
    if inv.role == Invitation.Role.COFOUNDER:
        return redirect(project.get_absolute_url())
    return redirect("projects:invitations", project.pk)


# --- Members ----------------------------------------------------------------------------


@login_required
@require_GET
def members(request, project_id):
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    rows = list(queries.members(project))
    actions = policies.member_actions(request.user, project, rows)
    for m in rows:
        m.may_remove, m.may_promote = actions[m.pk]
    return render(
        request,
        "projects/members.html",
        {
            "project": project,
            "members": rows,
            "can_leave": policies.can_leave(request.user, project),
        },
    )


def _member(project, membership_id) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, project=project
    )


def _member_action(request, project_id, membership_id, action, success: str):
    """Remove a member or make them an admin: the service checks the policy and says why not."""
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    member = _member(project, membership_id)
    try:
        action(project, request.user, member)
    except services.Refused as exc:
        return _refused(request, exc, project.get_members_url())
    messages.success(request, success % {"name": member.user})
    return redirect(project.get_members_url())


@login_required
@require_POST
def remove_member(request, project_id, membership_id):
    return _member_action(
        request,
        project_id,
        membership_id,
        services.remove_member,
        _("%(name)s is no longer a member."),
    )


@login_required
@require_POST
def make_admin(request, project_id, membership_id):
    return _member_action(
        request,
        project_id,
        membership_id,
        services.make_admin,
        _("%(name)s is now an administrator."),
    )


@login_required
@require_POST
def leave(request, project_id):
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    try:
        services.leave(project, request.user)
    except services.Refused as exc:
        return _refused(request, exc, project.get_members_url())
    messages.success(request, _("You left the project."))
    return redirect("projects:mine")


# --- Lifecycle ----------------------------------------------------------------------------

LIFECYCLE = {
    "close": (
        services.close,
        gettext_noop("The project is closed: it stays readable by its members."),
    ),
    "reopen": (services.reopen, gettext_noop("The project is active again.")),
    "archive": (services.archive, gettext_noop("The project is archived.")),
}


@login_required
@require_POST
def lifecycle(request, project_id, step):
    project = _project(project_id)
    require(policies.can_view_project(request.user, project))
    if step not in LIFECYCLE:
        raise Http404
    action, done = LIFECYCLE[step]
    try:
        action(project, request.user)
    except services.Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _(done))
    return redirect(project.get_absolute_url())


# --- Pupils -------------------------------------------------------------------------------


@login_required
@GET_POST
def pupils(request, project_id):
    """A teacher member's own class: create accounts in bulk, print cards, reset."""
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    require(policies.can_manage_pupils(request.user, project))
    form = PupilsForm(request.POST or None)
    batches = request.session.get("pupil_batches", [])
    if request.method == "POST" and request.POST.get("batch") not in batches:
        # A replayed form (reload, back button) must not create the class twice.
        messages.warning(request, _("These accounts were already created."))
        return redirect("projects:pupils", project.pk)
    if request.method == "POST" and form.is_valid():
        try:
            cards = services.create_pupils(project, request.user, form.cleaned_data["names"])
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            batches.remove(request.POST["batch"])
            request.session["pupil_batches"] = batches
            # The one-time passwords are shown once, on this page, and never stored.
            return render(request, "projects/cards.html", {"project": project, "cards": cards})
    batch = request.POST.get("batch") or secrets.token_urlsafe(16)
    if batch not in batches:
        request.session["pupil_batches"] = [*batches[-9:], batch]
    own = (
        project.memberships.filter(role=Membership.Role.PUPIL, teacher=request.user)
        .select_related("user")
        .order_by("user__display_name", "id")
    )
    return render(
        request,
        "projects/pupils.html",
        {"project": project, "form": form, "pupils": list(own), "batch": batch},
    )


@login_required
@require_POST
def pupil_reset(request, project_id, membership_id):
    project = _project(project_id)
    require(policies.can_view_space(request.user, project))
    member = _member(project, membership_id)
    require(policies.can_reset_pupil(request.user, project, member))
    password = services.reset_pupil_password(project, request.user, member)
    return render(
        request, "projects/cards.html", {"project": project, "cards": [(member.user, password)]}
    )


@GET_POST
def pupil_login(request):
    """Pupils log in with the login and password on their card."""
    form = PupilLoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request,
            pupil_login=form.cleaned_data["login"],
            password=form.cleaned_data["password"],
        )
        if user is None:
            form.add_error(None, _("This login and password do not match. Ask your teacher."))
        else:
            login(request, user, backend="jumelage.accounts.backends.PupilBackend")
            if user.must_change_password:
                return redirect("projects:pupil_password")
            next_url = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                return redirect(next_url)
            return redirect("projects:mine")
    return render(request, "projects/pupil_login.html", {"form": form})


@login_required
@GET_POST
def pupil_password(request):
    """A pupil replaces the one-time password from the card with their own."""
    require(is_pupil(request.user))
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.must_change_password = False
        user.save()
        update_session_auth_hash(request, user)
        messages.success(request, _("Your new password is saved. Keep it secret."))
        return redirect("projects:mine")
    return render(request, "projects/pupil_password.html", {"form": form})
