"""Benchmark of ``pytlc lint``: one typical spec (Python start-up included) and a whole corpus.

Usage: ``python benchmarks/lint_bench.py [--runs N] [--corpus DIR] [--library DIR]``

Specs come from ``/work/shared/corpus/specifications`` (with ``/work/shared/corpus/library``
on TLA_PATH) when that folder exists, else from the repository's ``examples/``. Each
measurement runs a fresh ``python -m tla.lint`` process, as a user or pre-commit would, with
bytecode caching on (in a private cache folder, warmed up by a first run) so that the
figures do not include compiling pytlc's sources. Prints wall-clock and CPU (user + system)
seconds, minimum and median over ``--runs`` runs for single specs and ``--whole-runs`` runs
for the whole corpus. One command over many files shares the work among worker processes;
its CPU figure adds them all up. On a busy machine the CPU figure is the one to compare.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared/corpus")


def _specs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*.tla") if p.is_file())


def _env(library: Path | None, pycache: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    if library is not None:
        env["TLA_PATH"] = str(library)
    return env


def _run(args: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _row(label: str, runs: list[tuple[float, float]]) -> str:
    walls = [w for w, _c in runs]
    cpus = [c for _w, c in runs]
    return (f"{label[:56]:56} {min(walls):7.3f} {statistics.median(walls):8.3f} "
            f"{min(cpus):7.3f} {statistics.median(cpus):8.3f}")


def _typical(specs: list[Path]) -> list[Path]:
    """The spec of median size, and the median-size spec with a model cfg next to it."""
    by_size = sorted(specs, key=lambda p: p.stat().st_size)
    chosen = [by_size[len(by_size) // 2]]
    with_cfg = [p for p in by_size if p.with_suffix(".cfg").exists()]
    if with_cfg:
        chosen.append(with_cfg[len(with_cfg) // 2])
    return list(dict.fromkeys(chosen))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--whole-runs", type=int, default=1)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--library", type=Path)
    opts = parser.parse_args()
    corpus, library = opts.corpus, opts.library
    if corpus is None:
        if (SHARED / "specifications").is_dir():
            corpus = SHARED / "specifications"
            library = library or SHARED / "library"
        else:
            corpus = REPO / "examples"
    specs = _specs(corpus)
    if not specs:
        print(f"no .tla files under {corpus}")
        return 1
    pycache = tempfile.mkdtemp(prefix="pytlc-bench-pyc-")
    try:
        env = _env(library, pycache)
        lint = [sys.executable, "-m", "tla.lint"]
        _run(lint + [str(specs[0])], env)     # warm the bytecode cache
        print(f"corpus: {corpus} ({len(specs)} .tla files)"
              + (f", TLA_PATH={library}" if library else ""))
        print(f"{'seconds':56} {'wall min':>7} {'median':>8} {'cpu min':>7} {'median':>8}")
        baseline = [_run([sys.executable, "-c", "pass"], env) for _ in range(opts.runs)]
        print(_row("python start-up alone", baseline))
        for spec in _typical(specs):
            times = [_run(lint + [spec.name], env, cwd=spec.parent) for _ in range(opts.runs)]
            print(_row(f"lint {spec.relative_to(corpus)} ({spec.stat().st_size} bytes)", times))
        whole = [_run(lint + [str(p) for p in specs], env) for _ in range(opts.whole_runs)]
        print(_row(f"lint all {len(specs)} files in one command", whole))
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
