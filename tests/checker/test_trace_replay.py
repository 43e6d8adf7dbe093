"""Counterexamples rebuilt from fingerprints and predecessors by replaying the spec (TLC's
way), compared with the states the search actually explored."""
import pytest

from tla.checker.search import Checks, Search
from tla.checker.trace import TraceReplayError, rebuild


def graph_search(edges, inits, keep_states=False, **checks):
    """A search over ``{state: [(successor, label), ...]}``; states are tuples."""
    def initial():
        return list(inits)

    def successors(state, level):
        return list(edges.get(state, []))
    return Search(initial, successors, Checks(**checks), keep_states=keep_states)


def lattice(n):
    """(i, j) -> (i+1, j) by "right", (i, j+1) by "up": many shortest paths."""
    edges = {}
    for i in range(n):
        for j in range(n):
            edges[(i, j)] = ([((i + 1, j), "right")] if i + 1 < n else []) + \
                            ([((i, j + 1), "up")] if j + 1 < n else [])
    return edges


@pytest.mark.parametrize("keep_states", [False, True])
def test_replay_gives_the_first_found_shortest_path_with_actions(keep_states):
    s = graph_search(lattice(5), [(0, 0)], keep_states=keep_states, check_deadlock=False,
                     invariants=[("NotCorner", lambda st: st != (3, 2))])
    out = s.run()
    steps = rebuild(s, out.violation.index)
    # BFS explores "right" before "up": the stored path goes right first
    assert [st.state for st in steps] == [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1), (3, 2)]
    assert [st.label for st in steps] == [None, "right", "right", "right", "up", "up"]


def test_replay_respects_action_constraints_when_matching_fingerprints():
    # two steps reach states with the same VIEW (first component); the action constraint
    # excludes the first, so the search stored the second and the trace must show it
    edges = {(0, "s"): [((1, "x"), "A"), ((1, "y"), "B")], (1, "y"): [((2, "z"), "C")]}
    s = graph_search(edges, [(0, "s")], key=lambda st: st[0],
                     action_constraints=[lambda a, b: b[1] != "x"],
                     invariants=[("Short", lambda st: st[0] < 2)])
    out = s.run()
    steps = rebuild(s, out.violation.index)
    assert [(st.state, st.label) for st in steps] == [((0, "s"), None), ((1, "y"), "B"),
                                                     ((2, "z"), "C")]


def test_replay_with_a_violating_successor_appended():
    edges = {(0,): [((1,), "go")], (1,): [((0,), "back")]}
    s = graph_search(edges, [(0,)], action_properties=[("Up", lambda a, b: b[0] > a[0])])
    out = s.run()
    v = out.violation
    steps = rebuild(s, v.index, then=v.successor, then_label=v.label)
    assert [(st.state, st.label) for st in steps] == [((0,), None), ((1,), "go"), ((0,), "back")]


def test_a_spec_that_does_not_replay_is_reported():
    calls = {"n": 0}

    def initial():
        calls["n"] += 1
        return [(calls["n"],)]                  # a different initial state every time

    s = Search(initial, lambda st, lvl: [((st[0] + 10,), "step")],
               Checks(invariants=[("Small", lambda st: st[0] < 10)]))
    out = s.run()
    with pytest.raises(TraceReplayError) as info:
        rebuild(s, out.violation.index)
    assert info.value.initial
