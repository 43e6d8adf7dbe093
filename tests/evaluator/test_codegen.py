"""Generated code (``tla.evaluator.codegen``) against the reference evaluator.

The contract of generated code: it returns exactly the reference's value, or raises. Every
expression of fixtures/expressions.txt is compiled both ways: where the reference gives a
value, the generated function must give the same value (same Python type, TLC's printing);
where the reference raises, the generated function must raise too. Models of
tests/checker/specs are explored with PYTLC_CODEGEN=verify, which compares every action's
successors and every predicate with the reference's.
"""
from __future__ import annotations

import os

import pytest

from tla.errors import EvalError
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import format_value
from tla.parser import parse_expression
from tla.evaluator.intern_order import seed_from_expr

from tests.evaluator.test_expressions import _cases

HERE = os.path.dirname(__file__)


def _generated(model, text):
    node = parse_expression(text)
    seed_from_expr(node)
    return model.codegen.predicate(node, model.root_ns, "test")


def _both_ways(m, name: str, action: bool = False):
    """The generated function of definition ``name`` of model ``m``, and the reference's."""
    entry = m.root_ns.lookup(name)
    fast = m.codegen.predicate(entry.body, m.root_ns, name, action)
    reference, _ = m.compiler.expr(entry.body, m.root_ns)
    return fast, reference


def _dumped(folder, label: str) -> str:
    """The source of the generated unit ``label`` in a PYTLC_CODEGEN_DUMP folder."""
    return next(text for text in (p.read_text() for p in folder.iterdir())
                if text.startswith("# " + label))


@pytest.mark.parametrize("expr,expected", list(_cases()))
def test_generated_expression_agrees(std_model, expr, expected):
    fn = run_with_big_stack(_generated, std_model, expr)
    if fn is None:
        pytest.skip("not generated (embedded or impure)")
    if expected.startswith("error: "):
        with pytest.raises(Exception):
            run_with_big_stack(fn, ())
    else:
        got = run_with_big_stack(fn, ())
        reference = run_with_big_stack(std_model.evaluate, expr)
        assert type(got) is type(reference)
        assert format_value(got) == expected


def test_most_fixture_expressions_are_generated(std_model):
    """Guard against the generator silently giving up: nearly every fixture compiles."""
    cases = list(_cases())
    made = sum(1 for p in cases
               if run_with_big_stack(_generated, std_model, p.values[0]) is not None)
    assert made >= 0.9 * len(cases)


ENABLED_SPEC = r"""
VARIABLES x, y
A == x < 3 /\ x' = x + 1 /\ y' = y
B == \E i \in 1..3 : y' = i /\ i > x /\ UNCHANGED x
P == ENABLED A
Q == ENABLED B
R == ENABLED (A /\ B)
"""


@pytest.mark.parametrize("state", [(0, 0), (2, 5), (3, 1), (5, 5)])
@pytest.mark.parametrize("name", ["P", "Q", "R"])
def test_enabled_agrees_with_the_reference(state, name):
    from tests.evaluator.conftest import make_model
    m = make_model(ENABLED_SPEC, "En")
    fast, reference = _both_ways(m, name)
    assert fast is not None
    assert fast(state) is reference(state, None, {})


MEMO_SPEC = r"""
VARIABLES x
Pos == CHOOSE i \in 1..3 : x[i] = 1
Owner == [i \in 1..3 |-> IF x[i] = 1 THEN "owner" ELSE "other"]
Mark[i \in 1..3] == IF x[i] = 1 THEN "mark" ELSE "blank"
Step == Pos' = (Pos % 3) + 1 \/ (Pos' = Pos /\ Owner' = Owner /\ Mark' = Mark)
Inv == Owner[Pos] = "owner" /\ Pos \in 1..3 /\ Mark[Pos] = "mark" /\ Mark[1] = Mark[1]
"""


