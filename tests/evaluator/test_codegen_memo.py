"""Pure recursive operators remembered by argument (``tla.evaluator.codegen.memo``): the
values are the reference's, TRUE and 1 are different arguments, impure operators (and those
calling one) are never remembered, an operator whose arguments do not repeat goes back to
its plain function, and an error is raised again on every call."""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator.codegen import memo
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import format_value
from tla.parser import parse_expression
from tla.evaluator.intern_order import seed_from_expr

from tests.evaluator.conftest import make_model

SPEC = r"""
VARIABLE x
RECURSIVE Wrap(_, _)
Wrap(s, n) == IF n = 0 THEN s ELSE Wrap(s, n - 1)
RECURSIVE Total(_)
Total(S) == IF S = {} THEN 0 ELSE LET e == CHOOSE e \in S : TRUE IN e + Total(S \ {e})
RECURSIVE Deep(_)
Deep(n) == IF n = 0 THEN TLCGet("level") ELSE Deep(n - 1)
RECURSIVE UsesDeep(_)
UsesDeep(n) == IF n < 0 THEN UsesDeep(n + 1) ELSE Deep(n)
RECURSIVE Inc(_)
Inc(f) == IF f = <<>> THEN 0 ELSE f[1] + 1
RECURSIVE Bad(_)
Bad(n) == IF n = 0 THEN 1 \div n ELSE Bad(n - 1)
RECURSIVE StateLevel(_)
StateLevel(n) == IF n = 0 THEN x ELSE StateLevel(n - 1)
Auto(S) == {f \in [S -> S] : \A y \in S : \E x2 \in S : f[x2] = y}
Small(S) == {e \in S : e > 1}
Twice(n) == IF n > 0 THEN n + n ELSE 0
Mapped(S) == [e \in S |-> e + 1]
Parts(S) == {T \in SUBSET S : T # {}}
PermSeqs(S) == LET perms[ss \in SUBSET S] ==
                     IF ss = {} THEN {<<>>}
                     ELSE UNION {{Append(sq, e) : sq \in perms[ss \ {e}]} : e \in ss}
               IN perms[S]
"""


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Memo", extends="EXTENDS Naturals, Sequences, TLC")


def evaluate(model, text, state=((7,),)):
    node = parse_expression(text)
    seed_from_expr(node)
    fn = run_with_big_stack(model.codegen.predicate, node, model.root_ns, "test")
    assert fn is not None
    return run_with_big_stack(fn, *state)


def pure(model, name):
    return model.codegen.is_pure_operator(model.root_ns.lookup(name))


def test_pure_operators_are_told_from_impure_ones(model):
    assert pure(model, "Wrap") and pure(model, "Total") and pure(model, "Inc")
    assert not pure(model, "Deep")                 # reads the context
    assert not pure(model, "UsesDeep")             # calls an operator that does
    assert not pure(model, "StateLevel")           # reads a variable


@pytest.mark.parametrize("text", [
    "<<Wrap({TRUE}, 3), Wrap({1}, 3), Wrap({TRUE}, 3)>>",
    "<<Wrap(<<1, TRUE>>, 2), Wrap(<<TRUE, 1>>, 2), Wrap(<<1, 1>>, 2)>>",
    "<<Wrap(<<1, 3>>, 2), Wrap(<<\"a\", 1>>, 2), Wrap(<<>>, 2), Wrap(<<1, 3>>, 2)>>",
    "<<Wrap([a |-> TRUE], 1), Wrap([a |-> 1], 1)>>",
    "<<Total(1..4), Total({1, 2, 3, 4}), Total({4, 3, 2, 1}), Total(1..5)>>",
    "<<Inc(<<1>>), Inc([i \\in {1} |-> 1]), Inc(<<2>>)>>",
])
def test_remembered_values_are_the_references(model, text):
    got = evaluate(model, text)
    assert format_value(got) == format_value(run_with_big_stack(model.evaluate, text))


def test_true_and_one_are_different_arguments(model):
    assert format_value(evaluate(model, "<<Wrap({TRUE}, 2), Wrap({1}, 2)>>")) == \
        "<<{TRUE}, {1}>>"
    # a tuple of integers is its own key: one holding TRUE is not it
    assert format_value(evaluate(model, "<<Wrap(<<1, 2>>, 2), Wrap(<<TRUE, 2>>, 2)>>")) == \
        "<<<<1, 2>>, <<TRUE, 2>>>>"
    assert format_value(evaluate(model, "<<Wrap(<<TRUE, 2>>, 3), Wrap(<<1, 2>>, 3)>>")) == \
        "<<<<TRUE, 2>>, <<1, 2>>>>"
    unit = model.codegen.unit
    name = unit._ids[("op", id(model.root_ns.lookup("Wrap")))]
    assert hasattr(unit.ns[name], "plain")          # the calls went through the memory


