"""Parse every .tla file under the given directories and report failures and timing.

Usage: python scripts/check_corpus.py DIR [DIR ...] [--roundtrip]

With --roundtrip, also check that parse(format(parse(text))) == parse(text) for each module.
A developer tool for checking the parser against real specifications; not a test.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from tla.errors import TLAError
from tla.parser import parse_module


def main(argv: list[str]) -> int:
    roundtrip = "--roundtrip" in argv
    dirs = [a for a in argv if not a.startswith("--")]
    files = sorted(p for d in dirs for p in Path(d).rglob("*.tla"))
    ok, failures, rt_fail = 0, [], []
    start = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            module = parse_module(text, str(path))
        except TLAError as e:
            failures.append(f"{path}: {type(e).__name__}: {e.message} [{e.span}]")
            continue
        except RecursionError:
            failures.append(f"{path}: RecursionError")
            continue
        ok += 1
        if roundtrip:
            from tla.parser import format_module
            try:
                printed = format_module(module)
                again = parse_module(printed, str(path))
                if again != module:
                    rt_fail.append(f"{path}: round trip differs")
            except TLAError as e:
                rt_fail.append(f"{path}: round trip: {type(e).__name__}: {e}")
    elapsed = time.perf_counter() - start
    for line in failures + rt_fail:
        print(line)
    print(f"{ok}/{len(files)} parsed in {elapsed:.2f} s"
          + (f"; round trip failures: {len(rt_fail)}" if roundtrip else ""))
    return 0 if not failures and not rt_fail else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
