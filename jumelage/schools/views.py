"""School registration, head confirmation and the support office's verification queue."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jumelage.accounts import policies as account_policies
from jumelage.accounts.models import TeacherProfile
from jumelage.audit.services import history as audit_history
from jumelage.core.policies import require
from jumelage.network.policies import staff_regions, verifying_countries

from . import policies, services
from .forms import CallForm, RejectForm, SchoolForm
from .models import JoinRequest, School, SchoolMembership, VerificationCall

# The decisions about a school's teachers shown on its review page, beside the school's own.
TEACHER_DECISIONS = ("teacher.verified", "teacher.rejected", "teacher.resubmitted")
QUEUE_PAGE_SIZE = 50  # schools per page of an office's verification queue

User = get_user_model()


# --- Teachers ------------------------------------------------------------------------


def _registration_outcome(joined):
    """What registering (False: a new school) or asking to join (an outcome) tells the teacher."""
    if not joined:
        return messages.SUCCESS, _(
            "%(school)s is registered. We asked its head teacher to confirm, and the "
            "support office will call the school."
        )
    return {
        "member": (messages.INFO, _("You are already a teacher of %(school)s.")),
        "refused_before": (
            messages.ERROR,
            _(
                "Your request to join %(school)s was refused. If you do work there, ask "
                "your country's support office."
            ),
        ),
        "too_many": (
            messages.ERROR,
            _("You already have requests waiting: wait for an answer before asking again."),
        ),
    }.get(
        joined,
        (
            messages.SUCCESS,
            _(
                "%(school)s is already registered: we asked its head teacher and its "
                "teachers to confirm that you work there. Until then you cannot act for it."
            ),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def register(request):
    user = request.user
    require(account_policies.is_teacher(user))
    if not account_policies.can_register_school(user):
        messages.warning(request, _("First confirm your email address with the link we sent you."))
        return redirect("core:dashboard")
    form = SchoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        school, joined = services.register_school(user, form)
        level, text = _registration_outcome(joined)
        messages.add_message(request, level, text % {"school": school})
        return redirect("core:dashboard")
    return render(request, "schools/register.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def edit(request, school_id):
    school = get_object_or_404(School.objects.select_related("country"), pk=school_id)
    require(policies.can_edit_school(request.user, school))
    form = SchoolForm(request.POST or None, instance=school, joining_allowed=False)
    if request.method == "POST" and form.is_valid():
        services.update_school(request.user, form)
        messages.success(request, _("The school's details are saved."))
        if policies.can_review_school(request.user, school):
            return redirect("schools:review", school_id=school.pk)
        return redirect("core:dashboard")
    return render(request, "schools/edit.html", {"form": form, "school": school})


@require_POST
@login_required
def resubmit(request):
    require(account_policies.is_teacher(request.user))
    if account_policies.can_resubmit(request.user) and services.resubmit(request.user):
        messages.success(request, _("Thank you: the support office will look at it again."))
    else:
        messages.info(request, _("Your registration is not rejected: nothing changed."))
    return redirect("core:dashboard")


@require_http_methods(["GET", "POST"])
@login_required
def leave(request, school_id):
    """A teacher who joined the wrong school leaves it, after a confirmation step."""
    school = get_object_or_404(School.objects.select_related("country"), pk=school_id)
    require(policies.can_leave_school(request.user, school))
    last = not request.user.schools.exclude(pk=school.pk).exists()
    if request.method == "POST":
        if services.leave_school(request.user, school):
            messages.success(request, _("You left %(school)s.") % {"school": school.name})
        return redirect("core:dashboard")
    return render(request, "schools/leave.html", {"school": school, "last": last})


@require_POST
@login_required
def join_withdraw(request, request_id):
    """A teacher takes back their own request to join, while nobody has answered it."""
    join_request = get_object_or_404(JoinRequest, pk=request_id, user=request.user)
    if services.withdraw_join(request.user, join_request.pk):
        messages.success(request, _("Your request to join is withdrawn."))
    else:
        messages.info(request, _("This request was already answered: nothing changed."))
    return redirect("core:dashboard")


# --- Head teachers (no account: the signed link is the permission) --------------------


@require_http_methods(["GET", "POST"])
def head_confirm(request, token):
    school, outcome = services.confirm_head(token, commit=request.method == "POST")
    status = 400 if outcome in ("expired", "invalid") else 200
    return render(
        request, "schools/head_confirm.html", {"school": school, "outcome": outcome}, status=status
    )


# --- Requests to join a school ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def join_confirm(request, token):
    """The head's link: a GET shows the request, only a POST approves it."""
    join_request, outcome = services.confirm_join_by_head(token, commit=request.method == "POST")
    status = 400 if outcome in ("expired", "invalid") else 200
    return render(
        request,
        "schools/join_confirm.html",
        {"join_request": join_request, "outcome": outcome},
        status=status,
    )


