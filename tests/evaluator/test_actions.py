"""Init and next-state enumeration on small specs (TLC's Tool.getInitStates /
getNextStates / getActions semantics), module semantics, and the Model API."""
from __future__ import annotations

from collections import deque

import pytest

from tla.errors import EvalError
from tla.evaluator.model import WithHoles, run_with_big_stack
from tla.evaluator.values import FSet, ModelValue, format_value

from .conftest import make_model

COUNTER = r"""
CONSTANTS N, Procs
VARIABLES x, y, s

Init == /\ x = 0
        /\ y = [p \in Procs |-> "idle"]
        /\ s = {}

Inc(p) == /\ x < N
          /\ x' = x + 1
          /\ y' = [y EXCEPT ![p] = "busy"]
          /\ s' = s \cup {p}

Reset == /\ x = N
         /\ x' = 0
         /\ UNCHANGED <<y, s>>

Next == \E p \in Procs : Inc(p) \/ Reset

Spec == Init /\ [][Next]_<<x, y, s>> /\ WF_x(Next)

TypeOK == x \in 0..N
Inv == x < 3
"""


def bfs(model, init, nxt, invariant=None):
    """(generated, distinct, violated?) like TLC's counting."""
    seen, queue, generated = set(), deque(), 0
    for st in model.init_states(init):
        generated += 1
        if st not in seen:
            seen.add(st)
            queue.append(st)
    while queue:
        st = queue.popleft()
        for succ, _ in model.next_states(nxt, st):
            generated += 1
            if succ not in seen:
                seen.add(succ)
                queue.append(succ)
                if invariant and not model.eval_predicate(invariant, succ):
                    return generated, len(seen), True
    return generated, len(seen), False


@pytest.fixture
def counter():
    procs = FSet([ModelValue("p1"), ModelValue("p2")])
    return make_model(COUNTER.lstrip("\n"), "Counter", constants={"N": 3, "Procs": procs})


def test_counter_counts_like_tlc(counter):
    parts = counter.split_spec("Spec")
    assert bfs(counter, parts.init, parts.next, "Inv") == (8, 7, True)


def test_split_spec(counter):
    parts = counter.split_spec("Spec")
    assert parts.init.name == "Init" and parts.next.name == "Next"
    assert len(parts.fairness) == 1 and not parts.temporal
    assert counter.level_of("Spec") == 3 and counter.level_of("Next") == 2
    assert counter.level_of("Inv") == 1 and counter.level_of("N") == 0


def test_actions_and_labels(counter):
    labels = [str(a.label) for a in counter.actions_of("Next")]
    assert labels == [
        "<Inc(p1) line 10, col 11 to line 13, col 28 of module Counter>",
        "<Reset line 15, col 10 to line 17, col 30 of module Counter>",
        "<Inc(p2) line 10, col 11 to line 13, col 28 of module Counter>",
        "<Reset line 15, col 10 to line 17, col 30 of module Counter>",
    ]
    init = counter.init_states("Init")
    assert [format_value(v) for v in init[0]] == ["0", '(p1 :> "idle" @@ p2 :> "idle")',
                                                  "{}"]
    succ = [(format_value(s), l.name, l.params) for s, l in counter.next_states("Next", init[0])]
    assert succ[0] == ('<<1, (p1 :> "busy" @@ p2 :> "idle"), {p1}>>', "Inc",
                       (("p", ModelValue("p1")),))
    assert len(succ) == 2


def test_instances_of_one_action_share_scope_and_code(counter):
    """Inc(p1) and Inc(p2) differ in their environments only: one scope, one compiled
    action (and so one generated function), and still each its own successors."""
    inc1, reset1, inc2, reset2 = counter.actions_of("Next")
    assert inc1.scope is inc2.scope and inc1.act is inc2.act
    assert reset1.act is reset2.act
    assert inc1.env != inc2.env
    assert counter.actions_of("Next")[0] is inc1      # the split is kept
    init = counter.init_states("Init")[0]
    busy = {format_value(s[1]) for s, _ in counter.next_states("Next", init)}
    assert busy == {'(p1 :> "busy" @@ p2 :> "idle")', '(p1 :> "idle" @@ p2 :> "busy")'}


