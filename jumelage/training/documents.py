"""What leaves the platform about an event: attendee CSV, iCalendar, attendance certificate."""

import csv
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import reportlab
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from jumelage.core.sanitising import plain_text

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
]


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


def _font() -> str:
    name = "JumelageSans"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_CANDIDATES if p.exists()), None)
        if path is None:
            return "Helvetica"
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def certificate_pdf(registration) -> bytes:
    """An attendance certificate naming the teacher, the event and its date, in their language."""
    event, user = registration.event, registration.user
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    font = _font()
    with translation.override(user.language or settings.LANGUAGE_CODE):
        start, end = local(event, event.starts_at), local(event, event.ends_at)
        date = formats.date_format(start, "DATE_FORMAT")
        if end.date() != start.date():
            date = f"{date} – {formats.date_format(end, 'DATE_FORMAT')}"
        pdf.setTitle(_("Certificate of attendance"))
        pdf.setAuthor("Jumelage")
        lines = [
            (font, 28, _("Certificate of attendance")),
            (font, 14, _("This certifies that")),
            (font, 22, str(user)),
            (font, 14, _("attended the training event")),
            (font, 20, event.title),
            (font, 14, f"{event.get_kind_display()} — {event.get_level_display()}"),
            (font, 14, _("held on %(date)s") % {"date": date}),
            (font, 12, event.place if not event.online else _("Online")),
        ]
        y = height - 110
        for face, size, text in lines:
            pdf.setFont(face, size)
            pdf.drawCentredString(width / 2, y, text[:90])
            y -= size * 2.2
        pdf.setFont(font, 10)
        issued = formats.date_format(timezone.localdate(), "DATE_FORMAT")
        pdf.drawCentredString(width / 2, 50, _("Issued by Jumelage on %(date)s") % {"date": issued})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
