"""Kill ``pytlc`` runs (SIGINT, SIGTERM, SIGKILL) at several points and resume them with
``-recover``: the resumed run must end with exactly the counts of an uninterrupted run.

The spec (``specs/Grid.tla`` with ``Slow.cfg``) is our own: 4591 distinct states, and an
invariant that costs a little on every state so that a search lasts long enough to be
interrupted. Kill points are chosen by watching the output for the n-th
``Checkpointing completed`` line (checkpoints every 0.1 s through
``PYTLC_CHECKPOINT_SECONDS``), not by sleeping, so the tests do not depend on the machine's
speed for what they assert.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

SPECS = os.path.join(os.path.dirname(__file__), "specs")
STATS = re.compile(r"^(\d+) states generated, (\d+) distinct states found, (\d+) states left on queue\.$",
                   re.M)
DEPTH = re.compile(r"^The depth of the complete state graph search is (\d+)\.$", re.M)
#: the uninterrupted run of Grid.tla with Slow.cfg (checked by test_uninterrupted_counts)
FULL = ("21328", "4591", "0", "29")


def final_counts(output: str) -> tuple[str, str, str, str]:
    stats = STATS.findall(output)[-1]
    return (*stats, DEPTH.findall(output)[-1])


@pytest.fixture
def spec_dir(tmp_path):
    for name in ("Grid.tla", "Grid.cfg", "Slow.cfg"):
        shutil.copy(os.path.join(SPECS, name), tmp_path / name)
    return tmp_path


def pytlc(args, cwd, **env_extra):
    env = dict(os.environ, PYTHONUNBUFFERED="1", **env_extra)
    return subprocess.Popen([sys.executable, "-m", "tla.tlc_compat.cli", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def run_until(spec_dir, signum, checkpoints: int, extra_args=(), interval="0.1"):
    """Start a run, send ``signum`` after the ``checkpoints``-th completed checkpoint;
    returns (exit status, stdout, stderr)."""
    proc = pytlc(["-config", "Slow.cfg", *extra_args, "Grid.tla"], spec_dir,
                 PYTLC_CHECKPOINT_SECONDS=interval)
    lines, seen = [], 0
    try:
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Checkpointing completed"):
                seen += 1
                if seen == checkpoints:
                    proc.send_signal(signum)
                    break
        rest, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, "".join(lines) + rest, err


def recover(spec_dir, run_dir, interval="0.1", extra_args=()):
    proc = pytlc(["-config", "Slow.cfg", "-recover", run_dir, *extra_args, "Grid.tla"], spec_dir,
                 PYTLC_CHECKPOINT_SECONDS=interval)
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


def only_run_dir(spec_dir) -> str:
    runs = os.listdir(spec_dir / "states")
    assert len(runs) == 1, runs
    return str(spec_dir / "states" / runs[0])


def test_uninterrupted_counts(spec_dir):
    proc = pytlc(["-config", "Slow.cfg", "-checkpoint", "0", "Grid.tla"], spec_dir)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    assert final_counts(out) == FULL
    assert not (spec_dir / "states").exists()      # no checkpoint, nothing left behind


@pytest.mark.parametrize("signum,status,checkpoints", [
    (signal.SIGINT, 130, 1),
    (signal.SIGTERM, 143, 2),
])
def test_signal_prints_stats_checkpoints_and_resumes(spec_dir, signum, status, checkpoints):
    code, out, err = run_until(spec_dir, signum, checkpoints)
    assert code == status, out + err
    assert "Traceback" not in out + err
    assert f"Interrupted by {signal.Signals(signum).name}" in out
    generated, distinct, left, depth = final_counts(out)
    assert 0 < int(distinct) <= int(FULL[1]) and int(left) > 0      # stopped early
    assert out.rstrip().splitlines()[-1].startswith("Finished in")
    run_dir = re.search(r"^Resume it with: -recover (.+)$", out, re.M).group(1)
    assert run_dir == only_run_dir(spec_dir)
    assert os.listdir(run_dir) == ["checkpoint.pytlc"]           # no temp file left
    code, out2, err2 = recover(spec_dir, run_dir)
    assert code == 0, out2 + err2
    assert f"Recovery completed. {distinct} states examined. {left} states on queue." in out2
    assert final_counts(out2) == FULL


@pytest.mark.parametrize("checkpoints", [1, 3])
def test_sigkill_then_recover_from_last_checkpoint(spec_dir, checkpoints):
    code, out, err = run_until(spec_dir, signal.SIGKILL, checkpoints)
    assert code == -signal.SIGKILL
    code, out2, err2 = recover(spec_dir, only_run_dir(spec_dir))
    assert code == 0, out2 + err2
    assert final_counts(out2) == FULL


def test_sigint_without_checkpoints_leaves_nothing(spec_dir):
    proc = pytlc(["-config", "Slow.cfg", "-checkpoint", "0", "Grid.tla"], spec_dir)
    for line in proc.stdout:
        if line.startswith("Finished computing initial states"):
            proc.send_signal(signal.SIGINT)
            break
    rest, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, rest + err
    assert "Traceback" not in rest + err
    assert "Resume it with" not in rest
    assert STATS.search(rest) and DEPTH.search(rest)
    assert not (spec_dir / "states").exists()


def test_recover_refuses_corrupt_other_cfg_and_missing(spec_dir):
    code, out, err = run_until(spec_dir, signal.SIGKILL, 1)
    run_dir = only_run_dir(spec_dir)
    corrupt = str(spec_dir / "corrupt")
    shutil.copytree(run_dir, corrupt)
    path = os.path.join(corrupt, "checkpoint.pytlc")
    data = open(path, "rb").read()
    with open(path, "wb") as f:
        f.write(data[: len(data) - 100])
    code, out, err = recover(spec_dir, corrupt)
    assert code == 255 and "is corrupt" in out, out
    code, out, err = recover(spec_dir, str(spec_dir / "nowhere"))
    assert code == 255 and "is not a directory" in out, out
    (spec_dir / "Slow.cfg").write_text((spec_dir / "Slow.cfg").read_text().replace("N = 9", "N = 8"))
    code, out, err = recover(spec_dir, run_dir)
    assert code == 255
    assert "written for another spec, cfg or state-space option" in out
    assert "Traceback" not in out + err


# ---------------------------------------------------------------- with worker processes
@pytest.mark.parametrize("workers", ["2", "3"])
def test_workers_give_the_uninterrupted_counts(spec_dir, workers):
    proc = pytlc(["-config", "Slow.cfg", "-checkpoint", "0", "-workers", workers, "Grid.tla"],
                 spec_dir)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, out + err
    assert f"with {workers} workers on" in out
    assert final_counts(out) == FULL


@pytest.mark.parametrize("workers,resume_workers", [
    (("-workers", "2"), ("-workers", "2")),
    (("-workers", "2"), ()),
    ((), ("-workers", "2")),
])
def test_workers_interrupted_then_recovered_with_any_number_of_workers(spec_dir, workers,
                                                                       resume_workers):
    code, out, err = run_until(spec_dir, signal.SIGINT, 2, extra_args=workers)
    assert code == 130, out + err
    assert "Traceback" not in out + err
    generated, distinct, left, depth = final_counts(out)
    assert int(left) > 0
    run_dir = re.search(r"^Resume it with: -recover (.+)$", out, re.M).group(1)
    code, out2, err2 = recover(spec_dir, run_dir, extra_args=resume_workers)
    assert code == 0, out2 + err2
    assert f"Recovery completed. {distinct} states examined. {left} states on queue." in out2
    assert final_counts(out2) == FULL


def test_workers_killed_then_recovered(spec_dir):
    code, out, err = run_until(spec_dir, signal.SIGKILL, 2, extra_args=("-workers", "2"))
    assert code == -signal.SIGKILL
    code, out2, err2 = recover(spec_dir, only_run_dir(spec_dir), extra_args=("-workers", "2"))
    assert code == 0, out2 + err2
    assert final_counts(out2) == FULL
