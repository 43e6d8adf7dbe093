"""``-simulate``: TLC's random numbers, the behaviours a seed gives (TLC's own for its
simulate.out sample), the messages, statistics, exit codes and ``TLCGet`` values of a
simulation, ``-continue``, ``-depth`` and ``file=``."""
from __future__ import annotations

import re

import pytest

from run_pytlc import copy_specs, pytlc
from tla.checker.search import Checks
from tla.checker.simulate import (JavaRandom, SimulationAction, SimulationOutcome,
                                  SimulationSettings, Simulator, stride_primes, worker_seed)


# ------------------------------------------------------------------ TLC's random numbers

def test_java_random_matches_java_util_random():
    # values of java.util.Random (documented behaviour of the JDK's LCG)
    assert JavaRandom(42)._next(32) == -1170105035
    assert JavaRandom(0).next_double() == 0.730967787376657
    assert JavaRandom(42).next_long() == -5025562857975149833


def test_aril_counts_doubles_and_shifts_the_sequence():
    rng = JavaRandom(5)
    rng.next_double(), rng.next_double()
    assert rng.aril == 2
    assert JavaRandom(5, aril=2).next_double() == rng.next_double()
    assert worker_seed(5, 2) != worker_seed(5)


def test_stride_primes_are_tlcs_table():
    primes = stride_primes()
    assert len(primes) == 1341
    assert primes[:3] == [1277011, 1277021, 1277039] and primes[-1] == 1295953


def test_welford_statistics_in_tlc_integer_arithmetic():
    out = SimulationOutcome()
    for length in (3, 5, 4):
        out.traces += 1
        out.add_trace_length(length)
    # integer mean updates: 3, 3 + 2/2 = 4, 4 + 0/3 = 4; M2: 0, 2 * (5 - 4), + 0
    assert (out.mean, out.m2) == (4, 2)
    # Var = round(M2 / (traces + 1)) and sd = round(sqrt(...)), Java rounding half up
    assert (out.variance, out.deviation) == (1, 1)


# ------------------------------------------------------------------ the simulator itself

def counter_simulator(depth=5, traces=3, **checks):
    def inc(state):
        return [(state[0] + 1,)] if state[0] < 3 else []
    actions = [SimulationAction("Inc", inc)]
    return Simulator(lambda: [(0,)], actions, Checks(**checks),
                     SimulationSettings(seed=1, depth=depth, traces=traces))


def test_deadlock_ends_the_behaviour_or_is_reported():
    out = counter_simulator(check_deadlock=False).run()
    assert out.violation is None and out.traces == 3
    assert out.generated == 1 + 3 * 3 and out.mean == 4
    violation = counter_simulator(check_deadlock=True).run().violation
    assert violation.kind == "deadlock"
    assert [step.state for step in violation.steps] == [(0,), (1,), (2,), (3,)]
    assert [step.level for step in violation.steps] == [1, 2, 3, 4]


def test_depth_bounds_the_number_of_steps():
    out = counter_simulator(depth=2, traces=4, check_deadlock=False).run()
    assert out.generated == 1 + 4 * 2 and out.mean == 2


def test_invariant_violation_carries_the_offending_state():
    sim = counter_simulator(invariants=[("Small", lambda s: s[0] < 2)])
    violation = sim.run().violation
    assert violation.kind == "invariant" and violation.name == "Small"
    assert violation.steps[-1].state == (2,) and violation.steps[-1].label == "Inc"


def test_keep_going_reports_every_violation():
    seen = []
    sim = counter_simulator(invariants=[("Small", lambda s: s[0] < 2)], keep_going=True,
                            check_deadlock=False)
    sim.on_violation = seen.append
    out = sim.run()
    assert out.violation is None and len(seen) == 3 and out.traces == 3


# ------------------------------------------------------------------ pytlc -simulate

TLC_TRACE_SEED_1 = [
    # the behaviour TLC prints for its simulate.out sample with -seed 1
    "State 1: <Init line 6, col 9 to line 8, col 17 of module SimCounter>",
    "/\\ s = {}", "/\\ x = 0", '/\\ y = (p1 :> "idle" @@ p2 :> "idle")', "",
    "State 2: <Inc(p2) line 10, col 11 to line 13, col 28 of module SimCounter>",
    "/\\ s = {p2}", "/\\ x = 1", '/\\ y = (p1 :> "idle" @@ p2 :> "busy")', "",
    "State 3: <Inc(p1) line 10, col 11 to line 13, col 28 of module SimCounter>",
    "/\\ s = {p1, p2}", "/\\ x = 2", '/\\ y = (p1 :> "busy" @@ p2 :> "busy")', "",
    "State 4: <Inc(p1) line 10, col 11 to line 13, col 28 of module SimCounter>",
    "/\\ s = {p1, p2}", "/\\ x = 3", '/\\ y = (p1 :> "busy" @@ p2 :> "busy")', "",
]


