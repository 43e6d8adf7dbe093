"""End-to-end runs of ``pytlc`` on specs of our own: TLC's messages, traces, statistics and
exit codes for each cfg keyword, each error path and ``-tool`` framing.

Each line of ``cases.txt`` names a run; ``golden/<name>.out`` holds its expected output with
what differs from run to run normalized (dates, durations, the banner's machine data, file
paths). Regenerate after a deliberate change with ``python tests/checker/test_tlc_runs.py
--update`` and review the diff against TLC's documented output.
"""
from __future__ import annotations

import io
import os
import re
import shlex
import sys
from contextlib import redirect_stdout

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SPECS = os.path.join(HERE, "specs")
GOLDEN = os.path.join(HERE, "golden")


def load_cases():
    cases = []
    with open(os.path.join(HERE, "cases.txt")) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                name, args, status = (part.strip() for part in line.split("|"))
                cases.append((name, shlex.split(args), int(status)))
    return cases


_NORMALIZE = [
    (re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"), "<now>"),
    (re.compile(r"Finished in \d+(ms|s)"), "Finished in <t>"),
    (re.compile(r"^Running breadth-first search.*$", re.M), "Running breadth-first search <banner>"),
    (re.compile(r"^TLC2 Version .*$", re.M), "TLC2 Version <version>"),
    (re.compile(r"^Parsing file .*\n", re.M), ""),
    (re.compile(r"^Semantic processing of module .*\n", re.M), ""),
]


def normalize(text: str) -> str:
    text = text.replace(SPECS + os.sep, "")
    for pattern, replacement in _NORMALIZE:
        text = pattern.sub(replacement, text)
    return text


def run(args: list[str]) -> tuple[int, str]:
    from tla.tlc_compat.cli import main
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(SPECS)
    try:
        with redirect_stdout(out):
            # trace-exploration specs are tested in tests/tlc_compat; these runs write none
            status = main(["-noTE"] + args)
    finally:
        os.chdir(cwd)
    return status, normalize(out.getvalue())


@pytest.mark.parametrize("name,args,status", load_cases(), ids=[c[0] for c in load_cases()])
def test_run_matches_golden(name, args, status):
    got_status, output = run(args)
    with open(os.path.join(GOLDEN, name + ".out")) as f:
        expected = f.read()
    assert output == expected
    assert got_status == status


if __name__ == "__main__" and "--update" in sys.argv:
    os.makedirs(GOLDEN, exist_ok=True)
    for name, args, status in load_cases():
        got_status, output = run(args)
        with open(os.path.join(GOLDEN, name + ".out"), "w") as f:
            f.write(output)
        print(f"{name}: exit {got_status} (expected {status})")
