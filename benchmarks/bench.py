#!/usr/bin/env python3
"""Model-checking benchmark: states per second on specs of our own, of growing size.

Runs ``pytlc`` (and, with ``--vs 'COMMAND'``, another checker such as
``java -cp tla2tools.jar tlc2.TLC``) on ``specs/Tokens.tla`` with growing constants, and
prints for each size the distinct/generated counts, wall time, generated states per second,
peak memory (RSS of the child, Linux), and the time ratio against the other checker.

    python benchmarks/bench.py                  # pytlc alone
    python benchmarks/bench.py --sizes 3,2 4,2  # choose (N, Max) pairs
    python benchmarks/bench.py --vs 'java -cp tla2tools.jar tlc2.TLC'
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


def run(command: list[str], n: int, top: int, workdir: str) -> dict:
    cfg = os.path.join(workdir, f"Tokens_{n}_{top}.cfg")
    with open(cfg, "w") as f:
        f.write(f"CONSTANTS N = {n}\n          Max = {top}\n"
                "INIT Init\nNEXT Next\nINVARIANT TypeOK\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    proc = subprocess.run(command + [SPEC, "-config", cfg, "-workers", "1"],
                          capture_output=True, text=True, cwd=workdir)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    found = STATS.findall(proc.stdout)
    generated, distinct = (int(x.replace(",", "")) for x in found[-1]) if found else (0, 0)
    return {"exit": proc.returncode, "seconds": seconds, "generated": generated,
            "distinct": distinct, "peak_mb": max(peak, before) / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", default="pytlc", help="command line of pytlc")
    ap.add_argument("--vs", help="another checker's command line, run on the same models")
    ap.add_argument("--sizes", nargs="*", default=["3,2", "4,2", "4,3", "5,3"],
                    help="N,Max pairs, smallest first")
    args = ap.parse_args()
    sizes = [tuple(int(x) for x in s.split(",")) for s in args.sizes]
    print(f"{'model':>10} {'distinct':>9} {'generated':>10} {'seconds':>8} {'gen/s':>9} "
          f"{'peak MB':>8}" + ("  vs seconds  ratio" if args.vs else ""))
    with tempfile.TemporaryDirectory() as workdir:
        for n, top in sizes:
            mine = run(shlex.split(args.checker), n, top, workdir)
            line = (f"{f'N={n},Max={top}':>10} {mine['distinct']:>9} {mine['generated']:>10} "
                    f"{mine['seconds']:>8.2f} {mine['generated'] / mine['seconds']:>9.0f} "
                    f"{mine['peak_mb']:>8.0f}")
            if mine["exit"] != 0:
                line += f"  (exit {mine['exit']})"
            if args.vs:
                other = run(shlex.split(args.vs), n, top, workdir)
                line += f"  {other['seconds']:>10.2f}  {mine['seconds'] / other['seconds']:>5.2f}"
                if (other["distinct"], other["generated"]) != (mine["distinct"], mine["generated"]):
                    line += "  COUNTS DIFFER"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
