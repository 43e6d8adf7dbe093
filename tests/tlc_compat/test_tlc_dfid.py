"""-dfid N: TLC's depth-first iterative deepening (its dfid.out sample on the same spec),
violations with their depth-first path, an incomplete search, and N < 2."""
from __future__ import annotations

import re

from run_pytlc import copy_specs, pytlc


def after_start(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Starting..."))
    return [re.sub(r"^Finished in .*", "Finished in", line) for line in lines[start + 1:]]


def test_tlcs_sample(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-dfid", "10", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 0
    assert re.search(r"^Running depth-first search Model-Checking with fp \d+ and seed", out,
                     re.M)
    # TLC's dfid.out, without its "based on the actual fingerprints" line (TLC's FP64
    # fingerprints cannot be reproduced)
    assert after_start(out) == [
        "Finished computing initial states: 1 states generated, with 1 of them distinct.",
        "Starting level 2: 1 states generated, 1 distinct states found.",
        "Starting level 3: 2 states generated, 2 distinct states found.",
        "Starting level 4: 4 states generated, 3 distinct states found.",
        "Model checking completed. No error has been found.",
        "  Estimates of the probability that TLC did not check all reachable states",
        "  because two distinct states had the same fingerprint:",
        "  calculated (optimistic):  val = 4.9E-19",
        "6 states generated, 3 distinct states found.",
        "Finished in",
    ]


def test_finds_the_states_breadth_first_search_finds(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-dfid", "20", "SimCounter.tla", "-config", "SimCounterOk.cfg"],
                        tmp_path)
    assert status == 0 and "13 distinct states found." in out


def test_deadlock_and_invariant_paths(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-dfid", "10", "-noTE", "Stop.tla"], tmp_path)
    assert status == 11
    assert "Error: Deadlock reached.\nError: The behavior up to this point is:\n" in out
    assert "State 3: <Next line 6, col 9 to line 6, col 27 of module Stop>\nx = 2\n" in out
    status, out = pytlc(["-dfid", "10", "-noTE", "SimCounter.tla"], tmp_path)
    assert status == 12
    assert "Error: Invariant Inv is violated." in out and "\nState 4: " in out
    assert out.splitlines()[-2].endswith("distinct states found.")


def test_incomplete_search_and_too_shallow(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-dfid", "3", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 0 and "Model checking completed" not in out
    assert after_start(out)[-3:] == ["Starting level 3: 2 states generated, 2 distinct "
                                     "states found.",
                                     "4 states generated, 3 distinct states found.",
                                     "Finished in"]
    status, out = pytlc(["-dfid", "1", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 255
    assert after_start(out)[-2:] == ["1 states generated, 1 distinct states found.",
                                     "Finished in"]
