r"""The leading tests of split actions (``tla.evaluator.codegen.leading``) and the dispatcher
that evaluates their reads once per state and skips the instances they disable.

``pc[self] = "a3"`` opens each of a PlusCal process's labels, ``chan[p] # << >>`` each
receive action for one channel: the generated ``gen_next`` reads ``pc[self]`` once per
process and calls only the labels it may enable. A read that raises, or gives a value of
another type than the literal's, skips nothing: the instances run and report what they
report without the dispatcher (checked against ``PYTLC_CODEGEN=off``)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from tla.evaluator.actions import split_actions
from tla.evaluator.codegen.leading import (leading_test, python_read, python_read_lines,
                                           python_skip)
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import ModelValue

from tests.evaluator.conftest import make_model

ACTIONS = r"""
CONSTANTS Procs, NoNode, Typed_1
VARIABLES pc, chan, r, up, leader
A(p) == /\ pc[p] = "a"
        /\ UNCHANGED <<pc, chan, r>>
Reversed(p) == /\ "b" = pc[p]
               /\ UNCHANGED <<pc, chan, r>>
Infix(p) == pc[p] = "c" /\ UNCHANGED <<pc, chan, r>>
Nested(p) == (pc[p] = "d" /\ r.f = 1) /\ UNCHANGED <<pc, chan, r>>
Recv(p) == /\ chan[p] # << >>
           /\ UNCHANGED <<pc, chan, r>>
Field(p) == /\ r.f # 2
            /\ UNCHANGED <<pc, chan, r>>
Flag(p) == /\ r.on = TRUE
           /\ UNCHANGED <<pc, chan, r>>
Busy(p) == pc[p] \in {"a", "b"}
Called(p) == /\ Busy(p)
             /\ UNCHANGED <<pc, chan, r>>
Other(p) == /\ pc[p] = pc[p]
            /\ UNCHANGED <<pc, chan, r>>
Fixed(p) == /\ p = 1
            /\ UNCHANGED <<pc, chan, r>>
Membership(p) == /\ pc[p] \in {"a"}
                 /\ UNCHANGED <<pc, chan, r>>
Up(p) == /\ up[p]
         /\ UNCHANGED <<pc, chan, r>>
Down(p) == /\ \lnot up[p]
           /\ UNCHANGED <<pc, chan, r>>
Elect(p) == /\ leader = NoNode
            /\ UNCHANGED <<pc, chan, r>>
Same(p) == /\ leader # p
           /\ UNCHANGED <<pc, chan, r>>
Typed(p) == /\ leader = Typed_1
            /\ UNCHANGED <<pc, chan, r>>
"""

P1 = ModelValue("p1")

#: action -> (the read as written by python_read, op, literal), or None
CASES = [
    ("A", ("ap(s[0], K)", "=", "a")),
    ("Reversed", ("ap(s[0], K)", "=", "b")),
    ("Infix", ("ap(s[0], K)", "=", "c")),
    ("Nested", ("ap(s[0], K)", "=", "d")),
    ("Recv", ("ap(s[1], K)", "#", ())),
    ("Field", ("fld(s[2], 'f')", "#", 2)),
    ("Flag", ("fld(s[2], 'on')", "=", True)),
    ("Called", None),                # the first conjunct is an operator's call
    ("Other", None),                 # no literal
    ("Fixed", None),                 # a parameter against a literal: nothing to share
    ("Membership", None),            # not = or #
    ("Up", ("ap(s[3], K)", "=", True)),                  # up[p] is up[p] = TRUE
    ("Down", ("ap(s[3], K)", "=", False)),
    ("Elect", ("s[4]", "=", ModelValue("NoNode"))),      # a constant that is a model value
    ("Same", None),                  # p is no literal
    ("Typed", None),                 # a typed model value: TLC's error against others
]


@pytest.fixture(scope="module")
def model():
    from tla.evaluator.values import FSet
    splits = "\n".join(f"S_{name} == \\E p \\in Procs : {name}(p)" for name, _ in CASES)
    return make_model(ACTIONS + splits, "Leading",
                      constants={"Procs": FSet([P1]), "NoNode": ModelValue("NoNode"),
                                 "Typed_1": ModelValue("t_1")})


def action(model, name: str):
    """The one split action of ``\\E p \\in Procs : name(p)``."""
    node = model.root_ns.lookup("S_" + name).body
    acts = run_with_big_stack(split_actions, model, node, model.root_ns)
    assert len(acts) == 1
    return acts[0]


@pytest.mark.parametrize("name, expected", CASES)
def test_leading_tests_of_actions(model, name, expected):
    a = action(model, name)
    test = leading_test(a.node, a.scope, a.env)
    if expected is None:
        assert test is None
        return
    read, op, literal = expected
    assert python_read(test.read, lambda v: "K") == read
    assert (test.op, test.literal) == (op, literal)
    assert type(test.literal) is type(literal)


def test_reads_of_one_place_share_a_key_and_values_tell_them_apart(model):
    """A and Reversed read ``pc[p]`` for the same p: one key. TRUE and 1 are equal to Python
    but not to TLA+: the key tells them apart."""
    a, reversed_ = action(model, "A"), action(model, "Reversed")
    assert leading_test(a.node, a.scope, a.env).key == \
        leading_test(reversed_.node, reversed_.scope, reversed_.env).key
    one, true = (leading_test(a.node, a.scope, {**a.env, "p": v}) for v in (1, True))
    assert one.key != true.key


@pytest.mark.parametrize("key, in_dict", [
    (0, False), (1, False),          # TRUE and FALSE are keys 1 and 0 to Python: ap decides
    (2, True), (-3, True), ("a", True), (P1, True),
])
def test_reads_look_up_a_dict_only_under_keys_no_boolean_equals(key, in_dict):
    lines = python_read_lines(("apply", ("var", 2), ("value", key)), "g", lambda v: "K")
    assert any(".map.get(" in line for line in lines) is in_dict
    assert lines[-1].startswith("g = ")
    assert "ap(g, " in lines[-1]


NO_NODE = ModelValue("NoNode")


@pytest.mark.parametrize("op, literal, value, skipped", [
    ("=", "a", "b", True),
    ("=", "a", "a", False),
    ("=", "a", 1, False),            # another type: the instance decides (TLC's error)
    ("=", 1, True, False),           # TRUE is not 1
    ("#", (), (), True),
    ("#", (), (1,), False),
    ("#", 2, 2, True),
    ("=", True, False, True),
    ("=", False, 0, False),
    ("=", NO_NODE, P1, True),
    ("=", NO_NODE, NO_NODE, False),
    ("=", NO_NODE, "NoNode", False),
    ("#", NO_NODE, NO_NODE, True),
    ("#", NO_NODE, P1, False),
])
def test_the_skip_condition_is_false_unless_the_test_surely_fails(op, literal, value,
                                                                  skipped):
    from tla.evaluator.codegen.leading import LeadingTest
    test = LeadingTest(("var", 0), ("var", 0), op, literal)
    names = {"K": literal}
    condition = python_skip("g", test, lambda v: "K")
    assert eval(condition, {"g": value, "ModelValue": ModelValue, **names}) is skipped


SPEC = r"""
---- MODULE Procs ----
EXTENDS Naturals, Sequences
CONSTANT N
VARIABLES pc, chan, n
Procs == 1..N
Init == /\ pc = [p \in Procs |-> "a"]
        /\ chan = [p \in Procs |-> << >>]
        /\ n = 0
