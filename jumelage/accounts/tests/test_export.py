"""The data export is gathered from each app's exports.py, and says what it said before."""

import pytest

from jumelage.accounts.models import TeacherProfile
from jumelage.audit.models import AuditEntry
from jumelage.audit.services import record
from jumelage.core import exports
from jumelage.schools.models import SchoolMembership
from jumelage.testing import make_school, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def _as_before(user) -> dict:
    """accounts.services.export_data as it was before the exporter registry (verbatim)."""
    profile = TeacherProfile.objects.filter(user=user).first()
    memberships = SchoolMembership.objects.filter(user=user).select_related(
        "school__country", "school__region", "school__department"
    )
    entries = AuditEntry.objects.filter(subject_user=user).select_related("actor").order_by("id")
    return {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "language": user.language,
            "date_joined": user.date_joined.isoformat(),
            "email_confirmed_at": user.email_confirmed_at.isoformat()
            if user.email_confirmed_at
            else None,
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": None
        if profile is None
        else {
            "status": profile.status,
            "presentation": profile.presentation,
            "photo": profile.photo.name or None,
            "subjects": list(profile.subjects.values_list("code", flat=True)),
            "languages": list(profile.languages.values_list("code", flat=True)),
            "age_bands": list(profile.age_bands.values_list("min_age", flat=True)),
            "email_visible": profile.email_visible,
            "findable": profile.findable,
            "wants_kit": profile.wants_kit,
            "preferred_kit": profile.preferred_kit.slug if profile.preferred_kit else None,
            "rejection_reason": profile.rejection_reason,
            "verified_at": profile.verified_at.isoformat() if profile.verified_at else None,
        },
        "schools": [
            {
                "name": m.school.name,
                "country": m.school.country_id,
                "national_id": m.school.national_id,
                "town": m.school.town,
                "status": m.school.status,
                "joined_at": m.joined_at.isoformat(),
            }
            for m in memberships
        ],
        "audit_entries": [
            {
                "when": e.created_at.isoformat(),
                "action": e.action,
                "by": "me" if e.actor_id == user.pk else ("staff" if e.actor_id else "system"),
                "note": e.note,
                "data": e.data,
            }
            for e in entries
        ],
    }


def test_the_export_says_exactly_what_it_said_before_in_the_same_order():
    teacher = make_teacher("FR")
    SchoolMembership.objects.create(school=make_school("DE"), user=teacher)
    profile = teacher.teacher_profile
    profile.presentation = "Bonjour"
    profile.save()
    profile.subjects.set(["geography"])
    profile.languages.set(["fr", "de"])
    record(make_staff("FR"), "teacher.verified", profile, subject_user=teacher, note="ok")
    record(teacher, "profile.edited", profile, subject_user=teacher)
    record(None, "account.reminded", profile, subject_user=teacher)

    data = exports.export_data(teacher)

    assert data.pop("exported_at")
    assert data == _as_before(teacher)
    assert list(data) == ["account", "profile", "schools", "audit_entries"]


def test_a_person_without_profile_or_school_gets_empty_parts():
    staff = make_staff("FR")
    data = exports.export_data(staff)
    assert data["profile"] is None and data["schools"] == []
    data.pop("exported_at")
    assert data == _as_before(staff)


def test_each_part_comes_from_its_own_apps_exports_module():
    exports.discover()
    modules = {c.function.__module__ for c in exports.CONTRIBUTORS.values()}
    assert modules == {
        "jumelage.accounts.exports",
        "jumelage.schools.exports",
        "jumelage.audit.exports",
    }