@require_POST
@login_required
def join_decide(request, request_id, decision):
    """A verified colleague or the support office approves or refuses a request to join."""
    join_request = get_object_or_404(
        JoinRequest.objects.select_related("school__country", "user"), pk=request_id
    )
    require(decision in ("approve", "refuse"))
    require(policies.can_answer_join_request(request.user, join_request))
    join_request, changed = services.decide_join(
        request.user, join_request.pk, approve=decision == "approve"
    )
    names = {"name": join_request.user, "school": join_request.school.name}
    if not changed:
        _already_decided(request, join_request.user)
    elif decision == "approve":
        messages.success(request, _("%(name)s is now a teacher of %(school)s.") % names)
    else:
        messages.success(request, _("%(name)s's request to join %(school)s is refused.") % names)
    if policies.can_review_school(request.user, join_request.school):
        return redirect("schools:review", school_id=join_request.school_id)
    return redirect("core:dashboard")


# --- Support office --------------------------------------------------------------------


def _second_factor_gate(request):
    """Staff who may verify but have not passed the second factor are sent to set it up."""
    user = request.user
    if (
        user.is_authenticated
        and verifying_countries(user)
        and not account_policies.second_factor_ok(user)
    ):
        return redirect(f"{reverse('accounts:otp_setup')}?next={quote(request.path)}")
    return None


@login_required
def queue(request):
    gate = _second_factor_gate(request)
    if gate:
        return gate
    countries = sorted(verifying_countries(request.user))
    if not countries and policies.is_platform_admin(request.user):
        # The platform admin's queue: the countries without an office, on the dashboard.
        return redirect(reverse("core:dashboard") + "#queue-heading")
    require(bool(countries))
    return redirect("schools:queue_country", country=countries[0])


def _awaiting_memberships():
    return Prefetch(
        "memberships",
        queryset=SchoolMembership.objects.filter(
            user__teacher_profile__status=TeacherProfile.Status.AWAITING_VERIFICATION
        ).select_related("user"),
        to_attr="awaiting",
    )


def queue_schools(country, regions=None):
    """What waits for the office of this country (or of these regions of it), oldest first:
    schools to verify, verified schools with a teacher awaiting verification, schools
    with a request to join nobody answered yet.

    The schools' own count of teachers awaiting (School.awaiting_teachers), not a
    semi-join: matching every awaiting teacher of Europe against 1.2 M memberships took
    0.3 to 0.7 s, twice (the page and its count). Pending join requests are few.
    """
    joining = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).values("school_id")
    schools = (
        School.objects.filter(country_id=country)
        .filter(Q(status=School.Status.PENDING) | Q(awaiting_teachers__gt=0) | Q(pk__in=joining))
        .select_related("region", "department", "country")
        .prefetch_related(_awaiting_memberships())
        .order_by("created_at", "id")
    )
    if regions is not None:
        schools = schools.filter(region_id__in=regions)
    return schools


