"""Quality label pages: public recognition, the teachers' applications, the offices'
assessment and the committee's decisions. Rules: policies.py; writes: services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.errors import Refused
from jumelage.core.l10n import site_language
from jumelage.core.policies import require
from jumelage.projects.models import Project
from jumelage.schools.models import School

from . import documents, policies, queries, services
from .forms import ApplicationForm, DecisionForm, EuropeanForm, SchoolLabelForm
from .models import Application, Criterion, Nomination


@require_GET
def index(request):
    """Public: the labelled projects and schools; each visitor's own tools linked."""
    user = request.user
    return render(
        request,
        "labels/index.html",
        {
            "national": queries.awarded()[:50],
            "european": queries.european()[:50],
            "schools": queries.labelled_schools()[:50],
            "is_office": bool(policies.office_countries(user)),
            "is_committee": policies.is_committee(user),
            "mine": queries.my_label_work(user) if policies.is_verified_teacher(user) else None,
        },
    )


@require_GET
def project(request, project_id):
    """Public: a project's labels and certificates (404 while it holds none)."""
    project = get_object_or_404(Project, pk=project_id)
    national = list(queries.awarded().filter(project=project))
    european = queries.european().filter(project=project).first()
    require(bool(national or european))
    return render(
        request,
        "labels/project.html",
        {"project": project, "national": national, "european": european},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, project_id):
    project = get_object_or_404(Project, pk=project_id)
    require(policies.founder_membership(request.user, project) is not None)
    refusal = policies.application_refusal(request.user, project)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(request.user, project, form.cleaned_data["statement"])
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your application was sent to your country's office."))
            return redirect("labels:application", application.pk)
    return render(
        request, "labels/apply.html", {"project": project, "form": form, "refusal": refusal}
    )


def _application(request, pk) -> Application:
    application = get_object_or_404(
        Application.objects.select_related("project", "country", "school", "applicant"),
        pk=pk,
    )
    require(policies.can_read_application(request.user, application))
    return application


@login_required
@require_http_methods(["GET", "POST"])
def application(request, pk):
    """The applicant reads the decision; the assessing office scores and decides."""
    application = _application(request, pk)
    may_assess = policies.can_assess(request.user, application)
    criteria = list(Criterion.objects.all())
    form = None
    if may_assess and application.status == Application.Status.SUBMITTED:
        form = DecisionForm(request.POST or None, criteria=criteria)
        if request.method == "POST" and form.is_valid():
            award = form.cleaned_data["decision"] == DecisionForm.AWARD
            try:
                services.decide(
                    request.user, application, form.points(), award, form.cleaned_data["comments"]
                )
            except Refused as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Your decision was recorded and the applicant told."))
                return redirect("labels:application", application.pk)
    scores = list(application.scores.select_related("criterion").order_by("criterion__position"))
    return render(
        request,
        "labels/application.html",
        {
            "application": application,
            "form": form,
            "scores": scores,
            "total": sum(s.points for s in scores),
            "maximum": sum(c.max_points for c in criteria),
            "may_assess": may_assess,
        },
    )


@login_required
@require_GET
def space(request, pk):
    """The TwinSpace, read-only, for the office assessing the application."""
    application = _application(request, pk)
    require(policies.can_assess(request.user, application))
    return render(
        request,
        "labels/space.html",
        {"application": application, "sections": queries.published_space(application.project)},
    )


@login_required
@require_GET
def office(request):
    """The office's applications to assess and the projects it may nominate."""
    countries = policies.office_countries(request.user)
    require(bool(countries))
    nominable = [p for p in queries.multi_labelled(countries) if not p.nominated_by_me]
    for candidate in nominable:
        candidate.refusal = policies.nomination_refusal(request.user, candidate)
    return render(
        request,
        "labels/office.html",
        {
            "waiting": queries.waiting(countries),
            "decided": queries.decided(countries)[:30],
            "nominable": nominable,
        },
    )


@login_required
@require_POST
def nominate(request, project_id):
    project = get_object_or_404(Project, pk=project_id)
    require(bool(policies.office_countries(request.user) & policies.labelled_countries(project)))
    try:
        services.nominate(request.user, project)
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The project was nominated for the European Quality Label."))
    return redirect("labels:office")


@login_required
@require_GET
def committee(request):
    require(policies.is_committee(request.user))
    nominated = (
        Project.objects.filter(label_nominations__isnull=False, european_label__isnull=True)
        .distinct()
        .prefetch_related(
            Prefetch("label_nominations", queryset=Nomination.objects.select_related("country"))
        )
        .order_by("title")
    )
    return render(
        request,
        "labels/committee.html",
        {"nominated": nominated, "form": EuropeanForm(), "european": queries.european()[:30]},
    )


@login_required
@require_POST
def decide_european(request, project_id):
    require(policies.is_committee(request.user))
    project = get_object_or_404(Project, pk=project_id)
    form = EuropeanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("labels:committee")
    award = form.cleaned_data["decision"] == DecisionForm.AWARD
    try:
        services.decide_european(request.user, project, award, form.cleaned_data["comments"])
    except Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The committee's decision was recorded."))
    return redirect("labels:committee")


@require_GET
def school(request, school_id):
    """Public: a verified school's labels, and (for its teachers) the way to apply."""
    school = get_object_or_404(School, pk=school_id, status=School.Status.VERIFIED)
    labels = list(school.labels.all()[:10])
    current = policies.current_school_label(school)
    is_teacher = policies.is_school_teacher(request.user, school)
    return render(
        request,
        "labels/school.html",
        {
            "school": school,
            "labels": labels,
            "current": current,
            "projects": queries.school_projects(school)[:20],
            "is_teacher": is_teacher,
            "checks": policies.school_checks(school) if is_teacher else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def school_apply(request, school_id):
    school = get_object_or_404(School, pk=school_id)
    require(policies.is_school_teacher(request.user, school))
    form = SchoolLabelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_school_label(request.user, school, form.cleaned_data["head_name"])
        except Refused as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your school received the School Label."))
            return redirect("labels:school", school.pk)
    return render(
        request,
        "labels/school_apply.html",
        {
            "school": school,
            "form": form,
            "checks": policies.school_checks(school),
            "refusal": policies.school_label_refusal(request.user, school),
        },
    )


@login_required
@require_GET
def teacher(request, user_id):
    """A teacher's labelled projects, for signed-in adults (teachers' names are not public)."""
    require(policies.can_see_teacher_labels(request.user))
    person = get_object_or_404(queries.teachers(), pk=user_id)
    return render(
        request, "labels/teacher.html", {"person": person, "labels": queries.teacher_labels(person)}
    )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
def certificate(request, pk):
    """Public: the National Quality Label certificate of an awarded application."""
    application = get_object_or_404(queries.awarded(), pk=pk)
    language = site_language()
    return _pdf(documents.national(application, language), f"label-{application.pk}.pdf")


@require_GET
def european_certificate(request, project_id):
    decision = get_object_or_404(queries.european(), project_id=project_id)
    return _pdf(documents.european(decision, site_language()), f"european-{project_id}.pdf")


@require_GET
def school_certificate(request, pk):
    label = get_object_or_404(
        queries.school_labels().filter(school__status=School.Status.VERIFIED), pk=pk
    )
    return _pdf(documents.school(label, site_language()), f"school-label-{pk}.pdf")
