"""Measure how much memory a piece of work takes, as the kernel sees it (peak RSS).

Pillow keeps pixels outside Python's allocator, so tracemalloc would not see them:
the peak resident set size does. Linux resets it when 5 is written to clear_refs.
"""

import contextlib
from types import SimpleNamespace

import pytest

MIB = 1024 * 1024


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise LookupError(field)


@contextlib.contextmanager
def peak_growth():
    """`with peak_growth() as grown:` then `grown.mib`: how far the peak RSS rose above the start."""
    try:
        before = _status_kib("VmRSS")
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pytest.skip("peak RSS cannot be reset here (needs Linux /proc/self/clear_refs)")
    grown = SimpleNamespace(mib=0.0)
    yield grown
    grown.mib = (_status_kib("VmHWM") - before) / 1024
