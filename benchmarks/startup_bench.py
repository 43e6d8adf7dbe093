"""Benchmark of pytlc's start-up: a whole ``pytlc`` run on tiny specs, Python start-up included.

Usage: ``python benchmarks/startup_bench.py [--runs N] [--python PY] [--callgrind]``

Each measurement runs a fresh ``python -m tla.tlc_compat.cli`` process (what the ``pytlc``
command runs) in a temporary copy of ``examples/`` (files a run writes, such as TLC's
trace-exploration spec, land there): model checking ``Peterson.tla`` (20 states, Naturals only) and
``TwoPhaseBuggy.tla`` (a violation and its trace), and ``pytlc lint Peterson.tla``. Bytecode
caching is on, in a private folder warmed up by a first run, so the figures do not include
compiling pytlc's sources (``pip install`` leaves compiled bytecode behind; an editable
install under ``PYTHONDONTWRITEBYTECODE=1`` compiles every module on every run instead). The
per-user cache of parsed standard modules is warmed up the same way. Prints wall-clock and
CPU (user + system) seconds, minimum and median over ``--runs`` runs. On a busy machine
compare the CPU figures, or use ``--callgrind``: one run of each under valgrind's callgrind,
which counts the instructions executed (the same on every run, whatever the load).

``--python`` and the ``PYTHONPATH`` of the environment choose the pytlc measured, e.g. a
checkout of an older commit laid out as an installed package, for a before/after comparison.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

SCENARIOS = [
    ("python start-up alone", ["-c", "pass"]),
    ("pytlc Peterson.tla", ["-m", "tla.tlc_compat.cli", "Peterson.tla"]),
    ("pytlc TwoPhaseBuggy.tla (violation)", ["-m", "tla.tlc_compat.cli", "TwoPhaseBuggy.tla"]),
    ("pytlc lint Peterson.tla", ["-m", "tla.tlc_compat.cli", "lint", "Peterson.tla"]),
]


def _env(pycache: str, cache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTLC_CACHE_DIR"] = cache
    return env


def _run(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _instructions(argv: list[str], env: dict[str, str], cwd: str) -> int | None:
    """Instructions executed by one run, counted by callgrind (None without valgrind)."""
    if shutil.which("valgrind") is None:
        return None
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
                          + argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    return int(found.group(1)) if found else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--python", default=sys.executable, help="the interpreter to run")
    parser.add_argument("--callgrind", action="store_true",
                        help="count instructions with valgrind instead of timing")
    opts = parser.parse_args()
    pycache = tempfile.mkdtemp(prefix="pytlc-bench-pyc-")
    cache = tempfile.mkdtemp(prefix="pytlc-bench-cache-")
    work = tempfile.mkdtemp(prefix="pytlc-bench-specs-")
    try:
        for spec in EXAMPLES.iterdir():
            if spec.suffix in (".tla", ".cfg"):
                shutil.copy(spec, work)
        env = _env(pycache, cache)
        for _label, args in SCENARIOS:     # warm the bytecode and module caches
            _run([opts.python] + args, env, work)
        if opts.callgrind:
            print(f"{'instructions (millions)':44} {'count':>9}")
            for label, args in SCENARIOS:
                count = _instructions([opts.python] + args, env, work)
                shown = "n/a" if count is None else f"{count / 1e6:9.1f}"
                print(f"{label:44} {shown:>9}")
            return 0
        print(f"{'seconds':44} {'wall min':>8} {'median':>8} {'cpu min':>8} {'median':>8}")
        for label, args in SCENARIOS:
            runs = [_run([opts.python] + args, env, work) for _ in range(opts.runs)]
            walls = [w for w, _c in runs]
            cpus = [c for _w, c in runs]
            print(f"{label:44} {min(walls):8.3f} {statistics.median(walls):8.3f} "
                  f"{min(cpus):8.3f} {statistics.median(cpus):8.3f}")
    finally:
        for folder in (pycache, cache, work):
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
