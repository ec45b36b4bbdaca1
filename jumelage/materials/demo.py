"""Demo library content in the demo project (idempotent)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from jumelage.accounts.models import User
from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.projects.models import Project


def _picture(name: str, colour: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (640, 400), colour)
    ImageDraw.Draw(image).text((20, 20), name, fill="white")
    out = io.BytesIO()
    image.save(out, "JPEG")
    return SimpleUploadedFile(f"{name}.jpg", out.getvalue(), "image/jpeg")


def load(stdout) -> None:
    project = Project.objects.filter(title__startswith="Nos villes, nos vies").first()
    claire = User.objects.filter(email="claire.martin@demo.jumelage.eu").first()
    if not (project and claire) or Folder.objects.filter(project=project).exists():
        return
    album = services.create_folder(project, claire, "Paris", None, is_album=True)
    for name, colour in [("Seine", "#1d4f91"), ("Montmartre", "#7a3b69")]:
        services.store_upload(project, claire, _picture(name, colour), album)
    services.create_folder(project, claire, "Fiches de travail / Arbeitsblätter", None, False)
    stdout.write("Materials: one album in the demo project.")
