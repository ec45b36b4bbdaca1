"""Small real files built in memory for the tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.TiffImagePlugin import IFDRational

GPS_IFD = 0x8825


def jpeg_with_gps(name="holiday.jpg", size=(64, 48)) -> SimpleUploadedFile:
    image = Image.new("RGB", size, "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0131] = "SecretEditor 1.0"  # Software
    exif.get_ifd(GPS_IFD).update(
        {
            1: "N",
            2: (IFDRational(48), IFDRational(51), IFDRational(24)),
            3: "E",
            4: (IFDRational(2), IFDRational(21), IFDRational(3)),
        }
    )
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"taken at 12 rue Secret")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def png(name="drawing.png", size=(40, 30), trailer=b"") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 255, 200)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue() + trailer, content_type="image/png")


def pdf(name="worksheet.pdf") -> SimpleUploadedFile:
    body = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def docx(name="letter.docx") -> SimpleUploadedFile:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/msword")


def windows_program(name="holiday.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03" + b"\x00" * 200 + b"PE\x00\x00", "image/jpeg")


def linux_program(name="notes.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "application/pdf")


def html_page(name="page.html") -> SimpleUploadedFile:
    body = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
    return SimpleUploadedFile(name, body, content_type="text/html")


def svg_with_script(name="drawing.svg") -> SimpleUploadedFile:
    body = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
        b"<script>alert(1)</script><circle r='4'/></svg>"
    )
    return SimpleUploadedFile(name, body, content_type="image/svg+xml")
