"""The liveness pieces on hand-made graphs and atoms: negation normal form, the GPVW
tableau, the product, fair components with justice and compassion, and lassos."""
from __future__ import annotations

from tla.checker.liveness.check import LivenessChecker
from tla.checker.liveness.formula import (FALSE, TRUE, Always, Atom, Eventually, Or,
                                          always, conj, disj, eventually, negate)
from tla.checker.liveness.tableau import build_tableau


def state_atom(name, test):
    return Atom(lambda s, t, e: test(s[0]), {}, 1, False, ("state", name), name)


def step_atom(name, test):
    return Atom(lambda s, t, e: test(s[0], t[0]), {}, 2, False, ("step", name), name)


def check(props, assumptions, edges, n, initial=1, done=None):
    """Feed the graph ``edges`` (state i is ``(i,)``) to a checker as the search does and
    check the first ``done`` states (all by default); the same with fairness atoms left
    waiting until a component needs them."""
    results = []
    for state_of in (None, lambda i: (i,)):
        checker = LivenessChecker(props, assumptions)
        recorder = checker.start(state_of=state_of)
        for i in range(n):
            recorder.add_state(i, (i,))
        for src in range(n):
            for dst in edges.get(src, []):
                recorder.add_edge(src, dst, (src,), (dst,))
        assert recorder.error is None
        results.append(checker.check(n if done is None else done, initial))
    assert results[0] == results[1]
    return results[0]


def test_negation_normal_form():
    p = state_atom("p", lambda x: x == 0)
    f = negate(always(eventually(p)))
    assert isinstance(f, Eventually) and isinstance(f.body, Always)
    assert f.body.body.negated
    assert negate(conj([TRUE, p])).negated and disj([FALSE]) is FALSE


def test_tableau_of_always_labels_every_node():
    p = state_atom("p", lambda x: True)
    tab = build_tableau(always(p))
    assert tab.initial and not tab.promises
    assert all(node.state_atoms == [p] or node.state_atoms[0].key() == p.key()
               for node in tab.nodes)


def test_tableau_of_eventually_has_a_promise():
    p = state_atom("p", lambda x: True)
    tab = build_tableau(eventually(p))
    assert len(tab.promises) == 1
    assert any(node.accepting for node in tab.nodes)


def test_trivial_tableau_is_one_looping_node():
    tab = build_tableau(TRUE)
    assert len(tab.nodes) == 1 and tab.nodes[0].successors == [0] and tab.is_trivial()


def test_eventually_found_unreached_without_fairness_by_stuttering():
    # 0 -> 1 -> 2; <>(x = 2) fails by stuttering in 0.
    reach2 = eventually(state_atom("x=2", lambda x: x == 2))
    cx = check([("Reach2", reach2)], [], {0: [1], 1: [2]}, 3)
    assert cx.name == "Reach2" and cx.prefix == [0] and cx.cycle == []


def test_weak_fairness_as_justice():
    # 0 -> 1 -> 2 under WF of "moves": []<>(~enabled \/ moved) rules out stuttering in 0, 1
    moved = step_atom("moved", lambda x, y: y == x + 1)
    enabled = state_atom("en", lambda x: x < 2)
    wf = always(eventually(disj([negate(enabled), moved])))
    reach2 = eventually(state_atom("x=2", lambda x: x == 2))
    assert check([("Reach2", reach2)], [wf], {0: [1], 1: [2]}, 3) is None


def test_strong_fairness_needs_refinement():
    # 0 <-> 1 and 1 -> 2. "go" (1 -> 2) is enabled in 1 only: WF does not force it, SF does.
    go = step_atom("go", lambda x, y: x == 1 and y == 2)
    en = state_atom("en", lambda x: x == 1)
    edges = {0: [1], 1: [0, 2]}
    reach2 = eventually(state_atom("x=2", lambda x: x == 2))
    flip = step_atom("flip", lambda x, y: x != y and y != 2)
    en_flip = state_atom("enflip", lambda x: x < 2)
    wf_flip = always(eventually(disj([negate(en_flip), flip])))
    wf_go = always(eventually(disj([negate(en), go])))
    sf_go = Or([eventually(always(negate(en))), always(eventually(go))])
    cx = check([("Reach2", reach2)], [wf_flip, wf_go], edges, 3)
    assert cx is not None and set(cx.cycle + cx.prefix) == {0, 1}
    assert check([("Reach2", reach2)], [wf_flip, sf_go], edges, 3) is None


