"""Which atoms the search's own enumeration decides, with no evaluation of their action.

Takes the model, the next-state relation the search enumerates and an atom ``<<A>>_v``,
``ENABLED <<A>>_v`` or ``ENABLED A``; gives the split actions of the relation (their
labels, by identity: each split action has its own label object, which the search hands
out with every successor it produced) that together make up ``A``, or None.

The next-state relation is enumerated as a list of split actions (TLC's ``getActions``:
disjuncts, ``\\E`` over constant sets and definitions expanded); every successor comes with
the label of the split action that produced it. When ``A``, split the same way, consists of
split actions of the relation (the same expression in the same environment), then:

* a step s -> t satisfies A exactly when some split action of A produced it (each split
  action is enumerated completely), so ``<<A>>_v`` holds on it when one of them did and
  ``v' # v``, and ``[A]_v`` when one of them did or ``v' = v``;
* ``ENABLED <<A>>_v`` holds in s exactly when one of them produced a successor of s (in the
  model or not) with ``v' # v``; ``ENABLED A`` when one of them produced any successor.

This is how WF and SF of the actions of a PlusCal process or of a disjunct of ``Next``
cost nothing beyond the search (TLC evaluates ENABLED and the action anew).
"""
from __future__ import annotations

from typing import Optional

from tla.errors import EvalError
from tla.parser import ast as A


def action_of(atom):
    """(A, v or None, scope, environment) for an atom ``<<A>>_v``, ``[A]_v``,
    ``ENABLED <<A>>_v`` or ``ENABLED A``; None for any other atom."""
    node, scope = atom.node if atom.node is not None else (None, None)
    if node is None:
        return None
    if isinstance(node, A.OpApp) and node.name == "ENABLED" and len(node.args) == 1:
        node = node.args[0]
        while isinstance(node, A.Label):
            node = node.body
        if not isinstance(node, A.AngleAction):
            return node, None, scope, atom.env
    if isinstance(node, (A.AngleAction, A.BoxAction)):
        return node.action, node.sub, scope, atom.env
    return None


class LabelIndex:
    """The split actions of the search's next-state relation, to match actions against."""

    def __init__(self, model, next_):
        self.model = model
        self._by_node: dict = {}
        for leaf in model.actions_of(next_):
            self._by_node.setdefault(id(leaf.node), []).append(leaf)

    def labels_of(self, node, scope, env) -> Optional[frozenset]:
        """The ids of the labels of the split actions that make up ``node`` (an action in
        ``scope`` and ``env``), or None when it is not made of them."""
        from tla.evaluator.actions import _split
        leaves: list = []
        try:
            _split(self.model, node, scope, dict(env), None, leaves)
        except EvalError:
            return None
        found = set()
        for leaf in leaves:
            matches = [other.label for other in self._by_node.get(id(leaf.node), ())
                       if _same_env(other.env, leaf.env)]
            if not matches:
                return None
            found.update(id(label) for label in matches)
        return frozenset(found) if found else None


def _same_env(a: dict, b: dict, depth: int = 0) -> bool:
    """Whether two environments of split actions bind the same names to the same values.
    A LET definition placed in an environment (the evaluator's lazily evaluated entries,
    which refer to the environment they are in) is the same when it is the same
    definition in an environment with the same values."""
    from tla.evaluator.values import eq
    if a.keys() != b.keys() or depth > 8:
        return False
    for k, v in a.items():
        w = b[k]
        if v is w:
            continue
        if hasattr(v, "ent") and hasattr(v, "env"):
            if type(v) is not type(w) or v.ent.body is not getattr(w.ent, "body", None):
                return False
            if (v.env is a) != (w.env is b):
                return False
            if v.env is not a and not _same_env(v.env, w.env, depth + 1):
                return False
            continue
        try:
            if not eq(v, w):
                return False
        except (EvalError, TypeError, AttributeError):
            return False
    return True