def test_state_level_definitions_remembered_per_state_agree():
    """A zero-arity state-level definition (or function definition) is remembered with the
    state tuple it was computed in: interleaved calls on different states (a state as the
    current one, then as the next one) must never see another state's value."""
    from tests.evaluator.conftest import make_model
    m = make_model(MEMO_SPEC, "Memo")
    states = [((1, 0, 0),), ((0, 1, 0),), ((0, 0, 1),), ((1, 0, 0),)]   # equal, not same
    step = m.root_ns.lookup("Step")
    inv = m.root_ns.lookup("Inv")
    fast_step = m.codegen.predicate(step.body, m.root_ns, "Step", action=True)
    fast_inv = m.codegen.predicate(inv.body, m.root_ns, "Inv")
    assert fast_step is not None and fast_inv is not None
    ref_step, _ = m.compiler.expr(step.body, m.root_ns)
    ref_inv, _ = m.compiler.expr(inv.body, m.root_ns)
    for s in states:
        for t in states + states[::-1]:
            assert fast_step(s, t) is ref_step(s, t, {})
            assert fast_inv(t) is ref_inv(t, None, {})
            assert fast_step(t, s) is ref_step(t, s, {})


def _agree_on(fast, reference, state) -> None:
    """The generated predicate gives the reference's value on ``state``, or raises where it
    raises."""
    try:
        expected = reference(state, None, {})
    except EvalError:
        with pytest.raises(EvalError):
            fast(state)
        return
    assert fast(state) is expected


INTERVAL_SPEC = r"""
VARIABLES x, lo, hi
In == x \in lo..hi
Out == x \notin 1..3
UpTo == \E y \in {x} : y \in 1..hi
"""
INTERVAL_STATES = [(2, 1, 3), (0, 1, 3), (4, 1, 3), (3, 3, 3), (2, 3, 1), (-1, -2, 0),
                   ("a", 1, 3), (True, 1, 3), ((1,), 1, 3), (2, True, 3), (2, 1, "b")]