@login_required
def queue_country(request, country):
    gate = _second_factor_gate(request)
    if gate:
        return gate
    country = country.upper()
    require(len(country) == 2 and country.isascii() and country.isalpha())  # never NUL to the db
    require(policies.can_use_queue(request.user, country))
    schools = queue_schools(country, staff_regions(request.user, country))
    # A page at a time: an office with 10,000 registrations waiting otherwise rendered
    # them all and compared each with every school of the same towns (minutes).
    page = Paginator(schools, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    schools = list(page.object_list)
    duplicates = services.possible_duplicates(schools)
    rows = [(school, duplicates.get(school.pk, [])) for school in schools]
    return render(
        request,
        "schools/queue.html",
        {
            "rows": rows,
            "page": page,
            "country": country,
            "countries": sorted(verifying_countries(request.user)),
        },
    )


def _reviewable_school(request, school_id):
    school = get_object_or_404(School.objects.select_related("country"), pk=school_id)
    require(policies.can_review_school(request.user, school))
    return school


@login_required
def review(request, school_id):
    gate = _second_factor_gate(request)
    if gate:
        return gate
    school = _reviewable_school(request, school_id)
    return _render_review(request, school)


def _render_review(request, school, call_form=None, reject_form=None, status=200):
    school = (
        School.objects.select_related("country", "region", "department", "registered_by")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=SchoolMembership.objects.filter(
                    user__kind=User.Kind.TEACHER
                ).select_related("user__teacher_profile"),
            ),
            Prefetch("calls", queryset=VerificationCall.objects.select_related("staff")),
            Prefetch(
                "join_requests",
                queryset=JoinRequest.objects.filter(
                    status=JoinRequest.Status.PENDING
                ).select_related("user"),
                to_attr="pending_requests",
            ),
        )
        .get(pk=school.pk)
    )
    return render(
        request,
        "schools/review.html",
        {
            "school": school,
            "duplicates": services.possible_duplicates([school])[school.pk],
            "decisions": audit_history(
                school,
                about_users=[m.user_id for m in school.memberships.all()],
                actions=TEACHER_DECISIONS,
            ),
            "call_form": call_form or CallForm(),
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


@require_POST
@login_required
def record_call(request, school_id):
    school = _reviewable_school(request, school_id)
    form = CallForm(request.POST)
    if not form.is_valid():
        return _render_review(request, school, call_form=form, status=400)
    services.record_call(request.user, school, form)
    messages.success(request, _("The call is recorded."))
    return redirect("schools:review", school_id=school.pk)


def _already_decided(request, what):
    messages.info(request, _("%(what)s was already decided: nothing changed.") % {"what": what})


@require_POST
@login_required
def decide_school(request, school_id, decision):
    school = _reviewable_school(request, school_id)
    require(decision in ("verify", "reject"))
    reason = ""
    if decision == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            return _render_review(request, school, reject_form=form, status=400)
        reason = form.cleaned_data["reason"]
    school, changed = services.decide_school(
        request.user, school.pk, verify=decision == "verify", reason=reason
    )
    if not changed:
        _already_decided(request, school)
    elif decision == "verify":
        messages.success(request, _("%(school)s is verified.") % {"school": school})
    else:
        messages.success(request, _("%(school)s is rejected.") % {"school": school})
    return redirect("schools:review", school_id=school.pk)


@require_POST
@login_required
def decide_teacher(request, school_id, user_id, decision):
    school = _reviewable_school(request, school_id)
    teacher = get_object_or_404(User, pk=user_id, kind=User.Kind.TEACHER)
    require(decision in ("verify", "reject"))
    require(policies.can_verify_teacher(request.user, teacher, school))
    reason = ""
    if decision == "reject":
        form = RejectForm(request.POST)
        if not form.is_valid():
            return _render_review(request, school, reject_form=form, status=400)
        reason = form.cleaned_data["reason"]
    _profile, outcome = services.decide_teacher(
        request.user, teacher, school, verify=decision == "verify", reason=reason
    )
    if outcome == "already":
        _already_decided(request, teacher)
    elif outcome == "school_pending":
        messages.error(request, _("Verify the school before its teacher."))
    elif decision == "verify":
        messages.success(request, _("%(teacher)s is verified.") % {"teacher": teacher})
    else:
        messages.success(request, _("%(teacher)s is rejected.") % {"teacher": teacher})
    return redirect("schools:review", school_id=school.pk)