def test_unspecified_variable_is_a_hole():
    m = make_model("VARIABLES x, y\nInit == x = 0 /\\ y = 0\nNext == x' = x + 1", "U")
    successors = m.next_states("Next", m.init_states("Init")[0])
    (st, label), = successors
    assert st == (1, None)
    # marked, so that the search looks for holes in these successors (and only these)
    assert type(successors) is WithHoles
    err = m.unspecified_error(st, label)
    assert "The following variable is not defined: y." in err.message
    assert err.tlc_code == 2109


def test_complete_successors_come_in_a_plain_list():
    m = make_model("VARIABLES x, y\nInit == x = 0 /\\ y = 0\n"
                   "Next == x' = x + 1 /\\ y' = y", "U")
    successors = m.next_states("Next", m.init_states("Init")[0])
    assert type(successors) is list and [s for s, _ in successors] == [(1, 0)]


def test_branching_order_and_binding():
    m = make_model(r"""
VARIABLES x, y
Init == x \in {3, 1, 2} /\ y \in {"b", "a"}
Next == \/ x' \in 1..2 /\ y' = y
        \/ \E v \in {10, 20} : x' = v /\ x' > 15 /\ UNCHANGED y
""", "B")
    inits = m.init_states("Init")
    assert [st[0] for st in inits] == [1, 1, 2, 2, 3, 3]
    succ = [st for st, _ in m.next_states("Next", (1, "a"))]
    assert succ == [(1, "a"), (2, "a"), (20, "a")]


def test_unchanged_through_definitions_and_if_case():
    m = make_model(r"""
VARIABLES a, b
vars == <<a, b>>
Init == a = 0 /\ b = 0
Next == IF a = 0 THEN a' = 1 /\ UNCHANGED <<b>>
        ELSE CASE b = 0 -> b' = 1 /\ UNCHANGED a
               [] OTHER -> UNCHANGED vars
""", "C")
    assert [s for s, _ in m.next_states("Next", (0, 0))] == [(1, 0)]
    assert [s for s, _ in m.next_states("Next", (1, 0))] == [(1, 1)]
    assert [s for s, _ in m.next_states("Next", (1, 1))] == [(1, 1)]


def test_instances_with_substitution():
    m = make_model(r"""
VARIABLE z
---- MODULE Inner ----
EXTENDS Naturals
CONSTANT K
VARIABLE v
Double == 2 * K
Step == v' = v + K
====
I == INSTANCE Inner WITH K <- 5, v <- z
J(c) == INSTANCE Inner WITH K <- c, v <- z
Init == z = I!Double
Next == I!Step
Val == J(7)!Double + J(1)!Double
""", "Outer")
    assert m.init_states("Init") == [(10,)]
    assert [s for s, _ in m.next_states("Next", (10,))] == [(15,)]
    assert m.evaluate("Val") == 16
    assert m.evaluate("J(3)!Double") == 6


def test_enabled_and_action_predicates():
    m = make_model(r"""
VARIABLE x
A == x < 2 /\ x' = x + 1
Prop == [A]_x
""", "E")
    assert m.evaluate("ENABLED A", state=(1,)) is True
    assert m.evaluate("ENABLED A", state=(2,)) is False
    assert m.eval_action_predicate("Prop", (1,), (2,)) is True
    assert m.eval_action_predicate("Prop", (1,), (1,)) is True
    assert m.eval_action_predicate("Prop", (1,), (3,)) is False


def test_assumptions_and_constants():
    m = make_model("CONSTANT N\nASSUME N > 2\nASSUME N = 4", "A", constants={"N": 3})
    results = [thunk() for _, thunk in m.assumptions()]
    assert results == [True, False]
    assert m.declared_constants == [("N", 0)]
    m2 = make_model("CONSTANT N, M\nD == 1", "A2", constants={"N": 1})
    assert m2.unassigned_constants() == ["M"]
    with pytest.raises(EvalError, match="not assigned a value"):
        m2.evaluate("M + 1")