@pytest.mark.parametrize("state", INTERVAL_STATES, ids=repr)
@pytest.mark.parametrize("name", ["In", "Out", "UpTo"])
def test_interval_membership_agrees_with_the_reference(tmp_path, monkeypatch, state, name):
    """``x \\in lo..hi`` (written in place, or a constant interval) is a comparison where
    x and the ends are integers, and the interval's own test otherwise (TRUE is no
    integer): the reference's answer or its error, for every mix of kinds."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(INTERVAL_SPEC, "Ivl")
    fast, reference = _both_ways(m, name)
    assert fast is not None
    code = _dumped(tmp_path, name)
    assert "<=" in code and ("Interval(" in code or "C_" in code)
    _agree_on(fast, reference, state)


STRINGS_SPEC = r"""
VARIABLES x
In == x \in {"a2", "a3"}
Out == x \notin {"a2"}
Str == \E y \in {"a2", "b"} : y \in {"a2", "a3"}
"""
STRINGS_STATES = [("a2",), ("a4",), ("",), (2,), (True,), (("a2",),)]


@pytest.mark.parametrize("state", STRINGS_STATES, ids=repr)
@pytest.mark.parametrize("name", ["In", "Out", "Str"])
def test_string_membership_agrees_with_the_reference(tmp_path, monkeypatch, state, name):
    """``x \\in {"a2", "a3"}`` is Python's ``in`` for a string x, and the full test
    otherwise (an integer against strings is TLC's error): the reference's answer or its
    error."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(STRINGS_SPEC, "Strs")
    fast, reference = _both_ways(m, name)
    assert fast is not None
    assert "is str else" in _dumped(tmp_path, name) or name == "Str"
    _agree_on(fast, reference, state)


def test_closed_function_constructor_is_computed_once(tmp_path, monkeypatch):
    """``[i \\in S |-> "init"]`` reads no variable and no bound name: the predicate's code
    takes it from a constant computed on first use instead of building it at each call
    (its fallback on the reference, for a domain not enumerated, does not count)."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model('S == {"a", "b"}\nVARIABLES x\nP == \\E s \\in S : x = [i \\in S |-> s]\n'
                   'Q == x = [i \\in S |-> "init"]', "Hoist")
    from tla.evaluator.values import Fcn
    state = (Fcn({"a": "init", "b": "init"}),)
    for name, value in (("P", False), ("Q", True)):
        fast, _ = _both_ways(m, name)
        assert fast(state) is value
    q, p = _dumped(tmp_path, "Q"), _dumped(tmp_path, "P")
    assert "fcnargs" not in q and "C_" in q
    assert "fcnargs" in p   # depends on the bound s: built at each call


def test_print_in_a_constant_is_generated_and_held_until_it_returns():
    """``PrintT`` in a constant's code (an ASSUME) is generated; its line is written when
    the code returns, and not at all when the code gives up and the reference takes over.
    In a state predicate (re-evaluated by the reference when generated code raises) it
    stays on the reference."""
    from tests.evaluator.conftest import make_model
    from tla.evaluator.codegen.exprs import generated_or_reference
    m = make_model("VARIABLE x", "Prints")
    lines: list = []
    m.ctx.out = lines.append

    def constant(text):
        node = parse_expression(text)
        seed_from_expr(node)
        return node, m.codegen.constant(node, m.root_ns, "ASSUME")

    node, fast = constant('PrintT(<<"sq", {i * i : i \\in 1..3}>>)')
    assert fast is not None
    assert generated_or_reference(fast, lambda: pytest.fail("reference used"), m.ctx) is True
    assert lines == ['<<"sq", {1, 4, 9}>>']

    lines.clear()
    node, fast = constant('PrintT("once") /\\ 1 \\div 0 = 0')
    reference, _ = m.compiler.expr(node, m.root_ns)
    with pytest.raises(Exception):
        generated_or_reference(fast, lambda: reference(None, None, {}), m.ctx)
    assert lines == ['"once"']

    node = parse_expression('PrintT(x)')
    seed_from_expr(node)
    assert m.codegen.predicate(node, m.root_ns, "P") is None


def test_generated_code_that_keeps_handing_over_is_dropped(monkeypatch):
    """An evaluator whose generated code raises on every call asks the reference alone
    once it has handed over GIVE_UP times (its answers stay the reference's)."""
    from tests.evaluator.conftest import make_model
    from tla.evaluator.model import GIVE_UP
    m = make_model("VARIABLE x\nP == x > 1", "GiveUp")
    tried = []

    def broken(s, t=None, e=None):
        tried.append(s)
        raise RuntimeError("generated code gave up")
    monkeypatch.setattr(m.codegen, "predicate", lambda *args, **kwargs: broken)
    node = m.root_ns.lookup("P").body
    fn, _ = m.compiler.expr(node, m.root_ns)
    evaluate = m._generated_evaluator(fn, node, m.root_ns, {}, "P", False, None)
    assert [evaluate((v,)) for v in range(100)] == [v > 1 for v in range(100)]
    assert len(tried) == GIVE_UP


def test_dropped_generated_code_asks_the_reference_once(monkeypatch):
    """Once dropped, an evaluation the reference fails on is made once (not once as the
    generated code's stand-in and again as its fallback)."""
    from tests.evaluator.conftest import make_model
    from tla.errors import EvalError
    from tla.evaluator.model import GIVE_UP
    m = make_model("VARIABLE x\nP == x > 1", "GiveUpOnce")

    def broken(s, t=None, e=None):
        raise RuntimeError("generated code gave up")
    monkeypatch.setattr(m.codegen, "predicate", lambda *args, **kwargs: broken)
    asked = []

    def reference(s, t, e):
        asked.append(s)
        if s[0] < 0:
            raise EvalError("no value")
        return s[0] > 1
    node = m.root_ns.lookup("P").body
    evaluate = m._generated_evaluator(reference, node, m.root_ns, {}, "P", False, None)
    assert [evaluate((v,)) for v in range(GIVE_UP)] == [v > 1 for v in range(GIVE_UP)]
    asked.clear()
    with pytest.raises(EvalError):
        evaluate((-1,))
    assert asked == [(-1,)]


def test_the_reference_answers_the_warm_up_then_the_code_is_written_once(monkeypatch):
    """An evaluator with a warm-up of n calls asks the reference n times, writes the
    generated code at the last of them, and then calls that code directly."""
    from tests.evaluator.conftest import make_model
    m = make_model("VARIABLE x\nP == x > 1", "WarmUp")
    written, ran = [], []

    def fast(s, t=None, e=None):
        ran.append(s)
        return s[0] > 1

    def write(*args, **kwargs):
        written.append(args)
        return fast
    monkeypatch.setattr(m.codegen, "predicate", write)
    asked = []

    def reference(s, t, e):
        asked.append(s)
        return s[0] > 1
    node = m.root_ns.lookup("P").body
    evaluate = m._generated_evaluator(reference, node, m.root_ns, {}, "P", False, None,
                                      warmup=3)
    assert [evaluate((v,)) for v in range(3)] == [False, False, True]
    assert len(asked) == 3 and len(written) == 1 and ran == []
    assert [evaluate((v,)) for v in range(3, 6)] == [True, True, True]
    assert len(asked) == 3 and len(written) == 1 and ran == [(3,), (4,), (5,)]


COMPOSE_SPEC = r"""
VARIABLES x, y
A(d) == x' = x + d /\ y' = y
B == /\ x < 6
     /\ \/ x' = 2 * x /\ y' = y + 1
        \/ x' = x /\ y' = y
     /\ x' # 4
Next == \E d \in {1, 2} : A(d) \cdot B
"""


@pytest.mark.parametrize("mode", ["0", "verify"])
def test_action_composition_is_generated_and_counts_intermediate_states(monkeypatch, mode):
    """``A \\cdot B``: generated code gives the reference's successors, in its order
    (verify mode compares them at every call), and counts each intermediate state once."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN", mode)
    m = make_model(COMPOSE_SPEC, "Compose")
    got = [[s for s, _ in m.next_states("Next", (x, 0))] for x in range(8)]
    assert got[1] == [(2, 0), (6, 1), (3, 0)]      # 1 -> 2 -> 4 is not allowed by B
    assert got[2] == [(6, 1), (3, 0), (8, 1)]
    assert got[7] == []
    assert m.intermediate_generated == 16      # two per state: A(1) and A(2)
    if mode == "verify":
        stats = m.codegen.log
        assert any(what == "action" and result == "generated" for what, _, result in stats)


SPLIT_SPEC = r"""
Procs == {"p", "q"}
VARIABLES msgs, flags
Send(p) == /\ flags = [r \in Procs |-> FALSE]
           /\ msgs' = msgs \cup {[type |-> "hello", from |-> p]}
           /\ UNCHANGED flags
Next == \E p \in Procs : Send(p)
"""


def test_expressions_of_the_action_parameters_are_built_once_per_instance():
    """``{[type |-> "hello", from |-> p]}`` in an action split on ``\\E p \\in Procs``
    reads only the instance's parameter: every state gets the same set object from it,
    and each instance its own one."""
    from tests.evaluator.conftest import make_model
    from tla.evaluator.values import FSet, Fcn
    m = make_model(SPLIT_SPEC, "Inst")
    flags = Fcn({"p": False, "q": False})
    from tla.evaluator.model import WARMUP_CALLS
    sent: dict = {}
    for n in range(WARMUP_CALLS + 40):
        state = (FSet({n}), flags)
        for (msgs, _), label in m.next_states("Next", state):
            (new,) = msgs - {n}
            sent.setdefault(new.map["from"], {})[id(new)] = new     # (kept: ids stay)
    assert sorted(sent) == ["p", "q"]
    late = [s for s, _ in m.next_states("Next", (FSet(), flags))]
    assert [s[0] for s in late] == [FSet({Fcn({"type": "hello", "from": p})})
                                    for p in ("p", "q")]
    assert all(len(ids) <= WARMUP_CALLS + 1 for ids in sent.values())


def test_equal_constants_are_one_object_and_compare_by_identity():
    """Equal constants of the model are interned into one object, so a state set from
    Init's ``[a |-> 1]`` holds the very object an action's ``x = [a |-> 1]`` compares
    with; a constant holding TRUE is never merged with one holding 1."""
    from tests.evaluator.conftest import make_model
    m = make_model("VARIABLE x\nP == x = [a |-> 1]", "Interned")

    def constant(text):
        node = parse_expression(text)
        seed_from_expr(node)
        return m.codegen.predicate(node, m.root_ns, text)((0,))
    one, true, again = constant("[a |-> 1]"), constant("[a |-> TRUE]"), constant("[a |-> 1]")
    assert format_value(one) == "[a |-> 1]" and format_value(true) == "[a |-> TRUE]"
    assert one is again and one is not true
    seq, seq2 = constant("<<1, <<2>>, {3}>>"), constant("<<1, <<2>>, {3}>>")
    assert seq is seq2
    p = m.root_ns.lookup("P").body
    fast = m.codegen.predicate(p, m.root_ns, "P")
    assert fast((one,)) is True and fast((constant("[a |-> 2]"),)) is False


EQUALITY_VALUES = ["[a |-> 1]", "[a |-> 2]", "[a |-> 1, b |-> {}]", "[i \\in {0, 1} |-> i]",
                   "[i \\in {0, 1} |-> 0]", "<<1, 2>>", "<<>>", "{1}", "1", "[i \\in {0} |-> 0]",
                   "[i \\in Nat |-> i]"]


@pytest.mark.parametrize("y", EQUALITY_VALUES)
@pytest.mark.parametrize("x", EQUALITY_VALUES)
def test_equality_of_two_variables_agrees_with_the_reference(x, y):
    """``x = y`` where neither side's kind is known when the code is written: records and
    functions compared by their dicts in line, anything else as ``values.eq``."""
    from tests.evaluator.conftest import make_model
    m = make_model("VARIABLES x, y\nP == x = y", "Equality")
    fast, reference = _both_ways(m, "P")
    assert fast is not None
    state = (m.evaluate(x), m.evaluate(y))
    try:
        expected = run_with_big_stack(reference, state, None, {})
    except EvalError:
        with pytest.raises(Exception):
            run_with_big_stack(fast, state)
        return
    assert run_with_big_stack(fast, state) is expected


LAMBDA_SPEC = r"""
VARIABLE x
ChooseOne(S, P(_)) == CHOOSE v \in S : P(v) /\ \A w \in S : P(w) => w = v
Filter(S, P(_)) == {v \in S : P(v)}
Apply2(F(_, _), a, b) == F(a, b)
One == ChooseOne(1..5, LAMBDA v : v = x)
Lazy == LET sets == [i \in 1..3 |-> Filter(Nat, LAMBDA v : v > i + x)]
        IN <<5 \in sets[1], 3 \in sets[2], 4 \in sets[3]>>
Two == Apply2(LAMBDA a, b : a * b + x, 2, 3)
IsBig(v) == v > x
Times(a, b) == a * b + x
ByName == <<Filter(1..5, IsBig), SelectSeq(<<1, 4, 2, 5>>, IsBig), Apply2(Times, 2, 3)>>
"""


@pytest.mark.parametrize("name", ["One", "Lazy", "Two", "ByName"])
def test_lambda_arguments_are_generated_and_agree(tmp_path, monkeypatch, name):
    """A LAMBDA argument, or an operator passed by name, is a function written in the
    generated code (its body is not the reference's): applied under CHOOSE, kept in a
    lazy filter past the loop that made it (each keeps its own ``i``: the reference's
    filter once read the loop's last), of two parameters, or given to the builtin
    SelectSeq, it gives the reference's value."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(LAMBDA_SPEC, "Lam")
    fast, reference = _both_ways(m, name)
    for x in (1, 2, 3):
        assert run_with_big_stack(fast, (x,)) == reference((x,), None, {})
    assert ("def opv" if name == "ByName" else "def lam") in _dumped(tmp_path, name)


MULTI_SPEC = r"""
Keys == {"k", "j"}
VARIABLE x
Two == [n \in 1..3, k \in Keys |-> IF k = "k" THEN n + x ELSE n * x]
Pattern == [<<a, b>> \in {<<1, 2>>, <<3, 4>>}, k \in Keys |-> a + b + x]
Same == [a, b \in 0..x |-> a < b]
Lazy == [n \in Nat, k \in Keys |-> n + x][5, "k"]
Failing == [i \in 1..2, j \in 0..1 |-> IF i = 1 THEN x \div j ELSE Assert(FALSE, "no")]
"""


@pytest.mark.parametrize("name", ["Two", "Pattern", "Same", "Lazy"])
def test_function_constructors_of_several_arguments_are_generated(tmp_path, monkeypatch,
                                                                   name):
    """``[n \\in S, k \\in T |-> e]`` over enumerated domains is built by generated loops
    (its arguments the tuples of ``S \\X T``, a tuple pattern binding its parts); over
    ``Nat`` it is the reference's lazy function. Either way it equals the reference's."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(MULTI_SPEC, "Multi")
    fast, reference = _both_ways(m, name)
    for x in (0, 1, 2):
        got = run_with_big_stack(fast, (x,))
        assert got == reference((x,), None, {})
        assert format_value(got) == format_value(reference((x,), None, {}))
    assert "in ordered(" in _dumped(tmp_path, name)


def test_function_constructor_of_several_arguments_fails_where_the_reference_does():
    """The arguments are taken in the reference's order: ``<<1, 0>>`` (division by zero)
    comes before ``<<2, 0>>`` (the failed assertion)."""
    from tests.evaluator.conftest import make_model
    from tla.errors import EvalError
    m = make_model(MULTI_SPEC, "Multi")
    fast, _ = _both_ways(m, "Failing")
    with pytest.raises(EvalError, match="second argument of \\\\div is 0"):
        run_with_big_stack(fast, (1,))


def test_lazy_values_made_in_a_loop_keep_their_own_bindings():
    """A filter over Nat, a function over Nat or a LAMBDA made for each ``i`` of a function
    constructor is used after the loop: each reads its own ``i`` (TLC's lazy values keep
    their context), in the reference as in generated code."""
    from tests.evaluator.conftest import make_model
    m = make_model("VARIABLE x\n"
                   "F == [i \\in 1..3 |-> {v \\in Nat : v > i + x}]\n"
                   "G == [i \\in 1..3 |-> [v \\in Nat |-> v > i + x]]\n"
                   "Filter(S, P(_)) == {v \\in S : P(v)}\n"
                   "H == [i \\in 1..3 |-> Filter(Nat, LAMBDA v : v > i + x)]\n"
                   "P == <<5 \\in F[1], 5 \\in F[3], G[1][5], G[3][5], 5 \\in H[1], 5 \\in H[3]>>",
                   "Loops")
    fast, reference = _both_ways(m, "P")
    for x in (1, 2, 3):
        assert reference((x,), None, {}) == (5 > 1 + x, 5 > 3 + x) * 3
        assert run_with_big_stack(fast, (x,)) == reference((x,), None, {})


SUBST_SPEC = r"""
VARIABLE x
---- MODULE Inner ----
VARIABLE v
Same == v[1] = v[2] \/ v[2] = v[3] \/ v[1] = v[3]
Kept == v' = v \/ v'[1] = v[1]
====
Sign(p) == IF x[p] > 0 THEN "pos" ELSE "neg"
I == INSTANCE Inner WITH v <- [p \in 1..3 |-> Sign(p)]
P == I!Same
A == I!Kept
"""


def test_a_substituted_state_function_is_computed_once_per_state(tmp_path, monkeypatch):
    """``INSTANCE Inner WITH v <- [p \\in 1..3 |-> Sign(p)]``: the uses of v (and v') in
    one predicate share one value per state (a cell kept with the state tuple), and the
    values are the reference's."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(SUBST_SPEC, "Subst")
    states = [(1, 2, 3), (1, -2, 3), (-1, 0, 5), (0, 0, 0)]
    for name, action in (("P", False), ("A", True)):
        fast, reference = _both_ways(m, name, action)
        for s in states:
            for t in states:
                if action:
                    assert fast((s,), (t,)) is reference((s,), (t,), {})
                else:
                    assert fast((s,)) is reference((s,), None, {})
    source = _dumped(tmp_path, "P")
    import re
    # the cells are kept with the value of the variable read (the only one: v0)
    cells = re.findall(r"^ *if (M_\d+)\[0\] is v0", source, re.M)
    assert len(cells) == source.count("fcnargs(") + 1     # each use of v, and P itself
    assert len(set(cells)) == 2                         # v's uses share one cell


READS_SPEC = r"""
VARIABLES x, y
Signs == [p \in 1..3 |-> IF x[p] > 0 THEN "pos" ELSE "neg"]
Kept == Signs' = Signs /\ y' = y + 1
"""


def test_a_state_function_is_kept_with_the_values_it_reads(tmp_path, monkeypatch):
    """``Signs`` reads x only: its cell is kept with x's value, so that in an action
    property a step that leaves x as it was (the same object) finds Signs' in the cell of
    Signs; the values are the reference's whichever cell answers."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model(READS_SPEC, "Reads")
    fast, reference = _both_ways(m, "Kept", True)
    xs = [(1, 2, 3), (1, -2, 3), (-1, 0, 5)]
    for x in xs:
        s = (x, 0)
        for t in [(x, 1), (x, 2), ((1, 2, 3), 1), ((-1, 0, 5), 1), (tuple(x), 5)]:
            assert fast(s, t) is reference(s, t, {})
    source = _dumped(tmp_path, "Kept")
    assert "[0] is w0:" in source and "elif M_" in source   # t's cell, then s's


def test_an_operator_used_twice_in_one_action_is_expanded_both_times(tmp_path, monkeypatch):
    """``/\\ IsQuorum(a) /\\ ... /\\ IsQuorum(b)``: the second conjunct is written from
    inside the first one's expansion (continuation passing) but is no recursion: both are
    expanded in place, not calls of an operator function or of the reference."""
    from tests.evaluator.conftest import make_model
    monkeypatch.setenv("PYTLC_CODEGEN_DUMP", str(tmp_path))
    m = make_model("VARIABLE x\nIsQuorum(S) == S \\in {{1}, {1, 2}, {2, 3}}\n"
                   "Next == /\\ IsQuorum({x})\n        /\\ x' \\in {x + 1, x + 2}\n"
                   "        /\\ IsQuorum({x, x' - 1})", "Twice")
    m.warmup = m.warmup_states = 0
    assert [[s for s, _ in m.next_states("Next", (x,))] for x in range(4)] == \
        [[], [(2,), (3,)], [], []]
    source = next(p.read_text() for p in tmp_path.iterdir() if "gen_action" in p.name)
    assert "R_" not in source and "OP_" not in source     # (no call: both expanded)


def test_except_copies_a_function_in_line_and_keeps_the_very_value():
    """``[r EXCEPT !.c = "white"]``: the generated code gives r itself when the value at the
    key is already that very value (the search then has its lane), and otherwise a copy
    (made in line, no helper call) equal to the reference's, with r's domain lanes."""
    from tests.evaluator.conftest import make_model
    from tla.checker.fingerprints import lane
    from tla.evaluator.values import Fcn
    m = make_model('VARIABLES r, f\nWhite == [r EXCEPT !.c = "white"]\n'
                   'Bump == [f EXCEPT !["b"] = @ + 1, !["a"] = 7]', "Except")
    white, black = Fcn({"c": "white", "d": 1}), Fcn({"c": "black", "d": 1})
    f = Fcn({"a": 0, "b": 5})
    for v in (white, black, f):
        lane(v)                               # as the search leaves them: lanes known
    for name, state in (("White", (white, f)), ("White", (black, f)), ("Bump", (white, f))):
        fast, reference = _both_ways(m, name)
        got, expected = fast(state), reference(state, None, {})
        assert got == expected and type(got) is Fcn
        source = state[0] if name == "White" else state[1]
        if got == source:
            assert got is source
        else:
            assert got._dl is source._dl and got._lane is None
            assert lane(got) == lane(Fcn(dict(got.map)))
