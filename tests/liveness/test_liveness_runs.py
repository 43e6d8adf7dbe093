"""PROPERTY checking end to end on small specs of our own (tests/liveness/fixtures):
every temporal operator and fairness form, satisfied and violated, with TLC's messages,
counterexample shapes and exit codes, and the warnings about reductions."""
from __future__ import annotations

import io
import os
import re

import pytest

from tla.tlc_compat.options import parse_options
from tla.tlc_compat.tlc_run import Run

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")


def run(cfg: str) -> tuple[int, str]:
    module = cfg.split("_")[0]
    out = io.StringIO()
    # -noTE: these runs write no trace-exploration spec (tested in tests/tlc_compat)
    opts = parse_options([os.path.join(FIXTURES, module + ".tla"), "-config",
                          os.path.join(FIXTURES, cfg + ".cfg"), "-workers", "1", "-noTE"])
    code = Run(opts, out=out).run()
    return code, out.getvalue()


# (cfg, exit code, name of the violated temporal property or None)
CASES = [
    ("Cycle_WF", 0, None),                       # []<>P holds under WF
    ("Cycle_NoFair", 13, "InfOften0"),           # ... and fails without fairness
    ("Cycle_Reach5", 13, "Reach5"),              # <>P never: a lasso
    ("Cycle_Leads", 0, None),                    # P ~> Q under WF
    ("Cycle_LeadsNoFair", 13, "Leads"),          # P ~> Q, stuttering counterexample
    ("Cycle_TakesA", 0, None),                   # []<><<A>>_v under WF_v(A)
    ("Cycle_TakesANoFair", 13, "TakesA"),
    ("Cycle_SomeB", 13, "SomeB"),                # <><<B>>_v: B never continuously enabled
    ("Cycle_SomeBWF", 13, "SomeB"),
    ("Cycle_ReachDoneWF", 13, "ReachDone"),
    ("Cycle_ReachDoneWFBoth", 13, "ReachDone"),  # WF_vars(B) does not force B ...
    ("Cycle_ReachDoneSF", 0, None),              # ... SF_vars(B) does (<>P, ~>, <>[]P)
    ("Cycle_EventuallyDoneWF", 13, "EventuallyDone"),
    ("Cycle_EventuallyDoneWFBoth", 13, "EventuallyDone"),
    ("Cycle_LeadsDone", 13, "LeadsDone"),
    ("Cycle_Enabled", 0, None),                  # []<>ENABLED <<A>>_v
    ("Cycle_Both", 13, "Reach5"),                # a conjunction: the failing part is named
    ("Toggle_WF", 13, "GetsY"),                  # intermittently enabled action, WF
    ("Toggle_SF", 0, None),                      # ... SF suffices
    ("Procs_WF", 13, "Starvation"),              # \A p : [](try(p) => <>cs(p)), \A-quantified WF
    ("Procs_SF", 0, None),                       # ... with \A-quantified SF
    ("Hour_Refines", 0, None),                   # INSTANCE refinement, fairness included
    ("Hour_RefinesNoFair", 13, "Abs!Spec"),      # the abstract WF is not implied
    ("Hour_Live", 0, None),                      # \A k \in 1..3 : []<>(h = k)
    ("Hour_Wrong", 13, "Abs!Wrong"),             # <>[]P
    ("Cycle_StableA", 0, None),                  # <>[][A]_v: B happens once at most
    ("Cycle_StableB", 13, "StableB"),            # ... A steps go on forever
    ("Counters_ExprSub", 0, None),               # WF_e(A) with e not a tuple of variables
    ("Counters_HiddenSub", 13, "EachX"),         # WF_y(IncX): <<IncX>>_y never enabled
    ("Steps_WeakX", 13, "EachX"),                # WF of actions the search does not label
    ("Steps_WeakY", 13, "EachY"),
    ("Steps_Strong", 13, "EachX"),
    ("Scaled_FairX", 0, None),                   # ENABLED of a substituted prime, on steps
    ("Scaled_FairY", 13, "Abs!Spec"),            # ... the abstract step never taken
    ("Scaled_NoFair", 13, "Abs!Spec"),
]