def test_an_error_is_raised_on_every_call(model):
    for _ in range(3):
        with pytest.raises(EvalError):
            evaluate(model, "Bad(2)")


def test_an_operator_whose_arguments_do_not_repeat_goes_back_to_its_function(monkeypatch):
    monkeypatch.setattr(memo, "TRIAL", 64)
    calls, given_up = [], []

    def square(s, n):
        calls.append(n)
        return n * n
    remembered = memo.memoize(square, given_up.append)
    assert [remembered(None, n % 4) for n in range(8)] == [(n % 4) ** 2 for n in range(8)]
    assert calls == [0, 1, 2, 3]                  # the second round came from memory
    assert [remembered(None, n) for n in range(100, 155)] == [n * n for n in range(100, 155)]
    assert given_up == []
    assert remembered(None, 155) == 155 * 155
    assert given_up == [square]                   # 4 answers from memory in 64 calls


def test_lazy_arguments_are_passed_on_without_enumerating():
    from tla.evaluator.values import Interval, NatSet
    seen = []

    def first(s, S):
        seen.append(S)
        return 0
    remembered = memo.memoize(first, lambda fn: None)
    big = Interval(1, 10 ** 6)
    for S in (NatSet(), NatSet(), big, big):
        assert remembered(None, S) == 0
    assert len(seen) == 4
    for S in (Interval(1, 3), Interval(1, 3)):    # DOMAIN s: an argument like any other
        assert remembered(None, S) == 0
    assert len(seen) == 5


def test_calls_with_lazy_arguments_count_as_misses_in_the_trial(monkeypatch):
    # Sum(f, S) called with f a lazily applied function (sc[p \in Pos] == ... of a state)
    # can never be answered from memory: the trial must end its remembering all the same
    from tla.evaluator.values import NatSet
    monkeypatch.setattr(memo, "TRIAL", 16)
    given_up = []
    remembered = memo.memoize(lambda s, S: 0, given_up.append)
    for _ in range(15):
        remembered(None, NatSet())
    assert given_up == []
    assert remembered(None, NatSet()) == 0
    assert len(given_up) == 1


def test_operators_looping_over_sets_are_called_and_remembered(model):
    # Auto(DOMAIN s) is the same few sets in every state: written as a function that
    # memo.py may remember (its interval argument included), not expanded in place; so is
    # any operator that loops over a set, not one that only computes with its arguments
    from tla.evaluator.codegen.exprs import _loops_over_sets
    auto = model.root_ns.lookup("Auto")
    assert _loops_over_sets(auto.body) and pure(model, "Auto")
    for name in ("Small", "Parts", "Mapped"):
        assert _loops_over_sets(model.root_ns.lookup(name).body), name
    assert not _loops_over_sets(model.root_ns.lookup("Twice").body)
    for _ in range(3):
        assert evaluate(model, "Auto({1, 2}) = {<<1, 2>>, <<2, 1>>} /\\ <<3, 1, 2>> \\in Auto(1..3)"
                        " /\\ <<1, 1, 2>> \\notin Auto(1..3)") is True
        assert evaluate(model, "Small({1, 2, 3}) = {2, 3} /\\ Small({}) = {}") is True
        assert evaluate(model, "Mapped(1..2) = <<2, 3>> /\\ Twice(3) = 6") is True


def test_an_operator_with_a_let_function_over_subsets_is_generated_and_remembered(model):
    # PermSeqs(toSchedule) (the allocator's schedule): its LET function is written as
    # generated code, and the operator is a function memo.py may remember
    from tla.evaluator.codegen.exprs import _loops_over_sets
    entry = model.root_ns.lookup("PermSeqs")
    assert _loops_over_sets(entry.body) and pure(model, "PermSeqs")
    for _ in range(3):
        assert evaluate(model, "PermSeqs({1, 2, 3}) = {<<1, 2, 3>>, <<1, 3, 2>>, <<2, 1, 3>>,"
                               " <<2, 3, 1>>, <<3, 1, 2>>, <<3, 2, 1>>}") is True
        assert evaluate(model, "PermSeqs({}) = {<<>>}") is True
    assert ("operator", "PermSeqs", "generated") in model.codegen.log


