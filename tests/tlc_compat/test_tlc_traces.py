"""The -dumpTrace writers (json, tla, itf) on the Counter example of tlc-interface.md 6.1
(fixtures/trace_counter.*), on a lasso, and with abstract value converters."""
from __future__ import annotations

import json

from tlc_compat_cases import FIXTURES
from tla.evaluator.values import EMPTY, FSet, ModelValue, NAT, make_fcn, make_record
from tla.tlc_compat.trace_itf import dumps_itf, itf_document, itf_value, write_itf_trace
from tla.tlc_compat.trace_json import (
    counterexample_document, counterexample_written_line, dumps_json_trace, tlc_json_value,
    write_json_trace,
)
from tla.tlc_compat.trace_model import Trace, TraceAction, TraceLocation
from tla.tlc_compat.trace_tla import (
    action_trace_module, counterexample_value, module_name_for, plain_trace_module,
    tla_trace_module, write_tla_trace,
)

P1, P2 = ModelValue("p1"), ModelValue("p2")
INC = TraceAction("Inc", TraceLocation(10, 11, 13, 28, "Counter"), (("p", P1),))
S1 = (("s", EMPTY), ("x", 0), ("y", make_record([("p1", "idle"), ("p2", "idle")])))
S2 = (("s", FSet([P1])), ("x", 1), ("y", make_record([("p1", "busy"), ("p2", "idle")])))
COUNTER = Trace((S1, S2), (None, INC))


def test_json_matches_tlc_layout():
    expected = (FIXTURES / "trace_counter.json").read_text().rstrip("\n")
    assert dumps_json_trace(COUNTER, ["x", "y", "s"]) == expected


def test_json_file_and_message(tmp_path):
    path = tmp_path / "t.json"
    line = write_json_trace(path, COUNTER, ["x", "y", "s"])
    assert line == f'"CounterExample written: {path}"'
    assert json.loads(path.read_text())["vars"] == ["x", "y", "s"]
    assert counterexample_written_line("a.json") == '"CounterExample written: a.json"'


def test_json_action_without_parameters_has_no_context():
    act = TraceAction("A", TraceLocation(5, 6, 5, 21, "Live"))
    trace = Trace(((("x", 0),), (("x", 1),), (("x", 2),)), (None, act, act), loop_to=1,
                  loop_action=act)
    doc = counterexample_document(trace, ["x"])
    actions = doc["counterexample"]["action"]
    assert actions[0][1] == {"name": "A", "location": {"beginLine": 5, "beginColumn": 6,
                                                       "endLine": 5, "endColumn": 21,
                                                       "module": "Live"}}
    # the lasso: the last step goes from state 3 back to state 1
    assert [a[0][0] for a in actions] == [1, 2, 3] and [a[2][0] for a in actions] == [2, 3, 1]


def test_json_with_an_abstract_converter():
    trace = Trace(((("v", "raw"),),))
    doc = counterexample_document(trace, ["v"], convert=lambda v: v.upper())
    assert doc == {"counterexample": {"action": [], "state": [[1, {"v": "RAW"}]]}, "vars": ["v"]}


def test_json_values():
    assert tlc_json_value((1, "a", True)) == [1, "a", True]
    assert tlc_json_value(make_fcn({2: "b", 3: "c"})) == {"2": "b", "3": "c"}
    assert tlc_json_value(FSet([3, 1, 2])) == [1, 2, 3]
    assert tlc_json_value(P1) == "p1"
    assert dumps_json_trace(Trace(((("s", "a\u2028b"),),)), ["s"]).count("\\u2028") == 1


def test_tla_module_text(tmp_path, monkeypatch):
    expected = (FIXTURES / "trace_counter.tla").read_text()
    monkeypatch.chdir(tmp_path)
    line = write_tla_trace("trace_counter.tla", COUNTER)
    assert (tmp_path / "trace_counter.tla").read_text() + "\n" == expected
    assert line == '"CounterExample written: trace_counter.tla"'
    assert tla_trace_module("trace_counter", COUNTER) + "\n" == expected


def test_module_name_is_the_file_name_without_its_first_tla():
    assert module_name_for("t.tla") == "t"
    assert module_name_for("out/t.tla") == "out/t"
    assert module_name_for("a.tla.tla") == "a.tla"


