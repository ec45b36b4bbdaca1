"""The labels' PDF certificates, drawn by the platform's one certificate layout
(core/certificates.py, shared with training)."""

from django.utils import formats, translation
from django.utils.translation import gettext as _

from jumelage.core.certificates import certificate_pdf


def national(application, language: str) -> bytes:
    with translation.override(language):
        return certificate_pdf(
            _("National Quality Label"),
            [
                (
                    14,
                    _("awarded by the national support office of %(country)s to the project")
                    % {"country": application.country.name},
                ),
                (22, application.project.title),
                (14, _("of %(school)s") % {"school": application.school.name}),
                (
                    14,
                    _("on %(date)s")
                    % {"date": formats.date_format(application.decided_at, "DATE_FORMAT")},
                ),
            ],
        )


def european(decision, language: str) -> bytes:
    with translation.override(language):
        return certificate_pdf(
            _("European Quality Label"),
            [
                (14, _("awarded by the European committee to the project")),
                (22, decision.project.title),
                (
                    14,
                    _("on %(date)s")
                    % {"date": formats.date_format(decision.decided_at, "DATE_FORMAT")},
                ),
            ],
        )


def school(label, language: str) -> bytes:
    with translation.override(language):
        return certificate_pdf(
            _("School Label"),
            [
                (14, _("awarded to")),
                (22, label.school.name),
                (14, f"{label.school.town} — {label.school.country.name}"),
                (
                    14,
                    _("valid from %(start)s to %(end)s")
                    % {
                        "start": formats.date_format(label.awarded_on, "DATE_FORMAT"),
                        "end": formats.date_format(label.valid_until, "DATE_FORMAT"),
                    },
                ),
            ],
        )