class _Clock:
    """A fake perf_counter: one tick per reading, plus what the operator 'costs'."""
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        self.now += 1
        return self.now


@pytest.mark.parametrize("cost, timed, kept", [
    (0, True, False),      # as cheap to compute as to look up: back to the function
    (100, True, True),     # dear to compute: remembered
    (0, False, True),      # a recursive operator: judged by its hits alone
])
def test_the_trial_weighs_the_time_of_keys_against_that_of_values(monkeypatch, cost, timed,
                                                                  kept):
    clock = _Clock()
    monkeypatch.setattr(memo, "perf_counter", clock)
    monkeypatch.setattr(memo, "TRIAL", 64)
    given_up = []

    def op(s, n):
        clock.now += cost
        return n + 1
    remembered = memo.memoize(op, given_up.append, timed=timed)
    for n in range(64):
        assert remembered(None, n % 8) == n % 8 + 1       # 56 of 64 answered from memory
    assert (given_up == []) is kept


INSTANCE_SPEC = r"""
VARIABLE x
---- MODULE Paths ----
EXTENDS Naturals
CONSTANT Succ, Nodes
Reach(S) == {n \in Nodes : \E m \in S : n = m \/ n \in Succ[m]}
Twice(S) == Reach(Reach(S))
====
---- MODULE Mapping ----
CONSTANT Op(_)
Image(S) == {Op(e) : e \in S}
====
P(Succ) == INSTANCE Paths WITH Nodes <- 1..3
Q(Op(_)) == INSTANCE Mapping
Line == [n \in 1..3 |-> IF n < 3 THEN {n + 1} ELSE {}]
Loop == [n \in 1..3 |-> {(n % 3) + 1}]
"""


@pytest.fixture(scope="module")
def instance_model():
    return make_model(INSTANCE_SPEC, "Inst", extends="EXTENDS Naturals")


def test_an_operator_of_a_parameterized_instance_is_remembered_per_parameter(instance_model):
    # P(Succ)!Reach(S) is written as a function of Succ and S: remembering it by S alone
    # would answer the second graph's call with the first graph's value
    m = instance_model
    text = ("<<P(Line)!Twice({1}), P(Loop)!Twice({1}), P(Line)!Reach({2}), "
            "P(Loop)!Reach({2}), P(Line)!Twice({1})>>")
    for _ in range(3):
        got = evaluate(m, text)
        assert format_value(got) == "<<{1, 2, 3}, {1, 2, 3}, {2, 3}, {2, 3}, {1, 2, 3}>>"
        assert format_value(evaluate(m, "<<P(Line)!Reach({3}), P(Loop)!Reach({3})>>")) == \
            "<<{3}, {1, 3}>>"
    reach = m.instantiate_entry(m.root_ns.lookup("P")).names["Reach"]
    assert reach.carry == ("Succ",) and pure(m, "Line")
    unit = m.codegen.unit
    name = unit._ids[("op", id(reach))]
    assert hasattr(unit.ns[name], "plain")          # the calls went through the memory
    every = r"\A g \in [1..3 -> SUBSET (1..3)] : \A S \in SUBSET (1..3) : " \
            r"S \subseteq P(g)!Twice(S) /\ (g = Line => P(g)!Reach({1}) = {1, 2})"
    assert evaluate(m, every) is True
    assert evaluate(m, r"\A g \in {Line, Loop} : P(g)!Reach({3}) = {3}") is False


def test_an_operator_parameter_of_an_instance_is_passed_without_a_fingerprint(instance_model):
    m = instance_model
    for _ in range(3):
        assert format_value(evaluate(m, "<<Q(LAMBDA e : e + 1)!Image({1, 2}), "
                                        "Q(LAMBDA e : e * 3)!Image({1, 2})>>")) == \
            "<<{2, 3}, {3, 6}>>"


LET_SPEC = r"""
VARIABLE x
Paths(R) == LET Seqs(S, n) == UNION {[1..i -> S] : i \in 0..n}
            IN {p \in Seqs(R, 2) : Len(p) = 2}
Near(R) == LET Within(S) == {e \in S : e \in R} IN Within(1..3)
Shifted(R) == LET K == R \cup {0}
                  Inside(S) == {e \in S : e \in K}
              IN Inside(0..2)
Bumped(f) == [f EXCEPT ![1] = LET Plus(S) == {e + @ : e \in S} IN Plus({1, 2})]
Nested(R) == LET Outer(S) == LET Inner(T) == {e \in T : e \in S} IN Inner(R) IN Outer(1..2)
Cells(p) == LET Offsets == {d \in {0, 1, 2} : d # 0}
                Points == {p + d : d \in Offsets}
            IN Points \cup {p * 10}
Loop(S) == LET RECURSIVE A, B
               A == {x \in S : x \in B}
               B == {x \in S : x \in A}
           IN 1
Sizes(R) == LET f[s \in SUBSET R] ==
                  IF s = {} THEN 0
                  ELSE LET rest == f[s \ {CHOOSE e \in s : TRUE}] IN rest + 1
            IN f[R]
"""