def test_an_atom_failing_only_when_a_check_needs_it_is_an_evaluation_error():
    r"""Steps_Outside's WF_vars(IncX /\ f[x] >= 0): its ENABLED, evaluated when the check of
    the complete graph needs it, applies f outside its domain. That is reported as the
    errors of atoms evaluated during the search are (not as a bug of pytlc)."""
    status, text = run("Steps_Outside")
    assert status == 255, text
    assert "to argument 4, which is not in the domain of the function." in text
    assert "line 15, col 62 to line 15, col 65 of module Steps" in text
    assert "internal error" not in text and "Temporal property" not in text
    assert "20 distinct states found" in text


def test_enabled_the_evaluator_cannot_solve_is_asked_only_where_no_step_decides(monkeypatch):
    r"""Scaled's abstract WF primes ``x * 1``: once the evaluator has failed to solve its
    ENABLED, a state's steps decide it, and the evaluator is asked only in the states none
    of whose steps takes the abstract step (x = 2, where its guard is false)."""
    from tla.checker.liveness import atoms
    asked = []
    plain = atoms.AtomRecorder._asked

    def counting(atom, fn, env, value):
        answer = plain(atom, fn, env, value)
        asked.append((value, answer))
        return answer
    monkeypatch.setattr(atoms.AtomRecorder, "_asked", staticmethod(counting))
    status, text = run("Scaled_FairX")
    assert status == 0, text
    assert sorted(asked) == [((2, 0), False), ((2, 1), False)]


@pytest.mark.parametrize("cfg,code,name", CASES)
def test_temporal_properties(cfg, code, name):
    status, text = run(cfg)
    assert status == code, text
    if name is None:
        assert "Model checking completed. No error has been found." in text
        assert "Finished checking temporal properties in" in text
    else:
        assert f"Error: Temporal property {name} was violated.\n" in text
        assert "Error: The following behavior constitutes a counter-example:\n" in text
        assert re.search(r"^(Back to state \d+: <.*>|State \d+: Stuttering)$", text, re.M)
    if "Implied-temporal" in text:
        # the 4-parameter progress line and the start of the check precede the result
        assert re.search(r"^Progress\(\d+\) at .*: [\d,]+ states generated, [\d,]+ distinct "
                         r"states found, 0 states left on queue\.$", text, re.M)
        assert re.search(r"^Checking (\d+ branches of )?temporal properties for the complete "
                         r"state space with \d+ total distinct states at", text, re.M)


@pytest.mark.parametrize("cfg,code,name", CASES)
def test_labels_decide_as_evaluation_does(cfg, code, name, monkeypatch):
    # without the search's labels, every ENABLED and action atom is evaluated
    from tla.tlc_compat.liveness_run import LivenessRun
    monkeypatch.setattr(LivenessRun, "_cover", staticmethod(lambda model, next_: None))
    status, text = run(cfg)
    assert status == code, text
    if name is not None:
        assert f"Error: Temporal property {name} was violated.\n" in text


def test_lasso_is_printed_like_tlc():
    status, text = run("Cycle_Reach5")
    assert status == 13
    body = text.split("counter-example:\n\n", 1)[1]
    states = re.findall(r"^State (\d+): <([A-Za-z]+)", body, re.M)
    assert [n for n, _ in states] == ["1", "2", "3"]
    assert states[0][1] == "Initial"
    # a lasso returns to a state of the trace with the action of the closing step
    back = re.search(r"^Back to state (\d+): <A line", body, re.M)
    assert back and back.group(1) == "1"
    after = body.split("Back to state", 1)[1].splitlines()
    assert after[1] == "" and after[2].startswith("Finished checking temporal properties in ")


def test_stuttering_counterexample():
    status, text = run("Cycle_TakesANoFair")
    assert status == 13
    assert re.search(r"State 1: <Initial predicate>\n/\\ done = FALSE\n/\\ x = 0\n\n"
                     r"State 2: Stuttering\nFinished checking temporal properties", text)


def test_action_property_violated_during_search():
    status, text = run("Cycle_NotMono")
    assert status == 13
    assert "Error: Action property NotMono is violated.\nError: The behavior up to this point is:" \
        in text
    assert "Checking temporal properties" not in text