def test_cfg_substitution_and_definition_override():
    m = make_model(r"""
CONSTANT Limit
MCLimit == 3
Max == 100
Lim2 == Limit + Max
""", "S", constants={"Max": 1}, substitutions={"Limit": "MCLimit"})
    assert m.evaluate("Lim2") == 4


def test_errors_carry_spans_and_trace():
    m = make_model("Bad(f) == f[3]\nUse == Bad([i \\in 1..2 |-> i]) + 1", "Er")
    with pytest.raises(EvalError) as info:
        m.evaluate("Use")
    err = info.value
    assert "Attempted to access index 3 of tuple" in err.message
    assert (err.span.line, err.span.col) == (3, 11)
    assert len(err.trace) >= 2


def test_deep_recursion_runs_with_a_big_stack():
    m = make_model("RECURSIVE Sum(_)\nSum(n) == IF n = 0 THEN 0 ELSE n + Sum(n - 1)", "R")
    assert run_with_big_stack(m.evaluate, "Sum(20000)") == 200010000


def test_constant_definitions_are_evaluated_once():
    m = make_model("Big == Cardinality(SUBSET (1..12))\nUse == Big + Big", "K")
    assert m.evaluate("Use") == 8192
    ent = m.root_ns.lookup("Big")
    assert ent.cache == 4096


def test_arguments_naming_variables_are_passed_by_name():
    m = make_model(r"""
VARIABLES q, r
Lose(x) == x # <<>> /\ x' = Tail(x)
Keep(x) == UNCHANGED x
Next == Lose(q) /\ Keep(r)
""", "N")
    assert [s for s, _ in m.next_states("Next", ((1, 2), 0))] == [((2,), 0)]
    assert m.evaluate("Lose(q)", state=((1, 2), 0), next_state=((2,), 0)) is True


def test_action_composition():
    m = make_model("VARIABLE x\nA == x' = x + 1\nB == x < 3 /\\ x' = 2 * x\nNext == A \\cdot B",
                   "Cd")
    assert [s for s, _ in m.next_states("Next", (1,))] == [(4,)]
    assert [s for s, _ in m.next_states("Next", (3,))] == []


def test_implication_and_exists_branch_like_tlc():
    # TLC's getNextStates takes P => A as an action when P holds, and branches on every
    # \E witness, counting each branch's successor as generated
    m = make_model(r"""
VARIABLE x
Next == /\ (x = 0) => \E i \in {1, 2, 3} : i > 1
        /\ x' = 1
""", "Im")
    assert [s for s, _ in m.next_states("Next", (0,))] == [(1,), (1,)]
    assert [s for s, _ in m.next_states("Next", (5,))] == [(1,)]


def test_variables_outside_states_are_evaluation_errors():
    m = make_model("VARIABLE x\nA == x' = x + 1", "V")
    with pytest.raises(EvalError, match="constant expression"):
        m.evaluate("x + 1")
    with pytest.raises(EvalError, match="outside"):
        m.evaluate("x' = 1", state=(1,))


def test_subset_branches_in_tlc_binary_order():
    m = make_model("VARIABLE x\nNext == x' \\in SUBSET {1, 2, 3}", "Sb")
    succ = [format_value(s[0]) for s, _ in m.next_states("Next", (FSet(),))]
    assert succ == ["{}", "{1}", "{2}", "{1, 2}", "{3}", "{1, 3}", "{2, 3}", "{1, 2, 3}"]
    # CHOOSE uses TLC's normalized order
    assert format_value(m.evaluate("CHOOSE s \\in SUBSET {1, 2, 3} : Cardinality(s) = 2")) \
        == "{1, 2}"


@pytest.mark.parametrize("n", [0, 1, 2, 5, 17])
def test_subsets_for_actions_count_in_binary_over_tlc_order(n):
    r"""``\E S \in SUBSET T`` and ``x' \in SUBSET T``: the subset numbered b holds the
    i-th element of T (TLC's order) where bit i of b is set; small T builds each from one
    made before, large T (over 16 elements) element by element."""
    from itertools import islice
    from tla.evaluator.compiler import action_order
    from tla.evaluator.values import PowerSet
    base = list(range(10, 10 + n))        # (integers: TLC orders them by value)
    got = list(islice(action_order(PowerSet(FSet(base))), 200))
    expected = [FSet(base[i] for i in range(n) if b >> i & 1) for b in range(min(200, 1 << n))]
    assert got == expected


