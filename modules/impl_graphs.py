"""Native operators of the community modules Graphs and UndirectedGraphs (TLC's
``tlc2.overrides.Graphs``/``UndirectedGraphs``), whose TLA+ definitions enumerate sequences
of nodes and are unusable for model checking.

Takes graphs ``[node |-> N, edge |-> E]`` (directed: ``E`` a set of pairs ``<<m, n>>``;
undirected: a set of sets ``{m, n}``); gives sets of paths, booleans, sets of components and
connection matrices with the meaning of the TLA+ definitions: a path is a non-empty
sequence of nodes linked by edges, a simple path one without repeated nodes; connectivity
is found by search instead of by enumerating paths.
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import FSet, enumerate_set, field, format_value, make_fcn
from tla.modules.registry import builtin


def _graph(g, undirected: bool):
    nodes = enumerate_set(field(g, "node"))
    succ: dict = {n: [] for n in nodes}
    for e in enumerate_set(field(g, "edge")):
        if undirected:
            ends = enumerate_set(e)
            if len(ends) == 1:
                ends = ends * 2
            if len(ends) != 2:
                raise EvalError(f"Not an edge of an undirected graph: {format_value(e)}")
            a, b = ends
            pairs = ((a, b), (b, a))
        else:
            if type(e) is not tuple or len(e) != 2:
                raise EvalError(f"Not an edge of a directed graph: {format_value(e)}")
            pairs = ((e[0], e[1]),)
        for a, b in pairs:
            if a in succ and b not in succ[a]:
                succ[a].append(b)
    return nodes, succ


def _simple_paths(nodes, succ) -> FSet:
    out = []

    def extend(path, seen):
        out.append(tuple(path))
        for n in succ.get(path[-1], ()):
            if n not in seen:
                seen.add(n)
                path.append(n)
                extend(path, seen)
                path.pop()
                seen.discard(n)

    for n in nodes:
        extend([n], {n})
    return FSet(out)


def _reachable(succ, start) -> set:
    seen = {start}
    todo = [start]
    while todo:
        for n in succ.get(todo.pop(), ()):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


@builtin("Graphs", "SimplePath")
def simple_path(g):
    return _simple_paths(*_graph(g, False))


@builtin("Graphs", "AreConnectedIn")
def are_connected_in(m, n, g):
    _, succ = _graph(g, False)
    return m in succ and n in _reachable(succ, m)


@builtin("Graphs", "ConnectionsIn")
def connections_in(g):
    nodes, succ = _graph(g, False)
    reach = {a: _reachable(succ, a) for a in nodes}
    return make_fcn({(a, b): b in reach[a] for a in nodes for b in nodes})


@builtin("Graphs", "IsStronglyConnected")
def is_strongly_connected(g):
    nodes, succ = _graph(g, False)
    return all(len(_reachable(succ, a)) == len(nodes) for a in nodes)


@builtin("UndirectedGraphs", "SimplePath")
def u_simple_path(g):
    return _simple_paths(*_graph(g, True))


@builtin("UndirectedGraphs", "AreConnectedIn")
def u_are_connected_in(m, n, g):
    _, succ = _graph(g, True)
    if m not in succ:
        return False
    return n in _reachable(succ, m)


@builtin("UndirectedGraphs", "ConnectedComponents")
def connected_components(g):
    nodes, succ = _graph(g, True)
    left = list(nodes)
    out = []
    while left:
        comp = _reachable(succ, left[0])
        out.append(FSet(comp))
        left = [n for n in left if n not in comp]
    return FSet(out)


@builtin("UndirectedGraphs", "IsStronglyConnected")
def u_is_strongly_connected(g):
    nodes, succ = _graph(g, True)
    return bool(nodes) and len(_reachable(succ, nodes[0])) == len(nodes)



