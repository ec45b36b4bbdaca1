"""The TwinSpace home, bulletin, settings, moderation and search: thin views over policies.

Every view is a `project_view`: `request.project` and `request.access` are set, and
anyone who may not see the space got a 404 (anonymous visitors the login page).
"""

from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, Value
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.accounts.models import name_columns, shown_name
from jumelage.audit.models import AuditEntry
from jumelage.core.errors import Refused
from jumelage.core.policies import forbid_unless, require
from jumelage.core.prepared import Prepared
from jumelage.projects.access import project_view
from jumelage.projects.models import Membership, Project
from jumelage.reference.models import Country

from . import policies, queue, services
from .forms import BulletinNoteForm, ModerationForm, ReportForm, SearchForm, SpaceSettingsForm
from .models import BulletinNote, Report
from .registry import SECTIONS, SETTINGS, space_panels

BULLETIN_NOTES = 10


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, request.is_secure()
    ):
        return target
    return fallback


HOME_ADULTS = 30  # the teachers and guests the home names; everyone is on the members page


@dataclass(frozen=True)
class _Member:
    name: str
    role: str
    is_founder: bool


# The home is every visit's first page: its queries are prepared (core.prepared).
_MEMBER_COUNTS = Prepared(
    lambda project_id: (
        Membership.objects.filter(project_id=project_id)
        .order_by()
        .values(_all=Value(1))
        .annotate(total=Count("*"), pupils=Count("role", filter=Q(role=Membership.Role.PUPIL)))
        .values_list("total", "pupils")
    ),
    project_id=int,
)
_FIRST_ADULTS = Prepared(
    lambda project_id: Membership.objects.filter(project_id=project_id)
    .exclude(role=Membership.Role.PUPIL)
    .order_by("school__country__code", "school__name", "school_id", "role", "user__display_name")
    .values_list(
        "school__country__code", "school__country__name_en", "school__country__name_fr",
        "school_id", "school__name", "school__town",
        "role", "is_founder", *name_columns("user__"),
    )[:HOME_ADULTS],
    project_id=int,
)  # fmt: skip
_NOTES = Prepared(
    lambda project_id: BulletinNote.objects.filter(project_id=project_id).select_related("author")[
        :BULLETIN_NOTES
    ],
    project_id=int,
)


def _members_by_country_and_school(project):
    """The first adults of the project by country and school, and the counts of the rest:
    the home of a project of 2,000 members renders in bounded time. Columns, not members
    with their users, schools and countries (the home is every visit's first page)."""
    total, pupils = _MEMBER_COUNTS.first(project_id=project.pk)
    counts = {"total": total, "pupils": pupils}
    rows = _FIRST_ADULTS.list(project_id=project.pk)
    counts["unnamed_adults"] = counts["total"] - counts["pupils"] - len(rows)
    roles = {value: str(label) for value, label in Membership.Role.choices}  # translated once

    def member(row) -> _Member:
        role, is_founder, *name = row[6:]
        return _Member(shown_name(*name), roles[role], is_founder)

    grouped = []
    for (code, name_en, name_fr), by_country in groupby(rows, key=lambda row: row[:3]):
        # An unsaved country: its name in the reader's language (Country.name), no query.
        country = Country(code=code, name_en=name_en, name_fr=name_fr) if code else None
        schools = [
            ({"name": name, "town": town} if school_id else None, [member(m) for m in members])
            for (school_id, name, town), members in groupby(by_country, key=lambda r: r[3:6])
        ]
        grouped.append((country, schools))
    return grouped, counts


@project_view("can_visit")
@require_GET
def home(request, project_id):
    project, access = request.project, request.access
    if access.is_visitor:
        # The home shows members and activity: a visitor goes to what is opened to them.
        opened = [s for s in SECTIONS if s.visitors]
        require(bool(opened))
        return redirect(opened[0].url_name, project_id=project.pk)
    sees_bulletin = policies.can_see_bulletin(access)
    members, member_counts = _members_by_country_and_school(project)
    context = {
        "project": project,
        "members": members,
        "member_counts": member_counts,
        "panels": space_panels(request),
        "activity": services.latest_activity(access),
        "sees_bulletin": sees_bulletin,
    }
    if sees_bulletin:
        context["notes"] = _NOTES.list(project_id=project.pk)
        context["may_post"] = policies.can_post_bulletin(access)
        context["may_delete_any"] = context["may_post"] and policies.can_change_settings(access)
        context["bulletin_form"] = BulletinNoteForm()
        context["may_moderate"] = policies.can_read_moderation(access)
    context["may_change_settings"] = policies.can_see_settings(access)
    return render(request, "twinspace/home.html", context)


@project_view(policies.can_see_bulletin)
@require_POST
def bulletin_post(request, project_id):
    project = request.project
    forbid_unless(policies.can_post_bulletin(request.access))
    form = BulletinNoteForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "twinspace/bulletin_form.html",
            {"project": project, "bulletin_form": form},
            status=400,
        )
    services.post_bulletin_note(request.access, form.cleaned_data["body"])
    messages.success(request, _("Your note is on the bulletin."))
    return redirect(reverse("twinspace:home", args=[project.pk]) + "#bulletin")