def test_cfg_substitutions_reach_into_instances_but_not_qualified_copies():
    m = make_model(r"""
---- MODULE Lib ----
EXTENDS Naturals
Size == 100
Double == 2 * Size
====
---- MODULE Use ----
EXTENDS Lib
Quad == 2 * Double
====
U == INSTANCE Use
MCSize == 3
""", "Sub", substitutions={"Size": "MCSize"})
    assert m.evaluate("U!Quad") == 12       # bodies see the replacement
    assert m.evaluate("U!Size") == 100      # U!Size names the instance's own copy


def test_action_arguments_are_passed_by_name():
    m = make_model(r"""
VARIABLES x, y
Step(i) == x' = x + i
Keep(A) == A /\ y' = y
Twice(A, B) == A /\ B
Next == \E i \in {1, 2} : Keep(Step(i)) \/ Twice(x' = 7, y' = i)
""", "Bn")
    succ = sorted(s for s, _ in m.next_states("Next", (0, 0)))
    assert succ == [(1, 0), (2, 0), (7, 1), (7, 2)]


def test_function_definitions_in_action_position_branch_like_tlc():
    m = make_model(r"""
VARIABLE x
Next == /\ LET f[n \in 0..2] == \/ n = 0
                               \/ (n > 0 /\ \E i \in {1, 2} : i > 0 /\ f[n - 1])
           IN f[1]
        /\ x' = 1
""", "Fa")
    # f[1] expands: n = 0 is false, \E i branches twice, each through f[0] (one branch)
    assert [s for s, _ in m.next_states("Next", (0,))] == [(1,), (1,)]


ALL_ASSIGNED = r"""
VARIABLES x, y
Init == /\ x = 0 /\ y = 0 /\ (x = 0 \/ y = 0) /\ \A i \in {1, 2} : i > 0 \/ x = 0
Next == /\ (x = 0 \/ y = 0)
        /\ x' = 1
        /\ (x = 0 \/ y = 0)
        /\ y' = 2
        /\ (x = 0 \/ y = 0)
        /\ \E i \in {1, 2} : i > 0
"""


def test_conjuncts_after_every_variable_is_assigned_do_not_branch():
    """TLC evaluates what follows a conjunct as booleans once every variable has a
    value (Tool.getNextStatesAllAssigned, getInitStates): only the disjunctions met
    before y' is bound branch here."""
    m = make_model(ALL_ASSIGNED, "Aa")
    assert m.init_states("Init") == [(0, 0)]
    assert [s for s, _ in m.next_states("Next", (0, 0))] == [(1, 2)] * 4


def test_without_the_shortcut_everything_branches():
    """-nowarning turns TLC's shortcut off for next states (not for Init)."""
    m = make_model(ALL_ASSIGNED, "Ab")
    m.assigned_shortcut = False
    assert m.init_states("Init") == [(0, 0)]
    assert [s for s, _ in m.next_states("Next", (0, 0))] == [(1, 2)] * 16


def test_recursive_function_definitions_in_action_position_branch_all_the_way():
    """SA[b] in action position, SA recursive: TLC expands the body as an action at every
    level, so its disjunctions and \\E branch (and count) at every depth."""
    m = make_model(r"""
VARIABLES x, y
Next == /\ LET SA[n \in 0..3] == \/ n = 0
                                \/ (n > 0 /\ \E i \in {1, 2} : i > 0 /\ SA[n - 1])
           IN SA[2]
        /\ x' = x + 1
        /\ y' = y
""", "Fr")
    # SA[2]: two branches of \E, each through SA[1] (two each), each through SA[0]
    assert [s for s, _ in m.next_states("Next", (0, 0))] == [(1, 0)] * 4