def test_leads_to_with_a_cycle():
    # 0 -> 1 -> 0 ... never 2: (x = 1) ~> (x = 2) fails on the 0-1 cycle (fair for "step")
    step = step_atom("step", lambda x, y: x != y)
    wf = always(eventually(step))
    leads = always(disj([negate(state_atom("x=1", lambda x: x == 1)),
                         eventually(state_atom("x=2", lambda x: x == 2))]))
    cx = check([("Leads", leads)], [wf], {0: [1], 1: [0]}, 3)
    assert cx is not None and sorted([cx.prefix[-1]] + cx.cycle) == [0, 1]


def test_each_quantified_branch_is_checked():
    props = [("P", conj([always(eventually(state_atom("a", lambda x: x == 0))),
                         always(eventually(state_atom("b", lambda x: x == 1)))]))]
    step = step_atom("step", lambda x, y: x != y)
    assert check(props, [always(eventually(step))], {0: [1], 1: [0]}, 2) is None
    cx = check(props, [], {0: [1], 1: [0]}, 2)
    assert cx is not None and cx.cycle == []


def test_partial_graph_leaves_unexplored_states_out():
    # 0 -> 1 -> 2 -> 0 with "step" fair: []<>(x = 2) holds. With only 0 and 1 explored,
    # state 2 has no steps yet: it must not count as a state that stutters forever.
    step = step_atom("step", lambda x, y: x != y)
    en = state_atom("en", lambda x: True)
    wf = always(eventually(disj([negate(en), step])))
    often2 = always(eventually(state_atom("x=2", lambda x: x == 2)))
    edges = {0: [1], 1: [2], 2: [0]}
    assert check([("Often2", often2)], [wf], edges, 3) is None
    assert check([("Often2", often2)], [wf], edges, 3, done=2) is None
    assert check([("Often2", often2)], [], edges, 3, done=2).prefix == [0]


def test_shortest_lasso_through_the_fair_cycle():
    # 0 -> 1 -> 0 ... never 2: the lasso is 0 -> 1 and back, nothing longer
    step = step_atom("step", lambda x, y: x != y)
    wf = always(eventually(step))
    leads = always(disj([negate(state_atom("x=1", lambda x: x == 1)),
                         eventually(state_atom("x=2", lambda x: x == 2))]))
    cx = check([("Leads", leads)], [wf], {0: [1], 1: [0]}, 3)
    assert len(cx.prefix) + len(cx.cycle) <= 3


def test_waiting_fairness_atoms_are_evaluated_for_cycles():
    # 0 <-> 1; WF(a) (a: any move, enabled everywhere) is met on the cycle; WF(b) (b: a
    # move to 2, enabled in 0 and 1 by decree) is not, so the cycle is unfair and
    # <>(x = 2) holds. ENABLED b waits (ENABLED a already holds) until the cycle needs it.
    a = step_atom("a", lambda x, y: x != y)
    en_a = state_atom("en_a", lambda x: x < 2)
    b = step_atom("b", lambda x, y: y == 2)
    en_b = state_atom("en_b", lambda x: x < 2)
    wf_a = always(eventually(disj([negate(en_a), a])))
    wf_b = always(eventually(disj([negate(en_b), b])))
    reach2 = eventually(state_atom("x=2", lambda x: x == 2))
    edges = {0: [1], 1: [0, 2]}
    assert check([("Reach2", reach2)], [wf_a, wf_b], edges, 3) is None
    cx = check([("Reach2", reach2)], [wf_a], edges, 3)
    assert cx is not None and sorted(set(cx.prefix + cx.cycle)) == [0, 1]


def test_atoms_of_a_model_switch_to_generated_code_after_the_warm_up():
    """The state and action atoms of a model's temporal formulas are evaluated as its
    invariants are: by the reference for the warm-up, then by generated code."""
    from tests.evaluator.conftest import make_model
    from tla.checker.liveness.formula import Expander
    from tla.evaluator.model import WARMUP_CALLS
    m = make_model("VARIABLE x\nBig == x > 1\nUp == x' > x", "Atoms")
    asked = []
    generate = m.codegen.predicate

    def predicate(node, scope, label, action=False, names=(), per_step=False):
        asked.append((label, action))
        return generate(node, scope, label, action, names, per_step)
    m.codegen.predicate = predicate
    expander = Expander(m)
    big = expander.atom(m.root_ns.lookup("Big").body, m.root_ns, {})
    up = expander.atom(m.root_ns.lookup("Up").body, m.root_ns, {})
    calls = WARMUP_CALLS + 10
    assert [big.fn((v,), None, big.env) for v in range(calls)] == [v > 1 for v in range(calls)]
    assert [up.fn((v,), (v + v % 2,), up.env) for v in range(calls)] == \
        [v % 2 == 1 for v in range(calls)]
    assert asked == [("temporal formula", False), ("temporal formula", True)]


