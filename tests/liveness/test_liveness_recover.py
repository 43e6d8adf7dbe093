"""Liveness across an interruption: a run stopped after a checkpoint and resumed with
``-recover`` checks its properties on the whole behaviour graph (the graph, with its atom
bits and the atoms still waiting, is part of the checkpoint) and reports what an
uninterrupted run reports."""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
STATS = re.compile(r"^(\d+) states generated, (\d+) distinct states found, (\d+) states "
                   r"left on queue\.$", re.M)


@pytest.fixture
def spec_dir(tmp_path):
    for name in ("Early.tla", "Early_FairOften.cfg", "Early_Never.cfg"):
        shutil.copy(os.path.join(FIXTURES, name), tmp_path / name)
    return tmp_path


def pytlc(args, cwd):
    env = dict(os.environ, PYTHONUNBUFFERED="1", PYTLC_CHECKPOINT_SECONDS="0.05",
               PYTLC_LIVENESS_SECONDS="0")
    return subprocess.Popen([sys.executable, "-m", "tla.tlc_compat.cli", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def interrupted_then_recovered(spec_dir, cfg: str, *flags: str) -> tuple[int, str]:
    proc = pytlc(["-config", cfg, *flags, "Early.tla"], spec_dir)
    try:
        for line in proc.stdout:
            if line.startswith("Checkpointing completed"):
                proc.send_signal(signal.SIGINT)
                break
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130
    runs = os.listdir(spec_dir / "states")
    assert len(runs) == 1
    again = pytlc(["-config", cfg, "-recover", str(spec_dir / "states" / runs[0]), *flags,
                   "Early.tla"], spec_dir)
    out, _ = again.communicate(timeout=120)
    return again.returncode, out


def test_recovered_run_checks_the_whole_graph(spec_dir):
    status, out = interrupted_then_recovered(spec_dir, "Early_FairOften.cfg")
    assert status == 0, out
    assert STATS.findall(out)[-1] == ("36061", "18060", "0")
    assert "Checking temporal properties for the complete state space with 18060 total" in out


def test_recovered_run_finds_the_violation(spec_dir):
    status, out = interrupted_then_recovered(spec_dir, "Early_Never.cfg", "-lncheck", "final")
    assert status == 13, out
    assert "Error: Temporal property Never was violated." in out
    assert re.search(r"State 1: <Initial predicate>\n/\\ m = 0\n/\\ n = 0\n\nState 2: "
                     r"Stuttering", out)