def test_plain_and_action_trace_modules(tmp_path):
    act = TraceAction("A", TraceLocation(5, 6, 5, 21, "Live"))
    trace = Trace(((("x", 0),), (("x", 1),)), (None, INC), loop_to=1, loop_action=act)
    assert plain_trace_module("P", trace, fmt=str) == (
        "---- MODULE P ----\nLOCAL INSTANCE TLC\n\nTrace == \n\t<<[x |-> 0], [x |-> 1]>>\n\n====")
    assert action_trace_module("Q", trace) == (
        "---- MODULE Q ----\nEXTENDS Counter, Live\n\n_length == 2\n\n_next(_idx) ==\n"
        "\\/ 1 = _idx /\\ Inc(p1)\n\\/ 2 = _idx /\\ A\n\n_actionConstraint ==\n"
        '_next(LET T == INSTANCE TLC IN T!TLCGet("level"))\n\n====')
    path = tmp_path / "q.tla"
    write_tla_trace(path, trace, fmt=str, kind="tlcaction")
    assert path.read_text().startswith(f"---- MODULE {str(path)[:-4]} ----")


def test_tla_lasso_and_plain_action():
    act = TraceAction("A", TraceLocation(5, 6, 5, 21, "Live"))
    trace = Trace(((("x", 0),), (("x", 1),)), (None, act), loop_to=1, loop_action=act)
    text = counterexample_value(trace, fmt=str)
    assert text.startswith("[action |-> {<<<<1, [x |-> 0]>>, [name |-> \"A\", location |-> "
                           "[beginLine |-> 5, beginColumn |-> 6, endLine |-> 5, endColumn |-> "
                           "21, module |-> \"Live\"]], <<2, [x |-> 1]>>>>, <<<<2, [x |-> 1]>>")
    assert text.endswith("state |-> {<<1, [x |-> 0]>>, <<2, [x |-> 1]>>}]")


def test_itf_document(tmp_path):
    doc = itf_document(COUNTER, ["s", "x", "y"], source="Counter.tla")
    assert doc["#meta"]["format"] == "ITF" and doc["#meta"]["source"] == "Counter.tla"
    assert doc["vars"] == ["s", "x", "y"]
    assert doc["states"][1] == {"#meta": {"index": 1}, "s": {"#set": ["p1"]}, "x": 1,
                                "y": {"p1": "busy", "p2": "idle"}}
    assert "loop" not in doc
    lasso = Trace(COUNTER.states, COUNTER.actions, loop_to=2, loop_action=INC)
    assert itf_document(lasso, ["s", "x", "y"])["loop"] == 1
    path = tmp_path / "t.itf.json"
    assert write_itf_trace(path, COUNTER, ["s", "x", "y"]).endswith(f'{path}"')
    assert json.loads(path.read_text()) == json.loads(dumps_itf(COUNTER, ["s", "x", "y"]))


def test_itf_values():
    assert itf_value(2 ** 60) == {"#bigint": str(2 ** 60)}
    assert itf_value(-5) == -5
    assert itf_value(make_fcn({1: 2, 5: 3})) == {"#map": [[1, 2], [5, 3]]}
    assert itf_value((1, 2)) == [1, 2]
    assert itf_value(NAT) == {"#unserializable": "Nat"}
    assert itf_value(FSet([FSet([1]), EMPTY])) == {"#set": [{"#set": []}, {"#set": [1]}]}


def test_trace_from_checker_steps():
    from dataclasses import dataclass as _dc

    from tla.errors import Span
    from tla.tlc_compat.trace_model import action_from_label, trace_from_steps

    @_dc(frozen=True)
    class Label:
        name: str
        params: tuple
        span: Span | None

    @_dc(frozen=True)
    class Step:
        state: tuple
        label: object

    inc = Label("Inc", (("p", P1),), Span("C.tla", 10, 11, 13, 28, "Counter"))
    steps = [Step((0, "a"), None), Step((1, "b"), inc)]
    trace = trace_from_steps(steps, ["x", "y"], order=[1, 0])
    assert trace.states == ((("y", "a"), ("x", 0)), (("y", "b"), ("x", 1)))
    assert trace.actions[0] is None and trace.actions[1] == INC
    assert trace.variables == ("y", "x")
    assert action_from_label(Label("A", (), None)).location == TraceLocation(0, 0, 0, 0, "")


def test_vars_in_tlc_order_follow_the_intern_table():
    from tla.evaluator.values import intern_index
    from tla.tlc_compat.trace_json import vars_in_tlc_order
    names = ["zz_var_b", "zz_var_a"]
    order = vars_in_tlc_order(names)
    assert sorted(order, key=intern_index) == order and sorted(order) == sorted(names)
