"""Evaluating the atoms of temporal formulas on the states and steps of the state graph.

Takes the search's states (a list of tuples) and the :class:`BehaviourGraph`; gives
:class:`AtomValues`, which evaluates each atom at most once per state (state atoms, e.g.
``ENABLED <<A>>_v``) or per edge (action atoms, e.g. ``<<A>>_v``) and remembers the result
in one byte, and :func:`predicate`, which turns a formula without ``[]``/``<>`` into a test
``fn(s, t, e)`` on a step (state indices ``s`` and ``t``, edge number ``e``).
"""
from __future__ import annotations

from typing import Callable

from tla.checker.liveness.formula import And, Atom, Const, Formula, Or
from tla.errors import EvalError


class AtomValues:
    def __init__(self, states, graph):
        self.states = states
        self.graph = graph
        self._state: dict = {}
        self._edge: dict = {}

    def state_atom(self, atom: Atom, s: int) -> bool:
        cache = self._state.get(atom.ident)
        if cache is None:
            cache = self._state[atom.ident] = bytearray(len(self.states))
        v = cache[s]
        if not v:
            try:
                value = _raw(atom, self.states[s], None)
            except EvalError as exc:
                if atom.step_fn is None or "before it was assigned" not in exc.message:
                    raise
                value = self._enabled_in_graph(atom, s)
            v = cache[s] = 2 if value else 1
        return (v == 2) is not atom.negated

    def _enabled_in_graph(self, atom: Atom, s: int) -> bool:
        """``ENABLED A`` decided on the steps the state graph has from state ``s`` (its
        successors and stuttering). Used when A primes an expression that is not a
        variable (an INSTANCE substitution such as ``v <- f(x, y)``), where the evaluator
        cannot solve for the next state. Sound for the steps of the spec; an A step to a
        state the spec never takes is not seen."""
        states, env, step = self.states, atom.env, atom.step_fn
        here = states[s]
        for t, _ in self.graph.successors(s):
            try:
                if step(here, states[t], env) is True:
                    return True
            except EvalError:
                continue
        return False

    def action_atom(self, atom: Atom, s: int, t: int, e: int) -> bool:
        cache = self._edge.get(atom.ident)
        if cache is None:
            cache = self._edge[atom.ident] = bytearray(self.graph.edges + len(self.states))
        v = cache[e]
        if not v:
            v = cache[e] = 2 if _raw(atom, self.states[s], self.states[t]) else 1
        return (v == 2) is not atom.negated

    def holds(self, atom: Atom, s: int, t: int, e: int) -> bool:
        if atom.level >= 2:
            return self.action_atom(atom, s, t, e)
        return self.state_atom(atom, s)

    def memory_bytes(self) -> int:
        return sum(len(b) for b in self._state.values()) + sum(len(b) for b in self._edge.values())


def _raw(atom: Atom, s, t) -> bool:
    v = atom.fn(s, t, atom.env)
    if v is True or v is False:
        return v
    raise EvalError(f"The temporal formula {atom.text} evaluated to a non-boolean value.")


def predicate(f: Formula, values: AtomValues) -> Callable[[int, int, int], bool]:
    """A test on steps for a formula without temporal operators."""
    if isinstance(f, Const):
        v = f.value
        return lambda s, t, e: v
    if isinstance(f, Atom):
        if f.level >= 2:
            act = values.action_atom
            return lambda s, t, e: act(f, s, t, e)
        st = values.state_atom
        return lambda s, t, e: st(f, s)
    if isinstance(f, And):
        parts = [predicate(i, values) for i in f.items]
        return lambda s, t, e: all(p(s, t, e) for p in parts)
    if isinstance(f, Or):
        parts = [predicate(i, values) for i in f.items]
        return lambda s, t, e: any(p(s, t, e) for p in parts)
    raise TypeError(f"not a step predicate: {f!r}")
