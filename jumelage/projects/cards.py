"""What the pupils' login cards show: the login address, as text and as a QR code.

The QR code is an SVG rendered here and inlined as a data: URI (allowed by the
CSP's img-src), so the card page needs no script and works printed.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse

CARDS_PER_SHEET = 8  # 2 columns x 4 rows on an A4 page (projects/cards.css)


def login_url() -> str:
    return settings.SITE_URL.rstrip("/") + reverse("accounts:pupil_login")


def qr_svg(text: str) -> bytes:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_data_uri(text: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text)).decode()


def card_context(project, cards) -> dict:
    """The template's context: the cards in A4 sheets, so that none is cut by a page."""
    url = login_url()
    sheets = [cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    return {"project": project, "sheets": sheets, "login_url": url, "qr": qr_data_uri(url)}
