"""Project export and import in the permission matrix (see jumelage/testing/matrix.py).

The project's admins export and download; platform admins and verified teachers
open the import page (what they may import is decided by the archive itself).
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from jumelage.portability.models import ProjectExport
from jumelage.testing.matrix import ADMINS, VERIFIED_TEACHERS, Case


def setup(world):
    name = default_storage.save(
        "portability/exports/matrix.zip", ContentFile(b"PK\x05\x06" + bytes(18))
    )
    export = ProjectExport.objects.create(
        project=world.project,
        requested_by=world.users["admin"],
        status=ProjectExport.Status.READY,
        archive=name,
        size=22,
        done=1,
        total=1,
        expires_at=timezone.now() + timedelta(days=1),
    )
    return {"export_id": export.pk}


IMPORTERS = VERIFIED_TEACHERS | {"superuser"}

CASES = [
    Case("portability:project_export", "GET", allowed=ADMINS),
    Case("portability:project_export", "POST", allowed=ADMINS),
    Case("portability:export_download", "GET", kwargs=("export_id",), allowed=ADMINS),
    Case("portability:import", "GET", allowed=IMPORTERS),
    Case("portability:import", "POST", allowed=IMPORTERS),
]