@pytest.fixture(scope="module")
def let_model():
    return make_model(LET_SPEC, "Lets", extends="EXTENDS Naturals, Sequences")


def _let_entry(model, op, name):
    """The DefEntry of LET definition ``name`` in the first LET of operator ``op``."""
    from tla.parser import ast as A
    from tla.evaluator.scope import BoundEntry, LocalScope

    def first_let(x):
        if isinstance(x, A.Let):
            return x
        parts = x if isinstance(x, (tuple, list)) else [
            getattr(x, f) for f in getattr(x, "__match_args__", ()) if f != "span"]
        for y in parts:
            found = first_let(y)
            if found is not None:
                return found
        return None
    entry = model.root_ns.lookup(op)
    around = LocalScope(model.root_ns, {p.name: BoundEntry(p.name) for p in entry.params})
    inner, _ = model.compiler.let_scope(first_let(entry.body), around)
    return inner.lookup(name)


@pytest.mark.parametrize("op, name, reads", [
    ("Paths", "Seqs", ()),           # reads its parameters only
    ("Near", "Within", ("R",)),      # reads R, bound around the LET: an argument
    ("Shifted", "Inside", None),     # reads K, a LET definition reading R
    ("Bumped", "Plus", None),        # reads @ of the EXCEPT around it
    ("Cells", "Points", ("p",)),     # reads p, and Offsets, a LET definition reading none
    ("Loop", "A", None),             # reads B, which reads A back
])
def test_the_names_a_let_definition_reads_around_it(let_model, op, name, reads):
    from tla.evaluator.codegen.exprs import _outside_reads
    assert _outside_reads(_let_entry(let_model, op, name)) == reads


def test_a_let_definition_reading_a_let_function_reads_what_its_domain_reads(let_model):
    # rest reads f, whose domain SUBSET R reads R: rest is no function of s alone (the
    # allocator's PermSeqs, whose generated code failed on an unbound S at every call)
    from tla.parser import ast as A
    from tla.evaluator.codegen.exprs import _outside_reads
    from tla.evaluator.scope import BoundEntry, LocalScope
    f = _let_entry(let_model, "Sizes", "f")
    inner = f.body.else_
    assert isinstance(inner, A.Let)
    around = LocalScope(f.ns, {"s": BoundEntry("s")})
    rest = let_model.compiler.let_scope(inner, around)[0].lookup("rest")
    assert _outside_reads(rest) is None


@pytest.mark.parametrize("text, expected", [
    (r"<<Sizes({1}), Sizes({}), Sizes(1..3), Sizes({1})>>", "<<1, 0, 3, 1>>"),
    (r"<<Paths({1}), Paths({1, 2}), Paths({1})>>",
     "<<{<<1, 1>>}, {<<1, 1>>, <<1, 2>>, <<2, 1>>, <<2, 2>>}, {<<1, 1>>}>>"),
    (r"<<Near({1}), Near({2, 3}), Near({1})>>", "<<{1}, {2, 3}, {1}>>"),
    (r"<<Shifted({1}), Shifted({2}), Shifted({1})>>", "<<{0, 1}, {0, 2}, {0, 1}>>"),
    (r"<<Bumped(<<1, 5>>), Bumped(<<10, 5>>)>>", "<<<<{2, 3}, 5>>, <<{11, 12}, 5>>>>"),
    (r"<<Nested({1, 2, 3}), Nested({3}), Nested({1})>>", "<<{1, 2}, {}, {1}>>"),
    (r"\A R \in SUBSET (1..3) : Near(R) = R /\ Shifted(R) = (R \cup {0}) \cap 0..2",
     "TRUE"),
    (r"<<Cells(1), Cells(5), Cells(1), {Cells(p) : p \in 1..3}>>",
     "<<{2, 3, 10}, {6, 7, 50}, {2, 3, 10}, {{2, 3, 10}, {3, 4, 20}, {4, 5, 30}}>>"),
])
def test_let_definitions_give_the_references_values(let_model, text, expected):
    for _ in range(3):
        assert format_value(evaluate(let_model, text)) == expected
