"""Load a script of bench/ as a module (bench/ is not a package): the smoke tests use it."""

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[3] / "bench"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
