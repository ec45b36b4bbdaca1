"""Files stream through the archive in chunks: memory does not grow with their size."""

import tracemalloc
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from jumelage.portability import archive

MIB = 1024 * 1024


def big_file(mib: int = 12) -> str:
    block = bytes(range(256)) * 4096  # 1 MiB
    return default_storage.save("portability/test/big.bin", ContentFile(block * mib))


def test_writing_an_archive_holds_one_chunk_at_a_time(tmp_path):
    name = big_file()
    target = tmp_path / "out.zip"
    with open(target, "wb") as out:
        tracemalloc.start()
        archive.write_archive(out, {"format": archive.FORMAT}, {"files/big": name}, default_storage)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 4 * MIB, f"peak {peak / MIB:.1f} MiB for a 12 MiB file"
    with zipfile.ZipFile(target) as zf:
        assert zf.getinfo("files/big").file_size == 12 * MIB


def test_reading_a_file_back_from_an_archive_streams_it(tmp_path):
    name = big_file()
    target = tmp_path / "out.zip"
    with open(target, "wb") as out:
        archive.write_archive(out, {}, {"files/big": name}, default_storage)
    with zipfile.ZipFile(target) as zf:
        ctx = archive.ImportContext(zf, None, status=None)
        content = ctx.file({"path": "files/big", "size": 12 * MIB, "ext": "bin"})
        tracemalloc.start()
        saved = default_storage.save("portability/test/back.bin", content)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < 4 * MIB, f"peak {peak / MIB:.1f} MiB for a 12 MiB file"
    assert default_storage.size(saved) == 12 * MIB
    with default_storage.open(saved, "rb") as a, default_storage.open(name, "rb") as b:
        assert a.read() == b.read()
