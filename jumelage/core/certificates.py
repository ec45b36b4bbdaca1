"""The one certificate layout of the platform (training attendance, quality labels).

A landscape A4 page of centred lines in the holder's language, with the issue date
at the foot. Callers build the lines inside `translation.override(language)`.
"""

import io
from pathlib import Path

import reportlab
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
]


def font() -> str:
    """A font with the accents of every site language (DejaVu), else reportlab's own."""
    name = "JumelageSans"
    if name not in pdfmetrics.getRegisteredFontNames():
        path = next((p for p in FONT_CANDIDATES if p.exists()), None)
        if path is None:
            return "Helvetica"
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def certificate_pdf(title: str, lines: list[tuple[int, str]]) -> bytes:
    """`title` (document title and first line) then `lines` of (font size, text).

    Call it inside `translation.override(...)`: the footer is translated too."""
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    face = font()
    pdf.setTitle(title)
    pdf.setAuthor("Jumelage")
    y = height - 110
    for size, text in [(28, title), *lines]:
        pdf.setFont(face, size)
        pdf.drawCentredString(width / 2, y, text[:90])
        y -= size * 2.2
    pdf.setFont(face, 10)
    issued = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    pdf.drawCentredString(width / 2, 50, _("Issued by Jumelage on %(date)s") % {"date": issued})
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
