"""Export a project with many megabytes of materials; report time, archive size and memory.

    .venv/bin/python bench/portability_export.py --mib 2048 --files 40
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jumelage_bench .venv/bin/python bench/portability_export.py

Builds a fresh database (SQLite in a temp directory unless DATABASE_URL is set) and a
media root in a temp directory, makes one project whose library holds `--files` PDF
files totalling `--mib` MiB, runs the export as the Celery task would, and prints the
wall time, the archive size and the growth of the peak resident memory (VmHWM) during
the export: it must not grow with the size of the files. Never run in CI; the smoke
test is jumelage/portability/tests/test_bench.py.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MIB = 1024 * 1024


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def make_project(mib: int, files: int):
    """A project with `files` PDFs of `mib` MiB in all, written to storage in chunks."""
    from django.core.files.base import File

    from jumelage import testing
    from jumelage.materials.models import Item

    project = testing.make_project(title="Benchmark project")
    owner = project.memberships.first().user
    each = max(1, mib * MIB // files)
    for n in range(files):
        with tempfile.TemporaryFile() as handle:
            handle.write(b"%PDF-1.4\n")
            block = os.urandom(MIB)
            left = each - 9
            while left > 0:
                handle.write(block[: min(MIB, left)])
                left -= MIB
            handle.seek(0)
            item = Item(
                project=project,
                name=f"file-{n}.pdf",
                kind=Item.Kind.PDF,
                content_type="application/pdf",
                size=each,
                uploaded_by=owner,
            )
            item.file.save(f"f{n}.pdf", File(handle), save=False)
            item.save()
    return project


def measure(project) -> dict:
    """Run one export of `project`; returns seconds, archive bytes and peak RSS growth (MiB)."""
    from datetime import timedelta

    from django.utils import timezone

    from jumelage.portability import services
    from jumelage.portability.models import ProjectExport

    export = ProjectExport.objects.create(
        project=project, expires_at=timezone.now() + timedelta(days=1)
    )
    before = _status_kib("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass
    start = time.perf_counter()
    export = services.run_export(export.pk)
    seconds = time.perf_counter() - start
    return {
        "status": export.status,
        "seconds": round(seconds, 2),
        "archive_mib": round(export.size / MIB, 1),
        "peak_growth_mib": round((_status_kib("VmHWM") - before) / 1024, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=int, default=256)
    parser.add_argument("--files", type=int, default=16)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jumelage-bench-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'bench.sqlite3'}")
    os.environ["MEDIA_ROOT"] = str(work / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jumelage.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    project = make_project(args.mib, args.files)
    print(measure(project))
    return 0


if __name__ == "__main__":
    sys.exit(main())
