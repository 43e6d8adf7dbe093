#!/usr/bin/env python3
"""A longer, seeded fuzz run of pytlc's front ends, outside CI.

    python scripts/fuzz.py [--seed N] [--cases N] [--targets module,expr,cfg,eval,lint,cli]
                           [--corpus DIR] [--timeout S] [--memory-mb M] [--json FILE]

Takes: seed texts (pytlc's own, from ``tests/robustness/seeds.py``, plus the ``.tla`` and
``.cfg`` files under ``--corpus`` and the one-line definitions found in them, used as
expressions) and mutates them with ``tests/robustness/mutations.py``. Each mutated text goes
to one target: ``parse_module``, ``parse_expression``, ``parse_cfg``, ``tla.evaluate``, the
linter (on a file written with raw bytes), or the whole ``pytlc`` command (``cli``: a mutated
module with a fixed cfg, run in a subprocess; a failure is a Python traceback, an internal
error or an exit status TLC never uses; running out of time is counted, not a failure, as a
mutation may well make the state space infinite). Gives: on stdout, every distinct failure (an
exception other than a located ``TLAError``, or a hang), grouped by exception type and the
innermost pytlc ``file:line``, each with the shortest input that produced it; with
``--json``, the same as a JSON list. Exit status 1 when there was a failure, else 0.

The run is reproducible: the same ``--seed``, ``--cases`` and seed files give the same inputs.
Memory is capped (``--memory-mb``) so that a runaway enumeration fails as a MemoryError
instead of taking the machine down.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "robustness"))

from mutations import mutate, outcome  # noqa: E402  (path set just above)
from seeds import CFGS, EXPRESSIONS, MODULES  # noqa: E402

DEFAULT_CORPUS = "/work/shared/corpus/specifications"
ONE_LINE_DEF = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(?:\([^()]*\))?\s*==\s*(.+)$", re.M)


def load_seeds(corpus: str | None, limit: int = 400):
    """(modules, expressions, cfgs): pytlc's own seeds plus up to ``limit`` corpus files."""
    modules, expressions, cfgs = list(MODULES), list(EXPRESSIONS), list(CFGS)
    if corpus and os.path.isdir(corpus):
        paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(corpus) for f in fs
                       if f.endswith((".tla", ".cfg")))[:limit]
        for path in paths:
            try:
                with open(path, encoding="utf-8") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            if path.endswith(".cfg"):
                cfgs.append(text)
            elif len(text) < 20000:
                modules.append(text)
                expressions.extend(m.group(1).strip() for m in ONE_LINE_DEF.finditer(text)
                                   if len(m.group(1)) < 200)
    return modules, expressions, cfgs


#: exit statuses TLC uses (tlc-interface.md section 1), plus pytlc's 130/143 for signals
TLC_STATUSES = {0, 1, 10, 11, 12, 13, 14, 75, 76, 77, 150, 151, 152, 153, 255, 130, 143}
CLI_CFG = "CONSTANT N = 2\nCONSTANT K = 2\nINIT Init\nNEXT Next\n"


class CliTimeout(Exception):
    """The pytlc run did not end in time (not a finding: the state space may be infinite)."""


def run_cli(text: str, workdir: str, timeout: float) -> None:
    """``pytlc`` on ``text`` as M.tla; raises AssertionError on a finding."""
    import subprocess
    name = re.search(r"MODULE\s+(\w+)", text)
    module = name.group(1) if name else "M"
    path = os.path.join(workdir, f"{module}.tla")
    with open(path, "wb") as f:
        f.write(text.encode("utf-8", "surrogatepass"))
    with open(os.path.join(workdir, f"{module}.cfg"), "w") as f:
        f.write(CLI_CFG)
    try:
        proc = subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", "-checkpoint", "0",
                               path], cwd=workdir, capture_output=True, text=True,
                              timeout=timeout, errors="replace")
    except subprocess.TimeoutExpired:
        raise CliTimeout() from None
    output = proc.stdout + proc.stderr
    if "Traceback" in output or "internal error" in output or proc.returncode not in TLC_STATUSES:
        last = [line for line in output.splitlines() if line.strip()][-3:]
        raise AssertionError(f"exit {proc.returncode}: " + " | ".join(last))


def targets(names: list[str], workdir: str, timeout: float = 10.0):
    import tla
    from tla.lint import run_lint
    from tla.parser import parse_expression, parse_module
    from tla.tlc_compat.cfg import parse_cfg

    def lint(text: str) -> None:
        path = os.path.join(workdir, "M.tla")
        with open(path, "wb") as f:
            f.write(text.encode("utf-8", "surrogatepass"))
        run_lint([path], io.StringIO())

    table = {
        "module": ("modules", lambda t: parse_module(t, "M.tla")),
        "expr": ("expressions", parse_expression),
        "cfg": ("cfgs", lambda t: parse_cfg(t, "M.cfg")),
        "eval": ("expressions", tla.evaluate),
        "lint": ("modules", lint),
        "cli": ("modules", lambda t: run_cli(t, workdir, timeout)),
    }
    return [(name, *table[name]) for name in names]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=20000, help="inputs per target")
    ap.add_argument("--targets", default="module,expr,cfg,eval,lint")
    ap.add_argument("--corpus", default=DEFAULT_CORPUS)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds per input")
    ap.add_argument("--memory-mb", type=int, default=4096)
    ap.add_argument("--cli-cases", type=int, default=300,
                    help="at most this many inputs for the cli target (a process each)")
    ap.add_argument("--json", help="write the failures to this file")
    args = ap.parse_args(argv)

    limit = args.memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    modules, expressions, cfgs = load_seeds(args.corpus)
    pools = {"modules": modules, "expressions": expressions, "cfgs": cfgs}
    print(f"seeds: {len(modules)} modules, {len(expressions)} expressions, {len(cfgs)} cfgs")
    failures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as workdir:
        for name, pool, call in targets(args.targets.split(","), workdir, args.timeout):
            rng = random.Random(f"{args.seed}:{name}")
            started, tally = time.monotonic(), {"value": 0, "error": 0, "failure": 0}
            cases = args.cases if name != "cli" else min(args.cases, args.cli_cases)
            for _ in range(cases):
                text = mutate(rng.choice(pools[pool]), rng, rng.randrange(1, 6))
                # the cli target has its own (subprocess) time limit; this one is a backstop
                limit = args.timeout + 5 if name == "cli" else args.timeout
                kind, description = outcome(lambda: call(text), limit)
                if kind == "failure" and description.startswith("CliTimeout"):
                    kind = "timeout"
                tally[kind] = tally.get(kind, 0) + 1
                if kind != "failure":
                    continue
                key = f"{name}: {re.sub(r':.*? at ', ' at ', description, count=1)}"
                known = failures.get(key)
                if known is None or len(text) < len(known["input"]):
                    failures[key] = {"target": name, "failure": description, "input": text,
                                     "count": (known or {}).get("count", 0) + 1}
                else:
                    known["count"] += 1
            print(f"{name}: {tally} in {time.monotonic() - started:.0f} s", flush=True)
    for key, f in sorted(failures.items()):
        print(f"\n[{f['target']}] x{f['count']} {f['failure']}\n  input: {f['input']!r:.400}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(list(failures.values()), out, indent=1)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
