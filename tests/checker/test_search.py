"""The breadth-first search's bookkeeping, on small hand-written state graphs.

The graphs stand in for evaluated specs so that these tests pin down TLC's counting rules
(generated vs distinct, constraints, deadlock, depth, outdegree) independently of the
evaluator.
"""
from tla.checker.search import Checks, Search


def graph_search(edges, inits, **checks):
    """A search over a graph given as ``{state: [successor, ...]}`` of 1-tuples."""
    def initial():
        return [(s,) for s in inits]

    def successors(state, level):
        return [((t,), f"step{state[0]}->{t}") for t in edges.get(state[0], [])]
    return Search(initial, successors, Checks(**checks))


def test_counts_like_tlc():
    # 0 -> 1 -> 2 -> 0 and 1 -> 1: every successor counts as generated, seen or not.
    s = graph_search({0: [1], 1: [2, 1], 2: [0]}, [0])
    out = s.run()
    assert out.violation is None
    assert (out.generated, out.distinct, out.depth) == (5, 3, 3)
    assert out.outdegree[1] == 2 and out.outdegree[0] == 1


def test_deadlock_is_a_state_without_any_successor():
    s = graph_search({0: [1], 1: [2]}, [0])
    out = s.run()
    assert out.violation.kind == "deadlock"
    assert s.store.path_to(out.violation.index) == [0, 1, 2]
    assert (out.generated, out.distinct) == (3, 3)


def test_deadlock_check_can_be_off():
    out = graph_search({0: [1], 1: [2]}, [0], check_deadlock=False).run()
    assert out.violation is None and out.distinct == 3


def test_constraint_excludes_states_but_they_count_as_generated():
    # successors that violate the constraint are generated, not distinct, and a state whose
    # only successors are excluded is not deadlocked.
    out = graph_search({0: [1, 5], 1: [2], 2: [9]}, [0],
                       constraints=[lambda st: st[0] < 5]).run()
    assert out.violation is None
    assert (out.generated, out.distinct) == (5, 3)


def test_invariant_violation_gives_shortest_path():
    edges = {0: [1, 2], 1: [3], 2: [4], 3: [4], 4: [4]}
    s = graph_search(edges, [0], invariants=[("Small", lambda st: st[0] != 4)])
    out = s.run()
    v = out.violation
    assert v.kind == "invariant" and v.name == "Small"
    from tla.checker.trace import rebuild
    assert [step.state[0] for step in rebuild(s, v.index)] == [0, 2, 4]


def test_invariant_violated_by_initial_state():
    out = graph_search({}, [0, 1], invariants=[("Pos", lambda st: st[0] > 0)]).run()
    assert out.violation.kind == "invariant_initial"
    assert out.violation.successor == (0,)


def test_continue_keeps_exploring_after_invariant_violations():
    seen = []
    s = graph_search({0: [1], 1: [2], 2: [2]}, [0], keep_going=True,
                     invariants=[("Zero", lambda st: st[0] == 0)])
    s.on_violation = lambda v, store: seen.append(v.index)
    out = s.run()
    assert out.violation is None and seen == [1, 2] and out.distinct == 3


def test_action_property_checked_on_every_step():
    s = graph_search({0: [1], 1: [0]}, [0],
                     action_properties=[("NoBack", lambda a, b: b[0] >= a[0])])
    out = s.run()
    assert out.violation.kind == "action_property"
    assert out.violation.successor == (0,)


def test_the_search_recalls_fingerprints_only_for_a_property_that_asks():
    """An action property keyed by state fingerprints (``recalls_fingerprints``) gets the
    recalling fingerprint function; any other search keeps the plain one."""
    from tla.checker.fingerprints import recalled_state_fingerprint, state_fingerprint

    def keyed(s, t):
        return True
    keyed.recalls_fingerprints = True
    plain = graph_search({0: [1]}, [0], action_properties=[("P", lambda s, t: True)])
    asking = graph_search({0: [1]}, [0], action_properties=[("P", keyed)])
    assert plain.fingerprint is state_fingerprint
    assert asking.fingerprint is recalled_state_fingerprint
    assert asking.run().distinct == plain.run().distinct == 2


def _counter_search(**checks):
    """States ``(<<a, b>>, <<c>>, n)``: tuples, one of which each step rebuilds, and an
    int, so the search takes its successors' lanes from their parents."""
    def initial():
        return [((0, 0), (0,), 0)]

    def successors(state, level):
        pair, single, n = state
        out = []
        if pair[0] < 3:
            out.append((((pair[0] + 1, pair[1]), single, n), "A"))
        if single[0] < 2:
            out.append(((pair, (single[0] + 1,), n), "B"))
        if n < 2:
            out.append(((pair, single, n + 1), "C"))
        if pair[1] < 1:
            out.append((((pair[0], pair[1] + 1), single, n), "D"))
        return out
    return Search(initial, successors, Checks(check_deadlock=False, **checks))


def test_successors_take_their_parents_lanes_and_get_the_same_fingerprints():
    """Where states hold tuples, a successor's fingerprint is made from its parent's kept
    lanes and the lanes of what the step changed: the store gets the fingerprints, and so
    the counts, that fingerprinting each successor whole gives."""
    from tla.checker import fingerprints

    by_lanes = _counter_search()
    whole = _counter_search()
    whole.fingerprint = lambda state: fingerprints.state_fingerprint(state)
    assert by_lanes.fingerprint is fingerprints.state_fingerprint
    a, b = by_lanes.run(), whole.run()
    assert (a.generated, a.distinct, a.depth) == (b.generated, b.distinct, b.depth) \
        == (b.generated, 4 * 3 * 3 * 2, 9)
    assert list(by_lanes.store.fps) == list(whole.store.fps)


def test_kept_lanes_are_bounded(monkeypatch):
    """Past KEPT_LANES waiting states, the others' lanes are walked when they are explored;
    the fingerprints do not change."""
    import tla.checker.search as search

    expected = _counter_search()
    expected.run()
    monkeypatch.setattr(search, "KEPT_LANES", 3)
    bounded = _counter_search()
    bounded.run()
    assert list(bounded.store.fps) == list(expected.store.fps)


def test_on_successor_sees_every_successor_before_the_search_does():
    # 0 -> 1, 2 and 1 -> 0, 3: the constraint keeps 3 out, which on_successor sees too,
    # each step once, with the index of the state explored, before its target is stored
    s = graph_search({0: [1, 2], 1: [0, 3]}, [0], constraints=[lambda st: st[0] < 3],
                     check_deadlock=False)
    seen = []
    s.on_successor = lambda index, state, succ, label: seen.append(
        (index, state[0], succ[0], label, len(s.store)))
    out = s.run()
    assert out.violation is None and (out.generated, out.distinct) == (5, 3)
    assert seen == [(0, 0, 1, "step0->1", 1), (0, 0, 2, "step0->2", 2),
                    (1, 1, 0, "step1->0", 3), (1, 1, 3, "step1->3", 3)]
