"""Symmetry reduction (the cfg's ``SYMMETRY Perms``).

Takes the value of the symmetry definition: a set of permutations, each a function from
model values to model values (usually ``Permutations(S)`` of the TLC module, possibly a union
of several). Gives a *key* function for the search: two states that some permutation maps
onto each other get the same key, so only the first one found is explored.

TLC's rule (``TLCStateMut.fingerPrint`` with symmetry): the fingerprint of a state is the
smallest fingerprint among the state permuted by every permutation of the set. The state
that is stored and printed is the one actually reached, never a permuted copy.
"""
from __future__ import annotations

from typing import Any, Callable

from tla.evaluator import values as V
from tla.evaluator.fingerprint import state_fingerprint


def permutation_maps(symmetry_set) -> list[dict]:
    """The permutations of the symmetry set as dicts (model value -> model value); the
    identity is left out, it changes nothing."""
    maps = []
    for perm in V.enumerate_set(V.as_set(symmetry_set)):
        mapping = dict(V.to_fcn_map(perm))
        if any(k is not v and k != v for k, v in mapping.items()):
            maps.append(mapping)
    return maps


def permute(value: Any, mapping: dict) -> Any:
    """``value`` with every model value replaced by its image under ``mapping``."""
    kind = type(value)
    if kind is V.ModelValue:
        return mapping.get(value, value)
    if kind is int or kind is str or kind is bool:
        return value
    if kind is tuple:
        return tuple(permute(x, mapping) for x in value)
    if kind is V.Fcn:
        return V.make_fcn({permute(k, mapping): permute(x, mapping) for k, x in value.map.items()})
    if isinstance(value, V.FSet):
        return V.FSet(permute(x, mapping) for x in value)
    if isinstance(value, V.SetBase) and value.is_enumerable():
        return V.FSet(permute(x, mapping) for x in V.enumerate_set(value))
    return value


def symmetry_key(symmetry_set) -> Callable[[tuple], int]:
    """The search key of a state under the symmetry: its smallest permuted fingerprint."""
    maps = permutation_maps(symmetry_set)

    def key(state: tuple) -> int:
        best = state_fingerprint(state)
        for mapping in maps:
            fp = state_fingerprint(tuple(permute(v, mapping) for v in state))
            if fp < best:
                best = fp
        return best
    return key