def test_lone_looping_states_alike_in_what_fairness_reads_are_judged_once(monkeypatch):
    # 0 -> 1 -> ... -> 40, every state looping on itself; the states differ in atoms the
    # fairness condition does not read (x's parity, x = 40), so judging the self-loops of
    # one state serves the others
    from tla.checker.liveness import scc
    judged = []
    original = scc.FairSearch._judge_branch

    def counting(self, cond, loops, enforced):
        judged.append(loops)
        return original(self, cond, loops, enforced)
    monkeypatch.setattr(scc.FairSearch, "_judge_branch", counting)
    n = 41
    moved = step_atom("moved", lambda x, y: y == x + 1)
    enabled = state_atom("en", lambda x: x < n - 1)
    wf = always(eventually(disj([negate(enabled), moved])))
    reach = eventually(state_atom("last", lambda x: x == n - 1))
    even = always(eventually(state_atom("even", lambda x: x % 2 == 0)))
    edges = {i: [i, i + 1] for i in range(n - 1)}
    edges[n - 1] = [n - 1]
    assert check([("Reach", reach), ("Even", even)], [wf], edges, n) is None
    assert 0 < len(judged) <= 4      # a few patterns of the bits read, for 41 states
    cx = check([("Reach", reach)], [], edges, n)
    assert cx.name == "Reach" and cx.prefix == [0]


def test_subscripts_made_of_variables_are_compared_part_by_part():
    """``Angle.sub_vars``: the state indices of a subscript that is a variable or a tuple
    of them, through definitions without arguments (``vars``) and instance variables
    substituted by variables; None for anything else (evaluated and compared whole)."""
    from tests.evaluator.conftest import make_model
    from tla.checker.liveness.formula import Expander
    from tla.parser.parse import parse_expression
    m = make_model("VARIABLES x, y, z\nvars == <<x, y>>\nalias == vars\nfx == x\n"
                   "---- MODULE In ----\nVARIABLE a\nva == <<a>>\n====\n"
                   "I == INSTANCE In WITH a <- z\nJ == INSTANCE In WITH a <- x + 1\n",
                   "Subs")
    expander = Expander(m)
    cases = {"x": (0,), "<<x, y>>": (0, 1), "vars": (0, 1), "alias": (0, 1),
             "<<z, fx>>": (2, 0), "I!va": (2,), "<<y, y>>": (1, 1),
             "x + y": None, "<<vars, z>>": None, "<<x, y + 1>>": None, "J!va": None}
    for text, want in cases.items():
        assert expander.sub_vars(parse_expression(text), m.root_ns, {}) == want, text
    assert expander.sub_vars(parse_expression("<<x, p>>"), m.root_ns, {"p": 1}) is None


def test_evaluated_subscripts_are_kept_by_state_index(monkeypatch):
    """``Subscript.unchanged_between``: a subscript that is not a tuple of variables is
    evaluated once per state of the graph, whether the state is a step's source or its
    target, compared with TLA+ ``=``; the values kept are dropped when KEPT are held."""
    from types import SimpleNamespace
    from tla.checker.liveness.atoms import Subscript
    evaluated = []

    def parity(state, _next, _env):
        evaluated.append(state)
        return state[0] % 2
    sub = Subscript(SimpleNamespace(sub_fn=parity, sub_vars=None), {})
    states = [(n,) for n in range(6)]
    steps = [(0, 1), (0, 2), (1, 3), (2, 4), (3, 1), (4, 0)]
    answers = [sub.unchanged_between(a, b, states[a], states[b]) for a, b in steps]
    assert answers == [False, True, True, True, True, True]
    assert sorted(evaluated) == states[:5]
    monkeypatch.setattr(Subscript, "KEPT", 2)
    evaluated.clear()
    small = Subscript(SimpleNamespace(sub_fn=parity, sub_vars=None), {})
    assert [small.unchanged_between(a, b, states[a], states[b]) for a, b in steps] == answers
    assert len(small._at) <= 2 and len(evaluated) > 5
