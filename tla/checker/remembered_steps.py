"""Action properties answered from a table keyed by what they read.

Takes an action property's ``holds(s, t)`` and the roots of its formula
(``tla.evaluator.reads``); gives a ``holds`` that evaluates each step's formula once per
distinct pair of *projections*: the values of the roots in ``s`` and in ``t``.

Why: the value of ``[][A]_v`` on a step is a function of those values (the rule of
``tla.evaluator.reads``), and a refinement mapping is many-to-one. ``Spec => V!Spec`` of
Paxos reads Voting's ``votes`` and ``maxBal``: 23,562 steps of MCPaxosTiny have 2,678
distinct projections; MCVoting's ``C!Spec`` reads ``chosen``: 41,016 steps, 5 distinct.
TLC evaluates the formula on every step; the answers are the same.

* A projection is keyed by the lanes of its values (``tla.checker.fingerprints``) hashed
  into 64 bits, a step by the keys of ``s`` and ``t`` together: a wrong answer needs two
  steps whose projections collide in both states, the same kind of bet as the search's
  fingerprints. ``s``'s key is computed once for all its successors. Where the
  projection evaluates a mapping, a state's key is also kept by its fingerprint.
* Where a root raises (its value is an error, or has no fingerprint), the step is
  evaluated as without the table: the error, if any, is the formula's, as TLC reports it.
* Where projections hardly repeat (fewer than half of the first :data:`PROBE` steps
  answered from the table; EWD998PCal's ``EWD998!vars`` is one-to-one on its states), the
  table is dropped and every step evaluated.
* The table is emptied when it holds :data:`LIMIT` steps, bounding its memory.
"""
from __future__ import annotations

from typing import Callable

from tla.checker.fingerprints import lane, recalled_state_fingerprint

#: steps after which the table is kept only if it answered at least half of them
PROBE = 2048
#: entries at which the table is emptied (about 100 bytes each)
LIMIT = 1 << 18

_M = (1 << 64) - 1


def remembered(holds: Callable, roots, model, label: str) -> Callable:
    """``holds`` answered from a table of steps (see the module docstring); ``holds``
    itself when ``roots`` is None or reads every variable directly (nothing to gain)."""
    if roots is None:
        return holds
    if not roots.substitutions and len(roots.variables) == len(model.variables):
        return holds
    indices = roots.variables
    readers = [_reader(node, scope, model, label) for node, scope in roots.substitutions]

    def projection_key(state) -> int:
        parts = [lane(state[i]) for i in indices]
        for read in readers:
            parts.append(read(state))
        return hash(tuple(parts)) & _M

    key_of = _by_state(projection_key) if readers else projection_key
    table: dict[int, bool] = {}
    last = [None, 0]                # the state whose key was computed last, and its key
    probe = [PROBE, 0]              # steps left to probe, steps found so far
    live = [True]

    def remembered_holds(s, t) -> bool:
        if not live[0]:
            return holds(s, t)
        try:
            if last[0] is s:
                ks = last[1]
            else:
                ks = key_of(s)
                last[0], last[1] = s, ks
            key = ks << 64 | key_of(t)
        except Exception:
            return holds(s, t)
        found = table.get(key)
        if probe[0]:
            probe[0] -= 1
            if found is not None:
                probe[1] += 1
            if not probe[0] and 2 * probe[1] < PROBE:
                live[0] = False
                table.clear()
                last[0] = None
        if found is not None:
            return found
        value = holds(s, t)
        if len(table) >= LIMIT:
            table.clear()
        table[key] = value
        return value

    #: the search then fingerprints states with ``recalled_state_fingerprint`` too, and a
    #: successor's key starts from the fingerprint the search has just made
    remembered_holds.recalls_fingerprints = bool(readers)
    return remembered_holds


def _by_state(projection_key: Callable) -> Callable:
    """``projection_key`` remembered by the state's fingerprint: a step's target is most
    often a state found before (three in four of Barriers' steps), whose key was made when
    it was new. Its fingerprint costs nothing more: the search has just made it, and
    ``recalled_state_fingerprint`` gives it again (-3.6 % of Barriers' instructions, against
    walking the state a second time). A wrong key needs two states with one 64-bit
    fingerprint: the search's own bet."""
    by_state: dict[int, int] = {}

    def key_of(state) -> int:
        fp = recalled_state_fingerprint(state)
        key = by_state.get(fp)
        if key is None:
            key = projection_key(state)
            if len(by_state) >= LIMIT:
                by_state.clear()
            by_state[fp] = key
        return key
    return key_of


def _reader(node, scope, model, label: str) -> Callable:
    """``read(state)``: the lane of the value of state-level expression ``node``,
    remembered by the variables it reads when those are known (``votes`` of Paxos, read by
    Voting, is computed once per value of ``msgs``), as invariants are
    (``tla.checker.recall``)."""
    from tla.checker.recall import remember_by_reads
    from tla.evaluator.reads import state_roots
    evaluate = model.evaluator(model.compiler.expr(node, scope)[0], node, scope, {},
                               f"{label} (what it reads)")

    def read(state) -> int:
        return lane(evaluate(state))
    inner = state_roots(node, scope, model)
    if inner is None or inner.substitutions:
        return read
    return remember_by_reads(read, inner.variables)
