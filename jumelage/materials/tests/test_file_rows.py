"""A folder's rows are written in Python (materials/templatetags/materials.py): each file
with its kind, size and uploader, and a delete form only where the reader may delete it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.materials import services
from jumelage.materials.tests import samples

pytestmark = pytest.mark.django_db


def _rows(user, project) -> list[str]:
    client = Client()
    client.force_login(user)
    page = client.get(reverse("materials:index", args=[project.pk])).content.decode()
    return re.findall(r"<tr><td>.*?</tr>", page, re.S)


def test_each_file_shows_its_kind_size_and_uploader_and_the_forms_the_reader_may_use(world):
    project, teacher, pupil = world.project, world.users["admin"], world.users["pupil"]
    image = services.store_upload(project, teacher, samples.png("Tom & Jerry.png"))
    worksheet = services.store_upload(project, pupil, samples.pdf("worksheet.pdf"))

    drawing, sheet = _rows(teacher, project)
    assert ">Tom &amp; Jerry.png</a>" in drawing  # names are text
    assert f'<img src="{reverse("materials:thumbnail", args=[project.pk, image.pk])}"' in drawing
    assert "<img" not in sheet
    assert f'<a href="{reverse("materials:download", args=[project.pk, worksheet.pk])}">' in sheet
    assert "<td>Image</td>" in drawing and "<td>PDF document</td>" in sheet
    assert f"<td>{worksheet.size}\xa0bytes</td>" in sheet
    assert f"<td>{pupil}</td>" in sheet and f"<td>{teacher}</td>" in drawing
    delete = reverse("materials:item_delete", args=[project.pk, worksheet.pk])
    assert f'action="{delete}"' in sheet and "csrfmiddlewaretoken" in sheet  # a teacher's right

    drawing, sheet = _rows(pupil, project)
    assert "<form" not in drawing  # a pupil deletes their own files only
    assert f'action="{delete}"' in sheet
