"""Project pages: thin views that resolve the access once, parse input, call services.

Every view under projects/<id>/ is a `project_view`: it receives `request.project`
and `request.access` (projects.access), or the visitor got a 404 (a login page
first when anonymous). Services check the state of things and raise Refused.
"""

import re
import secrets
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import User, teacher_profile_of
from jumelage.accounts.pending import awaits_verification, verification_pending
from jumelage.accounts.policies import is_pupil
from jumelage.accounts.services import RESUME_AFTER_CONFIRMATION
from jumelage.core.errors import Refused
from jumelage.core.paging import CountKeptPaginator
from jumelage.core.policies import require
from jumelage.core.reversing import ROW, row_url
from jumelage.kits.models import Kit
from jumelage.network.policies import verifying_countries

from . import policies, queries, registry, services
from .access import project_view
from .cards import card_context
from .forms import (
    DecisionForm,
    DirectoryFilterForm,
    GuestAccountForm,
    InviteForm,
    MemberInviteForm,
    ProjectForm,
    PupilsForm,
    TeacherSearchForm,
)
from .models import Approval, Invitation, Membership, Project

GET_POST = require_http_methods(["GET", "POST"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


def _refused(request, exc, to):
    messages.error(request, exc.message)
    return redirect(to)


# --- Directory and my projects -------------------------------------------------


@require_GET
def directory(request):
    """Public: the active projects, with filters."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.directory(filters)
    key = {"list": "projects.directory", **filters}
    page = CountKeptPaginator(rows, 20, key=key).get_page(request.GET.get("page"))
    for project in page:
        project.blog_url = queries.public_blog_url(project) if project.blog_public else ""
    return render(request, "projects/directory.html", {"form": form, "page": page})


@login_required
@require_GET
def mine(request):
    """My projects, and what awaits me: invitations, approvals, co-founders."""
    user = request.user
    projects = list(queries.my_projects(user))
    url = row_url("projects:detail", ROW)
    for project in projects:
        project.url = url.format(project.pk)
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
    if awaits_verification(request.user):
        return verification_pending(request, _("founding a project"))
    schools = queries.founding_schools(request.user)
    require(policies.can_create_project(request.user))
    kit = None
    kit_slug = request.GET.get("kit", "")
    if kit_slug and SLUG.fullmatch(kit_slug):  # anything else is no kit, never a database error
        kit = Kit.objects.filter(slug=kit_slug, published=True).first()
    initial = kit.project_initial() if kit is not None else {}
    form = ProjectForm(request.POST or None, initial=initial, schools=schools)
    # At registration the teacher may have said they would like to start from a kit.
    profile = teacher_profile_of(request.user)
    suggested_kit = None
    if kit is None and profile is not None and profile.wants_kit:
        suggested_kit = profile.preferred_kit if profile.preferred_kit_id else True
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(
                request.user, form.cleaned_data["school"], form.model_data(), **form.relations()
            )
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Your draft is saved. Now invite your co-founder."))
            return redirect("projects:cofounder", project.pk)
    return render(
        request, "projects/form.html", {"form": form, "kit": kit, "suggested_kit": suggested_kit}
    )


@project_view("can_edit_project")
@GET_POST
def edit(request, project_id):
    project = request.project
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(request.access, form.model_data(), **form.relations())
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:detail", project.pk)
    return render(request, "projects/form.html", {"form": form, "project": project})


@project_view("can_view_project")
@require_GET
def detail(request, project_id):
    project, access, user = request.project, request.access, request.user
    queries.load_details(project)
    approvals = []
    if project.status != Project.Status.DRAFT or project.submitted_at:
        approvals = queries.approvals_of(project)
    for approval in approvals:
        approval.project = project
        approval.may_decide = policies.can_decide_approval(user, approval)
    cofounder_invitation = None
    if project.status == Project.Status.AWAITING_COFOUNDER:
        cofounder_invitation = queries.cofounder_invitation(project)
    return render(
        request,
        "projects/detail.html",
        {
            "project": project,
            "approvals": approvals,
            "member": access.membership,
            "blog_url": queries.public_blog_url(project) if project.blog_public else "",
            "can": {
                "space": access.can_visit,
                "edit": access.can_edit_project,
                "cofounder": access.can_invite_cofounder,
                "submit": access.can_submit,
                "members": access.can_view_space,
                "invite": access.can_manage_members,
                "pupils": access.can_manage_pupils,
                "leave": access.can_leave,
                "close": access.can_close,
                "reopen": access.can_reopen,
                "archive": access.can_archive,
            },
            "cofounder_invitation": cofounder_invitation,
            "badges": registry.badges(project),
        },
    )


def _invitee(form):
    user_id = form.cleaned_data.get("user")
    if user_id:
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            raise Refused(_("This teacher cannot be found."))
        return user
    return None


def _invite_page(request, form_class, invite, done: str, then, template: str, context=None):
    """Search a teacher, invite them by id or anyone by email: the co-founder and members pages.

    `invite(form, invitee, email)` calls the service; `then` is where a success goes.
    """
    # Its own id prefix: both forms have a hidden "user" field (duplicate id="id_user").
    search = TeacherSearchForm(request.GET or None, auto_id="search_%s")
    results = []
    if search.is_valid():
        results = list(
            queries.search_teachers(
                search.cleaned_data["q"], request.user, search.cleaned_data["user"]
            )
        )
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invite(form, _invitee(form), form.cleaned_data.get("email") or "")
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done)
            return redirect(then)
    return render(
        request,
        template,
        {
            "project": request.project,
            "search": search,
            "results": results,
            "form": form,
            **(context or {}),
        },
    )


@project_view("can_invite_cofounder")
@GET_POST
def cofounder(request, project_id):
    """Find the co-founder among verified teachers, or invite them by email."""
    return _invite_page(
        request,
        InviteForm,
        lambda form, invitee, email: services.invite_cofounder(
            request.access, invitee=invitee, email=email
        ),
        _("Your invitation is sent to your co-founder."),
        request.project.get_absolute_url(),
        "projects/cofounder.html",
    )


@project_view("can_view_project")
@require_POST
def submit(request, project_id):
    project = request.project
    try:
        services.submit(request.access)
    except Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _("The project is sent to the support offices for approval."))
    return redirect(project.get_absolute_url())


# --- Approval ----------------------------------------------------------------------


@login_required
@require_GET
def approvals(request):
    require(policies.can_see_approval_queue(request.user))
    countries = verifying_countries(request.user)
    return render(
        request,
        "projects/approvals.html",
        {"approvals": list(queries.pending_approvals(countries))},
    )


@project_view("can_view_project")
@GET_POST
def decide(request, project_id, country):
    if not COUNTRY_CODE.fullmatch(country):
        raise Http404
    project = request.project
    approval = get_object_or_404(
        Approval.objects.select_related("country"), project=project, country_id=country.upper()
    )
    approval.project = project
    require(policies.can_open_decision(request.user, approval))
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide(
                approval,
                request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except Refused as exc:
            return _refused(request, exc, "projects:approvals")
        messages.success(request, _("Your decision is recorded and the founders are told."))
        return redirect("projects:approvals")
    queries.load_details(project)
    return render(
        request,
        "projects/decide.html",
        {
            "approval": approval,
            "project": project,
            "form": form,
            # Every founding country's office decides: show who decided what so far.
            "approvals": project.approvals.select_related("country", "decided_by").order_by(
                "country_id"
            ),
        },
    )


# --- Invitations -----------------------------------------------------------------------


@GET_POST
def invitation(request, token):
    """Answer an invitation; a forged or expired token gets a clear refusal.

    Not logged in: an invitation to an account asks to log in; one sent to an address
    shows the welcome page (anonymous_invitation): the token, emailed to that address
    alone, is what lets the visitor see it.
    """
    inv = Invitation.objects.select_related("project", "invited_by").filter(token=token).first()
    if not request.user.is_authenticated:
        if inv is not None and inv.invitee_id is not None:
            # Sent to an existing account: its owner logs in (and comes back, `next`).
            return redirect_to_login(request.get_full_path())
        return anonymous_invitation(request, inv)
    if inv is None or not policies.can_respond_invitation(request.user, inv):
        # The hint depends on the account only, so it tells nothing about the invitation.
        unconfirmed = request.user.email_confirmed_at is None and not is_pupil(request.user)
        return render(
            request, "projects/invitation_invalid.html", {"unconfirmed": unconfirmed}, status=404
        )
    if not inv.is_open:
        return render(request, "projects/invitation_closed.html", {"invitation": inv}, status=410)
    schools = (
        queries.verified_schools(request.user)
        if inv.role not in (Invitation.Role.GUEST, Invitation.Role.VISITOR)
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
                request.session.pop(RESUME_AFTER_CONFIRMATION, None)
                messages.success(request, _("Welcome to the project."))
                return redirect("projects:detail", inv.project_id)
            if action == "decline":
                services.decline_invitation(inv, request.user)
                messages.success(request, _("You declined the invitation."))
                return redirect("projects:mine")
            messages.error(request, _("Choose to accept or to decline."))
        except Refused as exc:
            messages.error(request, exc.message)
    return render(
        request, "projects/invitation.html", {"invitation": inv, "schools": list(schools)}
    )


def anonymous_invitation(request, inv):
    """The invitation seen before logging in: log in, sign up, or (a guest) a short path.

    The invitation's address is kept in the session, so that it is found again after
    signing up, confirming the email and logging in (accounts.views.confirm_email);
    "log in" carries it as `next`. A guest invited by email creates the account here,
    with a name and a password only, and lands on the project (services.accept_as_new_guest).
    """
    if inv is None:
        return render(
            request, "projects/invitation_invalid.html", {"unconfirmed": False}, status=404
        )
    if not inv.is_open:
        return render(request, "projects/invitation_closed.html", {"invitation": inv}, status=410)
    here = reverse("projects:invitation", args=[inv.token])
    request.session[RESUME_AFTER_CONFIRMATION] = here
    short_path = services.guest_account_refusal(inv) is None
    form = GuestAccountForm(
        request.POST if request.method == "POST" and short_path else None,
        email=inv.email,
    )
    if request.method == "POST":
        if not short_path:
            messages.error(request, services.guest_account_refusal(inv))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                services.accept_as_new_guest(
                    inv,
                    display_name=data["display_name"],
                    password=data["password1"],
                    language=(get_language() or "en")[:2],
                )
            except Refused as exc:
                messages.error(request, exc.message)
            else:
                user = User.objects.get(email__iexact=inv.email)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                request.session.pop(RESUME_AFTER_CONFIRMATION, None)
                messages.success(request, _("Welcome to the project."))
                return redirect("projects:detail", inv.project_id)
    return render(
        request,
        "projects/invitation_welcome.html",
        {
            "invitation": inv,
            "form": form if short_path else None,
            "login_url": f"{reverse('accounts:login')}?next={quote(here)}",
        },
    )


@project_view("can_manage_members")
@GET_POST
def invitations(request, project_id):
    """Admins invite teachers (any country) and guests to an active project."""
    project = request.project
    sent = project.invitations.exclude(role=Invitation.Role.COFOUNDER).select_related("invitee")
    return _invite_page(
        request,
        MemberInviteForm,
        lambda form, invitee, email: services.invite_member(
            request.access, form.cleaned_data["role"], invitee=invitee, email=email
        ),
        _("The invitation is sent."),
        reverse("projects:invitations", args=[project.pk]),
        "projects/invitations.html",
        {"sent": sent[:100]},
    )


@project_view("is_admin")
@require_POST
def revoke(request, project_id, invitation_id):
    project = request.project
    inv = get_object_or_404(Invitation, pk=invitation_id, project=project)
    try:
        services.revoke_invitation(request.access, inv)
    except Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _("The invitation is withdrawn."))
    if inv.role == Invitation.Role.COFOUNDER:
        return redirect(project.get_absolute_url())
    return redirect(reverse("projects:invitations", args=[project.pk]))


# --- Members ----------------------------------------------------------------------------

MEMBERS_PER_PAGE = 50


@project_view()
@require_GET
def members(request, project_id):
    """A page of members at a time (teachers first): a project of 2,000 stays fast."""
    project, access = request.project, request.access
    page = Paginator(queries.MEMBERS.rows(project_id=project.pk), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = queries.member_lines(page.object_list)
    paged = page.has_other_pages()
    actions = access.member_actions(rows, admins=access.admin_count if paged else None)
    # Each row's two form addresses: reversed once per page, not twice per member.
    promote_url = row_url("projects:make_admin", project.pk, ROW)
    remove_url = row_url("projects:remove_member", project.pk, ROW)
    for m in rows:
        m.may_remove, m.may_promote = actions[m.pk]
        m.promote_url, m.remove_url = promote_url.format(m.pk), remove_url.format(m.pk)
    return render(
        request,
        "projects/members.html",
        {"project": project, "members": rows, "page": page, "can_leave": access.can_leave},
    )


def _member(project, membership_id) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, project=project
    )


def _member_action(request, membership_id, action, success: str):
    """Remove a member or make them an admin: the service checks the rule and says why not."""
    project = request.project
    member = _member(project, membership_id)
    try:
        action(request.access, member)
    except Refused as exc:
        return _refused(request, exc, project.get_members_url())
    messages.success(request, success % {"name": member.user})
    return redirect(project.get_members_url())


@project_view()
@require_POST
def remove_member(request, project_id, membership_id):
    return _member_action(
        request, membership_id, services.remove_member, _("%(name)s is no longer a member.")
    )


@project_view()
@require_POST
def make_admin(request, project_id, membership_id):
    return _member_action(
        request, membership_id, services.make_admin, _("%(name)s is now an administrator.")
    )


@project_view()
@require_POST
def leave(request, project_id):
    try:
        services.leave(request.access)
    except Refused as exc:
        return _refused(request, exc, request.project.get_members_url())
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


@project_view("can_view_project")
@require_POST
def lifecycle(request, project_id, step):
    project = request.project
    if step not in LIFECYCLE:
        raise Http404
    action, done = LIFECYCLE[step]
    try:
        action(request.access)
    except Refused as exc:
        return _refused(request, exc, project.get_absolute_url())
    messages.success(request, _(done))
    return redirect(project.get_absolute_url())


# --- Pupils -------------------------------------------------------------------------------


@project_view("can_manage_pupils")
@GET_POST
def pupils(request, project_id):
    """A teacher member's own class: create accounts in bulk, print cards, reset."""
    project = request.project
    form = PupilsForm(request.POST or None)
    batches = request.session.get("pupil_batches", [])
    if request.method == "POST" and request.POST.get("batch") not in batches:
        # A replayed form (reload, back button) must not create the class twice.
        messages.warning(request, _("These accounts were already created."))
        return redirect("projects:pupils", project.pk)
    if request.method == "POST" and form.is_valid():
        try:
            cards = services.create_pupils(
                request.access, form.cleaned_data["names"], form.cleaned_data["password_style"]
            )
        except Refused as exc:
            form.add_error(None, exc.message)
        else:
            batches.remove(request.POST["batch"])
            request.session["pupil_batches"] = batches
            # The one-time passwords are shown once, on this page, and never stored.
            return render(request, "projects/cards.html", card_context(project, cards))
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


@project_view("can_manage_pupils")
@require_POST
def pupil_reset(request, project_id, membership_id):
    project = request.project
    member = _member(project, membership_id)
    require(request.access.can_reset_pupil(member))
    password = services.reset_pupil_password(request.access, member)
    return render(request, "projects/cards.html", card_context(project, [(member.user, password)]))


@project_view("can_manage_pupils")
@require_POST
def pupil_admin(request, project_id, membership_id):
    """A teacher makes their pupil a pupil administrator, or an ordinary pupil again."""
    member = _member(request.project, membership_id)
    require(request.access.can_promote_pupil(member))
    promote = request.POST.get("promote") == "1"
    services.set_pupil_admin(request.access, member, promote)
    if promote:
        messages.success(
            request, _("%(name)s is now a pupil administrator.") % {"name": member.user}
        )
    else:
        messages.success(request, _("%(name)s is an ordinary pupil again.") % {"name": member.user})
    return redirect("projects:pupils", project_id)
