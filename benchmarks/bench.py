#!/usr/bin/env python3
"""Model-checking benchmark: states per second on specs of our own, of growing size.

Runs ``pytlc`` (and, with ``--vs 'COMMAND'``, another checker such as
``java -cp tla2tools.jar tlc2.TLC``) on ``specs/Tokens.tla`` with growing constants, and
prints for each size the distinct/generated counts, wall time, generated states per second,
peak memory (largest RSS of one process, Linux) and, with ``--vs``, the time ratio against
the other checker. With ``--workers 1,2`` each size is run once per worker count and the
speed-up against the first count is printed; the counts must be identical ("COUNTS DIFFER"
otherwise).

    python benchmarks/bench.py                  # pytlc alone
    python benchmarks/bench.py --sizes 3,2 4,2  # choose (N, Max) pairs
    python benchmarks/bench.py --workers 1,2 --sizes 5,4 5,5 --repeat 3
    python benchmarks/bench.py --vs 'java -cp tla2tools.jar tlc2.TLC'

CPU seconds (user + system, of the run and its worker processes) are printed next to wall
seconds: on a shared machine the wall time of a parallel run depends on what else runs.
``--repeat K`` runs every configuration K times, interleaved, and keeps the fastest run of
each (noise from other work on the machine only ever slows a run down).
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = os.path.join(HERE, "specs", "Tokens.tla")
STATS = re.compile(r"([\d,]+) states generated, ([\d,]+) distinct states found")


def run(command: list[str], n: int, top: int, workdir: str, workers: int = 1) -> dict:
    cfg = os.path.join(workdir, f"Tokens_{n}_{top}.cfg")
    with open(cfg, "w") as f:
        f.write(f"CONSTANTS N = {n}\n          Max = {top}\n"
                "INIT Init\nNEXT Next\nINVARIANT TypeOK\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(command + [SPEC, "-config", cfg, "-workers", str(workers),
                                     "-checkpoint", "0"],
                          capture_output=True, text=True, cwd=workdir)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    found = STATS.findall(proc.stdout)
    generated, distinct = (int(x.replace(",", "")) for x in found[-1]) if found else (0, 0)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"exit": proc.returncode, "seconds": seconds, "cpu": cpu, "generated": generated,
            "distinct": distinct, "peak_mb": max(after.ru_maxrss, before.ru_maxrss) / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", default="pytlc", help="command line of pytlc")
    ap.add_argument("--vs", help="another checker's command line, run on the same models")
    ap.add_argument("--sizes", nargs="*", default=["3,2", "4,2", "4,3", "5,3"],
                    help="N,Max pairs, smallest first")
    ap.add_argument("--workers", default="1",
                    help="comma-separated worker counts to run pytlc with (e.g. 1,2)")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each size and worker count this many times, interleaved, and "
                         "report the fastest run (a shared machine's noise only slows runs)")
    args = ap.parse_args()
    sizes = [tuple(int(x) for x in s.split(",")) for s in args.sizes]
    counts = [int(w) for w in args.workers.split(",")]
    print(f"{'model':>10} {'workers':>7} {'distinct':>9} {'generated':>10} {'seconds':>8} "
          f"{'cpu s':>7} {'gen/s':>9} {'peak MB':>8} {'speed-up':>8}"
          + ("  vs seconds  ratio" if args.vs else ""))
    with tempfile.TemporaryDirectory() as workdir:
        for n, top in sizes:
            first = None
            best: dict[int, dict] = {}
            for _ in range(max(1, args.repeat)):
                for workers in counts:
                    got = run(shlex.split(args.checker), n, top, workdir, workers)
                    if workers not in best or got["seconds"] < best[workers]["seconds"]:
                        best[workers] = got
            for workers in counts:
                mine = best[workers]
                speedup = first["seconds"] / mine["seconds"] if first else 1.0
                line = (f"{f'N={n},Max={top}':>10} {workers:>7} {mine['distinct']:>9} "
                        f"{mine['generated']:>10} {mine['seconds']:>8.2f} {mine['cpu']:>7.2f} "
                        f"{mine['generated'] / mine['seconds']:>9.0f} {mine['peak_mb']:>8.0f} "
                        f"{speedup:>7.2f}x")
                if mine["exit"] != 0:
                    line += f"  (exit {mine['exit']})"
                if first and (first["distinct"], first["generated"]) != \
                        (mine["distinct"], mine["generated"]):
                    line += "  COUNTS DIFFER"
                if args.vs and first is None:
                    other = run(shlex.split(args.vs), n, top, workdir)
                    line += f"  {other['seconds']:>10.2f}  {mine['seconds'] / other['seconds']:>5.2f}"
                    if (other["distinct"], other["generated"]) != (mine["distinct"], mine["generated"]):
                        line += "  COUNTS DIFFER"
                first = first or mine
                print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