A(p) == /\ pc[p] = "a"
        /\ pc' = [pc EXCEPT ![p] = "b"]
        /\ chan' = [chan EXCEPT ![p] = Append(@, p)]
        /\ UNCHANGED n
B(p) == /\ pc[p] = "b"
        /\ pc' = [pc EXCEPT ![p] = "c"]
        /\ UNCHANGED <<chan, n>>
C(p) == /\ "c" = pc[p]
        /\ pc' = [pc EXCEPT ![p] = "a"]
        /\ n' = (n + 1) % 4
        /\ UNCHANGED chan
Recv(p) == /\ chan[p] # << >>
           /\ chan' = [chan EXCEPT ![p] = Tail(@)]
           /\ UNCHANGED <<pc, n>>
Drop(p) == /\ chan[p] # << >>
           /\ Len(chan[p]) > 1
           /\ chan' = [chan EXCEPT ![p] = << >>]
           /\ UNCHANGED <<pc, n>>
Next == \E p \in Procs : A(p) \/ B(p) \/ C(p) \/ Recv(p) \/ Drop(p)
Small == \A p \in Procs : Len(chan[p]) <= 2
====
"""

#: Next extended by an action that breaks the reads of the others once n reaches 3
BREAKS = {
    # pc[N] no longer exists: reading it raises
    "shrink": "Break == /\\ n = 3 /\\ pc' = [q \\in 1..N-1 |-> pc[q]] /\\ UNCHANGED <<chan, n>>",
    # pc[1] holds an integer: comparing it with a string is TLC's error
    "retype": "Break == /\\ n = 3 /\\ pc' = [pc EXCEPT ![1] = 7] /\\ UNCHANGED <<chan, n>>",
}


def pytlc(tmp_path, text: str, cfg: str, **env) -> subprocess.CompletedProcess:
    """pytlc on module ``text`` (Procs.tla) and ``cfg`` in ``tmp_path``, with the
    environment variables ``env`` and no code cache."""
    (tmp_path / "Procs.tla").write_text(text)
    (tmp_path / "Procs.cfg").write_text(cfg)
    return subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", "Procs.tla",
                           "-deadlock"], cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, PYTLC_CACHE_DIR="", **env))


def run(tmp_path, mode: str, extra: str = "", procs: str = "1..N") -> str:
    """pytlc's exit code and output on SPEC (N = 3, processes ``procs``) with ``extra``
    added to Next, codegen ``mode``."""
    text = SPEC.replace("Procs == 1..N", "Procs == " + procs)
    cfg = "INIT Init\nCONSTANT N = 3\nCONSTRAINT Small\n"
    if extra:
        text = text.replace("Small ==", extra + "\nNext2 == Next \\/ Break\nSmall ==")
        cfg += "NEXT Next2\n"
    else:
        cfg += "NEXT Next\n"
    proc = pytlc(tmp_path, text, cfg, PYTLC_CODEGEN=mode)
    return f"exit {proc.returncode}\n" + _stable(proc.stdout)


def _stable(out: str) -> str:
    """The output without the lines that differ from run to run (times, seeds, pids)."""
    keep = []
    for line in out.splitlines():
        if re.match(r"(Running|Starting|Finished|Parsing|Semantic|Linting|TLC2|Computed "
                    r"|Progress)", line) or "at 20" in line or "val = " in line \
                or "_TTrace_" in line:
            continue
        keep.append(line)
    return "\n".join(keep)


RECORDS = r"""
---- MODULE Procs ----
EXTENDS Naturals, Sequences
CONSTANTS Procs, NoNode
VARIABLES st, box, up, leader
Init == /\ st = [p \in Procs |-> [phase |-> "idle", n |-> 0]]
        /\ box = [p \in Procs |-> << >>]
        /\ up = [p \in Procs |-> TRUE]
        /\ leader = NoNode
