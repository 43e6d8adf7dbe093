"""Strongly connected components (``tla.checker.liveness.scc``): :func:`tarjan` against a
brute-force reachability check on random graphs, and :func:`tarjan_rows` (the same search
over a graph stored by rows, with a node limit and a mask of kept nodes) against
:func:`tarjan` with the successor function it stands for: the same components in the same
order."""
from __future__ import annotations

from array import array

from hypothesis import given, settings, strategies as st

from tla.checker.liveness.scc import tarjan, tarjan_rows


@st.composite
def graphs(draw):
    """(n, rows, limit, keep): ``rows[v]`` the successors of v (self-loops and nodes at or
    past ``limit`` included), ``keep`` a mask of the nodes or None."""
    n = draw(st.integers(min_value=1, max_value=14))
    rows = [draw(st.lists(st.integers(min_value=0, max_value=n + 2), max_size=5))
            for _ in range(n)]
    limit = draw(st.integers(min_value=1, max_value=n))
    keep = draw(st.one_of(st.none(), st.lists(st.booleans(), min_size=n + 3,
                                               max_size=n + 3)))
    return n, rows, limit, keep


def stored(rows):
    starts, targets = array("i", [0]), array("i")
    for row in rows:
        targets.extend(row)
        starts.append(len(targets))
    return starts, targets


def reachable(succ, v) -> set:
    seen, todo = {v}, [v]
    while todo:
        for w in succ(todo.pop()):
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return seen


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_components_are_the_mutually_reachable_nodes(graph):
    n, rows, limit, keep = graph
    def succ(v):
        return [w for w in rows[v] if w < limit]
    comps = list(tarjan(range(limit), succ, limit))
    assert sorted(v for c in comps for v in c) == list(range(limit))
    reach = {v: reachable(succ, v) for v in range(limit)}
    for comp in comps:
        for v in comp:
            assert {w for w in range(limit) if w in reach[v] and v in reach[w]} == set(comp)
    # successors first: no edge leads from a component to one yielded after it
    order = {v: i for i, comp in enumerate(comps) for v in comp}
    assert all(order[w] <= order[v] for v in range(limit) for w in succ(v))


@settings(max_examples=300, deadline=None)
@given(graphs())
def test_rows_give_what_tarjan_gives_with_the_same_successors(graph):
    n, rows, limit, keep = graph
    mask = None if keep is None else bytearray(keep)

    def succ(v):
        return [w for w in rows[v] if w < limit and (mask is None or mask[w])]
    roots = [v for v in range(limit) if mask is None or mask[v]]
    starts, targets = stored(rows)
    assert list(tarjan_rows(roots, starts, targets, limit, mask)) == \
        list(tarjan(roots, succ, limit))
