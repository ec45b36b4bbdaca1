"""What leaves the platform about an event: attendee CSV, iCalendar, attendance certificate."""

import csv
import io
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from jumelage.core import certificates
from jumelage.core.sanitising import plain_text


def local(event, moment):
    """A moment in the event's own time zone (falls back to the site's)."""
    try:
        zone = ZoneInfo(event.timezone)
    except (KeyError, ValueError):
        zone = timezone.get_default_timezone()
    return moment.astimezone(zone)


def _safe_cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def attendees_csv(event, registrations) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Name"), _("Email"), _("School"), _("Status"), _("Since"), _("Present")])
    for registration in registrations:
        user = registration.user
        schools = ", ".join(s.name for s in user.schools.all())
        writer.writerow(
            [
                _safe_cell(user),
                _safe_cell(user.email or ""),
                _safe_cell(schools),
                registration.get_status_display(),
                local(event, registration.queued_at).strftime("%Y-%m-%d %H:%M"),
                _("yes") if registration.attended else _("no"),
            ]
        )
    return out.getvalue()


def event_ical(event) -> bytes:
    """One VEVENT with the event's own time zone (VTIMEZONE included)."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Jumelage//Training//EN")
    cal.add("version", "2.0")
    vevent = icalendar.Event()
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    vevent.add("uid", f"training-{event.pk}@{host}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", local(event, event.starts_at))
    vevent.add("dtend", local(event, event.ends_at))
    vevent.add("summary", event.title)
    vevent.add("description", plain_text(event.description))
    location = event.online_url if event.online else event.place
    if location:
        vevent.add("location", location)
    vevent.add("url", f"{settings.SITE_URL}/training/{event.pk}/")
    cal.add_component(vevent)
    cal.add_missing_timezones()
    return cal.to_ical()


def certificate_pdf(registration) -> bytes:
    """An attendance certificate naming the teacher, the event and its date, in their language."""
    event, user = registration.event, registration.user
    with translation.override(user.language or settings.LANGUAGE_CODE):
        start, end = local(event, event.starts_at), local(event, event.ends_at)
        date = formats.date_format(start, "DATE_FORMAT")
        if end.date() != start.date():
            date = f"{date} – {formats.date_format(end, 'DATE_FORMAT')}"
        return certificates.certificate_pdf(
            _("Certificate of attendance"),
            [
                (14, _("This certifies that")),
                (22, str(user)),
                (14, _("attended the training event")),
                (20, event.title),
                (14, f"{event.get_kind_display()} — {event.get_level_display()}"),
                (14, _("held on %(date)s") % {"date": date}),
                (12, event.place if not event.online else _("Online")),
            ],
        )