Go(p) == /\ st[p].phase = "idle"
         /\ st' = [st EXCEPT ![p].phase = "busy"]
         /\ box' = [box EXCEPT ![p] = Append(@, st[p].n)]
         /\ UNCHANGED <<up, leader>>
Done(p) == /\ st[p].phase = "busy"
           /\ st' = [st EXCEPT ![p] = [phase |-> "idle", n |-> (@.n + 1) % 3]]
           /\ UNCHANGED <<box, up, leader>>
Take(p) == /\ box[p] # << >>
           /\ box' = [box EXCEPT ![p] = Tail(@)]
           /\ UNCHANGED <<st, up, leader>>
Crash(p) == /\ up[p]
            /\ up' = [up EXCEPT ![p] = FALSE]
            /\ leader' = IF leader = p THEN NoNode ELSE leader
            /\ UNCHANGED <<st, box>>
Recover(p) == /\ ~up[p]
              /\ up' = [up EXCEPT ![p] = TRUE]
              /\ UNCHANGED <<st, box, leader>>
Elect(p) == /\ leader = NoNode
            /\ up[p]
            /\ leader' = p
            /\ UNCHANGED <<st, box, up>>
Next == \E p \in Procs : Go(p) \/ Done(p) \/ Take(p) \/ Crash(p) \/ Recover(p) \/ Elect(p)
Small == \A p \in Procs : Len(box[p]) <= 2
====
"""


def test_reads_of_records_at_model_values_find_the_references_states(tmp_path):
    """Processes that are model values (``st`` and ``box`` are functions, not tuples), a
    record's field (``st[p].phase``), booleans (``up[p]``, ``~up[p]``) and a constant
    that is a model value (``leader = NoNode``)."""
    cfg = "INIT Init\nNEXT Next\nCONSTANTS Procs = {p1, p2} NoNode = NoNode\nCONSTRAINT Small\n"
    outs = []
    for mode in ("off", "on"):
        proc = pytlc(tmp_path, RECORDS, cfg, PYTLC_CODEGEN=mode)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        outs.append(_stable(proc.stdout))
    assert outs[0] == outs[1]
    assert "distinct states found" in outs[0]


@pytest.mark.parametrize("procs", ["1..N", "0..N-1", "2..N+1"])
def test_the_dispatcher_finds_the_references_states(tmp_path, procs):
    """Processes 1..N make pc and chan tuples; 0..N-1 and 2..N+1 functions (read at 0 and 1
    through ap: TRUE and FALSE are keys 1 and 0 to Python)."""
    off = run(tmp_path, "off", procs=procs)
    assert "exit 0" in off and "distinct states found" in off
    assert run(tmp_path, "on", procs=procs) == off
    assert run(tmp_path, "verify", procs=procs) == off


@pytest.mark.parametrize("kind", sorted(BREAKS))
def test_a_read_that_raises_or_changes_type_leaves_the_error_to_the_instance(tmp_path,
                                                                              kind):
    off = run(tmp_path, "off", BREAKS[kind])
    assert not off.startswith("exit 0"), off
    assert run(tmp_path, "on", BREAKS[kind]) == off


def test_gen_next_reads_pc_once_per_process(tmp_path):
    dump = tmp_path / "dump"
    proc = pytlc(tmp_path, SPEC, "INIT Init\nNEXT Next\nCONSTANT N = 3\nCONSTRAINT Small\n",
                 PYTLC_CODEGEN_DUMP=str(dump))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    source = next(text for text in (p.read_text() for p in dump.iterdir())
                  if text.startswith("# next-state relation"))
    reads = re.findall(r"(g\d+) = s\[(\d)\]\n\s+(?:t|\1) = \1\[(\d)\] if type", source)
    # pc[1..3] and chan[1..3], each once, in line (both are tuples: Procs is 1..N)
    assert sorted((int(v), int(i) + 1) for _, v, i in reads) == [
        (v, p) for v in (0, 1) for p in (1, 2, 3)]
    # every one of the 15 instances is behind its test
    assert source.count("if not (type(g") == 15