def test_action_property_holds():
    assert run("Cycle_Mono")[0] == 0


def test_refinement_action_part_checked_on_every_step():
    status, text = run("Hour_Back")
    assert status == 13 and "Error: Action property Back!Spec is violated." in text


def test_state_predicate_property_checked_on_initial_states():
    assert run("Cycle_StartsAtZero")[0] == 0
    status, text = run("Cycle_StartsAtOne")
    assert status == 13
    assert "Error: Property StartsAtOne is violated by the initial state:\n/\\ done = FALSE\n" \
        "/\\ x = 0\n" in text


def test_always_state_predicate_is_an_invariant():
    assert run("Cycle_AlwaysSmall")[0] == 0
    status, text = run("Cycle_AlwaysTiny")
    assert status == 12 and "Error: Invariant AlwaysTiny is violated." in text


def test_boxed_mutex_with_liveness_together():
    status, text = run("Procs_SF")
    assert status == 0 and "Implied-temporal checking--satisfiability problem has" in text


SYMMETRY_WARNING = ("Warning: Declaring symmetry during liveness checking is dangerous. It "
                    "might cause TLC to miss violations of the stated liveness properties.")
CONSTRAINT_WARNING = ("Warning: Declaring state or action constraints during liveness checking "
                      "is dangerous")
VIEW_WARNING = "Warning: Declaring a VIEW during liveness checking is dangerous"


def test_symmetry_warning():
    _, text = run("Procs_Sym")
    assert SYMMETRY_WARNING in text
    # safety properties alone do not warn
    status, text = run("Procs_SafetyOnlySym")
    assert status == 0 and "Warning" not in text


def test_constraint_warning():
    status, text = run("Procs_Constraint")
    assert CONSTRAINT_WARNING in text and status == 0


def test_view_warning():
    status, text = run("Procs_View")
    assert VIEW_WARNING in text and status == 0


def test_tool_mode_lasso():
    out = io.StringIO()
    opts = parse_options(["-tool", os.path.join(FIXTURES, "Cycle.tla"), "-config",
                          os.path.join(FIXTURES, "Cycle_Reach5.cfg"), "-workers", "1"])
    assert Run(opts, out=out).run() == 13
    text = out.getvalue()
    assert "@!@!@STARTMSG 2116:1 @!@!@\nTemporal property Reach5 was violated.\n" in text
    assert re.search(r"@!@!@STARTMSG 2122:4 @!@!@\n\d+: Back to state: <A line", text)
    assert re.search(r"Finished checking temporal properties in \d\ds at ", text)


# ---------------------------------------------------------------------------------------
# operators and forms TLC does not check: TLC's messages (exit 255)
@pytest.mark.parametrize("cfg,line", [
    ("Forms_WhilePlus", 9),       # F -+-> G
    ("Forms_Hidden", 10),         # \EE in a property
    ("Forms_AllPaths", 11),       # \AA in a property
    ("Forms_TemporalArg", 13),    # a temporal formula as an operator's argument
])
def test_forms_tlc_cannot_handle(cfg, line):
    status, text = run(cfg)
    assert status == 255, text
    assert re.search(rf"^Error: TLC cannot handle the temporal formula line {line}, col \d+ to "
                     rf"line {line}, col \d+ of module Forms$", text, re.M), text
    assert "Computing initial states" not in text


def test_temporal_quantifier_in_specification():
    status, text = run("Forms_SpecHidden")
    assert status == 255
    assert ("Error: TLC does not support temporal existential, nor universal, quantification "
            "over state variables.\n") in text


def test_state_level_operator_argument_is_checked():
    # TLC refuses this too (it evaluates arguments as constants); pytlc checks it
    status, text = run("Forms_StateArg")
    assert status == 0 and "Model checking completed. No error has been found." in text


# ---------------------------------------------------------------------------------------
# TLC's periodic liveness checks during the search (-lncheck default) and -lncheck final/off
def run_with(cfg: str, *flags: str) -> tuple[int, str]:
    module = cfg.split("_")[0]
    out = io.StringIO()
    opts = parse_options([os.path.join(FIXTURES, module + ".tla"), "-config",
                          os.path.join(FIXTURES, cfg + ".cfg"), "-workers", "1", *flags])
    return Run(opts, out=out).run(), out.getvalue()