@project_view(policies.can_see_bulletin)
@require_POST
def bulletin_delete(request, project_id, note_id):
    project = request.project
    note = get_object_or_404(BulletinNote, pk=note_id, project=project)
    forbid_unless(policies.can_delete_bulletin_note(request.access, note))
    services.delete_bulletin_note(note)
    messages.success(request, _("The note was removed from the bulletin."))
    return redirect(reverse("twinspace:home", args=[project.pk]) + "#bulletin")


@project_view()
@require_http_methods(["GET", "POST"])
def space_settings(request, project_id):
    project = request.project
    forbid_unless(policies.can_see_settings(request.access))
    may_change = policies.can_change_settings(request.access)
    if request.method == "POST":
        forbid_unless(may_change)
        form = SpaceSettingsForm(request.POST, instance=Project.objects.get(pk=project.pk))
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
            data.update({s.name: form.cleaned_data[s.name] for s in SETTINGS})
            services.change_settings(request.access, **data)
            messages.success(request, _("The TwinSpace settings are saved."))
            return redirect("twinspace:settings", project_id=project.pk)
        status = 400
    else:
        form = SpaceSettingsForm(instance=project)
        status = 200
    return render(
        request,
        "twinspace/settings.html",
        {"project": project, "form": form, "may_change": may_change},
        status=status,
    )


@project_view()
@require_GET
def moderation(request, project_id):
    """Open reports and pupils' contributions waiting for approval."""
    project = request.project
    forbid_unless(policies.can_read_moderation(request.access))
    reports = list(
        Report.objects.filter(project=project, resolved_at__isnull=True)
        .select_related("reporter", "target_type")
        .prefetch_related("target")[:100]
    )
    reported = queue.describe(project, [r.target for r in reports])
    return render(
        request,
        "twinspace/moderation.html",
        {
            "project": project,
            "reports": list(zip(reports, reported, strict=True)),
            "pending": queue.describe(project, services.pending_content(project)),
            "may_moderate": request.access.can_moderate,
        },
    )


@project_view()
@require_POST
def moderate(request, project_id):
    project = request.project
    forbid_unless(request.access.can_moderate_pupils)
    form = ModerationForm(request.POST)
    fallback = reverse("twinspace:moderation", args=[project.pk])
    if not form.is_valid():
        messages.error(request, _("This moderation request is incomplete; nothing was changed."))
        return HttpResponseRedirect(_next_or(request, fallback), status=303)
    content = services.find_content(
        project, form.cleaned_data["content_type"], form.cleaned_data["object_id"]
    )
    require(content is not None)
    action = form.cleaned_data["action"]
    try:
        services.moderate(request.access, content, action, note=form.cleaned_data["note"])
    except Refused as refused:
        messages.error(request, refused.message)
        return HttpResponseRedirect(_next_or(request, fallback), status=303)
    done = {
        "hide": _("The content is hidden."),
        "restore": _("The content is visible again."),
        "approve": _("The content is approved and visible to the project."),
    }
    if request.htmx:  # the queue's buttons replace their line with the outcome
        return render(request, "twinspace/_queue_done.html", {"done": done[action]})
    messages.success(request, done[action])
    return HttpResponseRedirect(_next_or(request, fallback), status=303)


@project_view()
@require_POST
def resolve_report(request, project_id, report_id):
    project = request.project
    forbid_unless(request.access.can_moderate)
    report = get_object_or_404(Report, pk=report_id, project=project)
    if report.resolved_at is None:
        services.resolve_report(request.access, report)
    messages.success(request, _("The report is closed; the content stays as it is."))
    return redirect("twinspace:moderation", project_id=project.pk)


@project_view()
@require_http_methods(["GET", "POST"])
def report(request, project_id):
    """Any member reports a piece of content to the project's teachers."""
    project = request.project
    forbid_unless(policies.can_report(request.access))
    form = ReportForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(
            request, "twinspace/report.html", {"project": project, "form": form}, status=400
        )
    # Only what the reporter may see now, by that content's own policy: never a hint otherwise.
    content = services.find_reportable(
        request.access, form.cleaned_data["content_type"], form.cleaned_data["object_id"]
    )
    require(content is not None)
    if request.method == "GET":
        form = ReportForm(initial={**form.cleaned_data, "reason": ""})
        return render(
            request, "twinspace/report.html", {"project": project, "form": form, "content": content}
        )
    services.report(request.access, content, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the project's teachers will look at it."))
    fallback = services.content_url(content, project.pk) or reverse(
        "twinspace:home", args=[project.pk]
    )
    return redirect(_next_or(request, fallback))


@project_view()
@require_GET
def audit(request, project_id):
    """The moderation decisions of this project, for its teachers."""
    project = request.project
    forbid_unless(policies.can_read_moderation(request.access))
    entries = (
        AuditEntry.objects.filter(project=project)
        .filter(Q(action__startswith="moderation.") | Q(action__startswith="twinspace."))
        .select_related("actor", "target_type")
        .order_by("-created_at", "-id")
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "twinspace/audit.html", {"project": project, "page": page})


@project_view()
@require_GET
def search(request, project_id):
    project = request.project
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    sections = services.search_space(request.access, query) if query else []
    return render(
        request,
        "twinspace/search.html",
        {"project": project, "form": form, "query": query, "sections": sections},
    )
