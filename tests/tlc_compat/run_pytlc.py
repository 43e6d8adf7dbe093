"""Running ``pytlc`` in-process on the specs of tests/tlc_compat/specs, copied into a
temporary directory first (runs write files next to themselves: trace-exploration specs,
trace dumps)."""
from __future__ import annotations

import io
import os
import shutil
from contextlib import redirect_stdout
from pathlib import Path

SPECS = Path(__file__).parent / "specs"


def copy_specs(target: Path, *names: str) -> Path:
    """Copy the named files (all of specs/ when none are named) into ``target``."""
    for path in SPECS.iterdir():
        if not names or path.name in names:
            shutil.copy(path, target / path.name)
    return target


def pytlc(args: list[str], cwd: Path) -> tuple[int, str]:
    """Exit status and standard output of ``pytlc ARGS`` run in ``cwd``."""
    from tla.tlc_compat.cli import main
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(out):
            status = main(list(args))
    finally:
        os.chdir(old)
    return status, out.getvalue()