def final_counts(text: str) -> tuple[int, int, int]:
    found = re.findall(r"^(\d+) states generated, (\d+) distinct states found, (\d+) states "
                       r"left on queue\.$", text, re.M)
    return tuple(int(x) for x in found[-1])


EARLY_STATES = 301 * 60


def test_periodic_check_finds_a_violation_early(monkeypatch):
    monkeypatch.setenv("PYTLC_LIVENESS_SECONDS", "0")     # a check at every opportunity
    status, text = run_with("Early_Never")
    assert status == 13, text
    assert re.search(r"^Checking temporal properties for the current state space with \d+ "
                     r"total distinct states at \(", text, re.M)
    assert "complete state space" not in text
    assert "Error: Temporal property Never was violated.\n" in text
    assert re.search(r"State 1: <Initial predicate>\n/\\ m = 0\n/\\ n = 0\n\nState 2: "
                     r"Stuttering\nFinished checking temporal properties in \d+s at ", text)
    _, distinct, queue = final_counts(text)
    assert distinct < EARLY_STATES and queue > 0
    assert "Progress(" not in text


def test_final_check_only(monkeypatch):
    monkeypatch.setenv("PYTLC_LIVENESS_SECONDS", "0")
    status, text = run_with("Early_Never", "-lncheck", "final")
    assert status == 13
    assert "current state space" not in text
    assert "Checking temporal properties for the complete state space with" in text
    assert final_counts(text) == (36061, EARLY_STATES, 0)


def test_periodic_checks_of_partial_graphs_find_nothing_spurious(monkeypatch):
    # WF of Next decides ENABLED <<Next>>_v from the graph: unexplored states must not
    # look deadlocked to a check of the partial graph
    monkeypatch.setenv("PYTLC_LIVENESS_SECONDS", "0")
    status, text = run_with("Early_FairOften")
    assert status == 0, text
    assert text.count("for the current state space") >= 2
    checks = re.findall(r"^Checking temporal properties for the (\w+) state space", text, re.M)
    assert checks[-1] == "complete"
    assert text.count("Finished checking temporal properties in") == len(checks)


def test_lncheck_off_skips_the_final_check():
    status, text = run_with("Cycle_Reach5", "-lncheck", "off")
    assert status == 0 and "Checking temporal properties" not in text


def test_fairness_of_split_actions_is_read_off_labels(monkeypatch):
    # WF_vars(Leave(p)), SF_vars(Enter(p)): Leave(p) and Enter(p) are split actions of
    # Next, so neither ENABLED nor the actions are evaluated
    from tla.checker.liveness.check import LivenessChecker
    tables = []
    start = LivenessChecker.start

    def spy(self, *args, **kwargs):
        recorder = start(self, *args, **kwargs)
        tables.append(self.table)
        return recorder
    monkeypatch.setattr(LivenessChecker, "start", spy)
    assert run("Procs_SF")[0] == 0
    table = tables[0]
    enabled = [a.text for _, a in table.labelled_state.values()]
    steps = [a.text for _, a in table.labelled_action.values()]
    assert any("Leave" in t for t in enabled) and any("Enter" in t for t in enabled)
    assert any("Leave" in t for t in steps) and any("Enter" in t for t in steps)
    assert not [a for _, a in table.state_atoms if a.step_fn is not None]


def test_a_run_with_properties_imports_no_dataclasses():
    # start-up: dataclasses (with the inspect it imports) costs a small run a tenth of its
    # time; the liveness checker's records are tla.records records (inspect itself comes
    # with ply when the module is not in the parse cache yet)
    import subprocess
    import sys
    code = ("import io, sys\nfrom tla.tlc_compat.options import parse_options\n"
            "from tla.tlc_compat.tlc_run import Run\n"
            f"opts = parse_options([{os.path.join(FIXTURES, 'Cycle.tla')!r}, '-config', "
            f"{os.path.join(FIXTURES, 'Cycle_Leads.cfg')!r}, '-workers', '1', '-noTE'])\n"
            "assert Run(opts, out=io.StringIO()).run() == 0\n"
            "print('dataclasses' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False"]
