r"""What generated code knows of the values its locals hold (``Code.kinds``, ``kind_of``).

A loop over a constant set of model values or strings (``\E p \in Procs``), and a split
action's parameter holding one (``\E p \in Procs : Step(p)`` split into an instance per
``p``), apply functions by their dict directly: no test that the key might be taken for a
boolean or an index. Instances whose parameters hold values of different kinds get code
of their own; successors and values stay the reference's."""
from __future__ import annotations

import pytest

from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, ModelValue, format_value, make_fcn

from tests.evaluator.conftest import make_model

SPEC = r"""
CONSTANT Procs
VARIABLE pc
Init == pc = [p \in Procs |-> "idle"]
Step(p) == /\ pc[p] = "idle"
           /\ pc' = [pc EXCEPT ![p] = "busy"]
Next == \E p \in Procs : Step(p)
Busy == \E p \in Procs : pc[p] = "busy"
Touch(x) == pc' = [pc EXCEPT ![x] = "touched"]
MixedNext == \/ \E x \in Procs : Touch(x)
             \/ \E x \in {1, 2} : Touch(x)
             \/ \E x \in {"a"} : Touch(x)
"""

P1, P2 = ModelValue("p1"), ModelValue("p2")


@pytest.fixture
def model():
    return make_model(SPEC, "Kinds", constants={"Procs": FSet([P1, P2])})


def sources(tmp_path) -> dict:
    return {p.read_text().split("\n", 1)[0][2:]: p.read_text()
            for p in sorted(tmp_path.iterdir())}


STATES = [(make_fcn({P1: "idle", P2: "idle"}),), (make_fcn({P1: "busy", P2: "idle"}),),
          (make_fcn({P1: "busy", P2: "busy"}),)]


def test_split_parameters_holding_model_values_apply_by_the_dict(model, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    acts = model.actions_of("Next")
    fns = [run_with_big_stack(model.codegen.action, a.node, a.scope, a.env, "Step")
           for a in acts]
    assert fns[0] is not None and fns[0] is fns[1]        # one function for both
    source = sources(tmp_path)["Step"]
    assert (".map.get(e1, NOTIN) if type(v0) is Fcn else v0.memo.get(e1, NOTIN) "
            "if type(v0) is LazyFcn else NOTIN") in source
    assert "type(e1) is not bool" not in source
    for state in STATES:
        for fn, a in zip(fns, acts):
            got = run_with_big_stack(fn, state, a.env, [], a.label)
            assert [format_value(t) for t, _ in got] == \
                [format_value(t) for t in model._reference_successors(a, state)]


def test_instances_of_different_kinds_get_code_of_their_own(model):
    acts = model.actions_of("MixedNext")
    fns = [run_with_big_stack(model.codegen.action, a.node, a.scope, a.env, "Touch")
           for a in acts]
    assert [type(a.env["x"]).__name__ for a in acts] == ["ModelValue"] * 2 + ["int"] * 2 \
        + ["str"]
    assert fns[0] is fns[1] and fns[2] is fns[3]
    assert len({id(fn) for fn in fns}) == 3
    for state in STATES:
        for fn, a in zip(fns, acts):
            got = run_with_big_stack(fn, state, a.env, [], a.label)
            assert [format_value(t) for t, _ in got] == \
                [format_value(t) for t in model._reference_successors(a, state)]


def test_loops_over_constant_model_values_apply_by_the_dict(model, tmp_path, monkeypatch):
    model.evaluate("Procs")                 # the reference computes the constant first
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    entry = model.root_ns.lookup("Busy")
    fn = run_with_big_stack(model.codegen.predicate, entry.body, model.root_ns, "Busy")
    source = sources(tmp_path)["Busy"]
    assert "is not bool" not in source and ".map.get(" in source
    reference, _ = model.compiler.expr(entry.body, model.root_ns)
    for state in STATES:
        assert run_with_big_stack(fn, state) is reference(state, None, {})


WHITEN = r"""
VARIABLES color, level
Whiten(i) == /\ color' = [color EXCEPT ![i] = "white"]
             /\ level' = [level EXCEPT ![i] = [@ EXCEPT !.n = 3]]
Next == \E i \in {1, 2} : Whiten(i)
"""


def test_an_update_to_the_value_already_there_gives_the_very_function():
    """``[color EXCEPT ![i] = "white"]`` of a white i is color itself, nested updates
    included (the search then has its fingerprint lane); other updates copy."""
    from tla.evaluator.values import Fcn
    m = make_model(WHITEN, "Whiten")
    color = Fcn({1: "white", 2: "black", 3: "black"})
    level = Fcn({1: Fcn({"n": 3}), 2: Fcn({"n": 5}), 3: Fcn({"n": 3})})
    state = (color, level)
    for a in m.actions_of("Next"):
        fn = run_with_big_stack(m.codegen.action, a.node, a.scope, a.env, "Whiten")
        (succ, _), = run_with_big_stack(fn, state, a.env, [], a.label)
        assert [format_value(v) for v in succ] == \
            [format_value(v) for v in m._reference_successors(a, state)[0]]
        i = a.env["i"]
        assert (succ[0] is color) == (i == 1) and (succ[1] is level) == (i == 1)
        assert color.map[2] == "black" and level.map[2].map["n"] == 5


MESSAGES = r"""
VARIABLE msgs
Init == msgs = {}
Next == \E n \in 1..2 : msgs' = msgs \cup {[type |-> "req", clock |-> n]}
"""


def test_a_record_the_code_makes_carries_its_domain_lanes():
    """``[type |-> "req", clock |-> n]``: the lanes of the domain are found once, when the
    code is written, and the record fingerprints as any equal record."""
    from tla.checker.fingerprints import domain_lanes, value_fingerprint
    from tla.evaluator.values import make_record
    m = make_model(MESSAGES, "Messages")
    state = (FSet(),)
    made = []
    for a in m.actions_of("Next"):
        fn = run_with_big_stack(m.codegen.action, a.node, a.scope, a.env, "Messages")
        (succ, _), = run_with_big_stack(fn, state, a.env, [], a.label)
        record, = succ[0]
        assert record._dl is domain_lanes(("type", "clock"))
        expected = make_record([("clock", a.env["n"]), ("type", "req")])
        assert value_fingerprint(record) == value_fingerprint(expected)
        made.append(record)
    assert value_fingerprint(made[0]) != value_fingerprint(made[1])