def body(output: str) -> list[str]:
    """The lines after ``Starting...`` up to ``Finished in``, with the wall-clock times
    (``generated at 2026-12-04 17:56:51``) masked: two runs may straddle a second."""
    lines = re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "<now>", output).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Starting..."))
    end = next(i for i, line in enumerate(lines) if line.startswith("Finished in"))
    return lines[start + 1:end]


def test_seed_gives_tlcs_behaviour(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "-seed", "1", "-noTE", "SimCounter.tla"], tmp_path)
    assert status == 12
    assert re.search(r"^Running Random Simulation with seed 1 with 1 worker on \d+ cores",
                     out, re.M)
    assert body(out) == [
        "Computed 1 initial states...",
        "Finished computing initial states: 1 distinct state generated at <now>.",
        "Error: Invariant Inv is violated.",
        "Error: The behavior up to this point is:",
        *TLC_TRACE_SEED_1,
        "The number of states generated: 4",
        "Simulation using seed 1 and aril 0",
        "Progress: 4 states checked, 1 traces generated (trace length: mean=0, var(x)=0, sd=0)",
    ]


def test_same_seed_same_run_and_num_depth_statistics(tmp_path):
    copy_specs(tmp_path)
    args = ["-simulate", "num=20", "-depth", "10", "-seed", "7", "SimCounter.tla",
            "-config", "SimCounterOk.cfg"]
    first, second = pytlc(args, tmp_path), pytlc(args, tmp_path)
    assert first[0] == second[0] == 0
    assert body(first[1]) == body(second[1])
    # every step of these behaviours has exactly one successor: 20 * 10 + 1 states
    assert body(first[1])[-3:] == [
        "Progress: 201 states checked, 20 traces generated (trace length: mean=10, var(x)=0, "
        "sd=0)",
        "The number of states generated: 201",
        "Simulation using seed 7 and aril 0"]


def test_tlcget_in_simulation(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "num=3", "-depth", "4", "-seed", "2", "SimCounter.tla",
                         "-config", "SimCounterStats.cfg"], tmp_path)
    assert status == 0, out


def test_deadlock_in_simulation(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "-seed", "3", "-noTE", "Stop.tla"], tmp_path)
    assert status == 11
    assert "Error: Deadlock reached." in out
    assert "State 3: <Next line 6, col 9 to line 6, col 27 of module Stop>\nx = 2\n" in out
    status, out = pytlc(["-simulate", "num=5", "-deadlock", "Stop.tla"], tmp_path)
    assert status == 0 and "Progress: 11 states checked, 5 traces generated" in out


def test_continue_reports_each_violation_then_succeeds(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "num=4", "-continue", "-seed", "1", "SimCounter.tla"],
                        tmp_path)
    assert status == 0
    assert out.count("Error: Invariant Inv is violated.") == 4
    assert out.count("The number of states generated:") == 5
    assert "Trace exploration spec path" not in out


def test_trace_files(tmp_path):
    copy_specs(tmp_path)
    status, _ = pytlc(["-simulate", "file=run,num=2", "-depth", "2", "-seed", "4",
                       "SimCounter.tla", "-config", "SimCounterOk.cfg"], tmp_path)
    assert status == 0
    text = (tmp_path / "run_0_1").read_text()
    assert text.startswith("---------------- MODULE run_0_1 -----------------\n"
                           "\\* <Init line 6, col 9 to line 8, col 17 of module SimCounter>\n"
                           "STATE_1 == \n/\\ s = {}\n")
    assert text.count("STATE_") == 3 and text.endswith("=====\n")
    assert (tmp_path / "run_0_0").exists()


def test_liveness_is_refused_plainly(tmp_path):
    copy_specs(tmp_path)
    status, out = pytlc(["-simulate", "SimCounter.tla", "-config", "SimCounterLive.cfg"],
                        tmp_path)
    assert status == 255
    assert "pytlc does not check temporal properties (liveness) in simulation mode" in out


@pytest.mark.parametrize("flag", ["-tool"])
def test_tool_mode_summary(tmp_path, flag):
    copy_specs(tmp_path)
    status, out = pytlc([flag, "-simulate", "-seed", "1", "SimCounter.tla"], tmp_path)
    assert status == 12
    assert "@!@!@STARTMSG 2188:0 @!@!@\nRunning Random Simulation with seed 1" in out
    assert re.search(r"@!@!@STARTMSG 2209:0 @!@!@\nProgress\(1\) at .*: 4 states generated, "
                     r"-1 distinct states found, -1 states left on queue.", out)
    assert "@!@!@STARTMSG 2210:0 @!@!@\nThe number of states generated: 4\n" in out
