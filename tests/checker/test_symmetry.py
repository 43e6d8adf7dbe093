"""Symmetry reduction: the permutations given generate a group, as in TLC, and two states
get the same key exactly when a member of the group maps one onto the other.

The properties are checked against a plain reference: :func:`permute` rebuilds a value with
every model value replaced, and the orbit of a state is the set of its permuted copies.
"""
from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stdout

import pytest
from hypothesis import given, settings, strategies as st

from tla.checker.symmetry import (SymmetryKey, _closure, _smallest_row, permutation_group,
                                  symmetry_key)
from tla.evaluator import values as V
from tla.evaluator.fingerprint import fingerprint, state_fingerprint

A1, A2, A3, V1, V2 = (V.ModelValue(n) for n in ("sa1", "sa2", "sa3", "sv1", "sv2"))
OTHER = V.ModelValue("s_fixed")       # a model value no permutation moves
# The strings the random values below use, interned once in a fixed order: sorting the
# values interns them in the intern table all tests share, and in draw order they would
# leave other tests' record fields and strings ordered by chance ("b" before "a")
V.seed_intern(["a", "b", "f", "g"])
SPECS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "specs")


def permute(value, mapping: dict):
    """``value`` with every model value replaced by its image under ``mapping``."""
    kind = type(value)
    if kind is V.ModelValue:
        return mapping.get(value, value)
    if kind is tuple:
        return tuple(permute(x, mapping) for x in value)
    if kind is V.Fcn:
        return V.make_fcn({permute(k, mapping): permute(x, mapping)
                           for k, x in value.map.items()})
    if kind is V.FSet:
        return V.FSet(permute(x, mapping) for x in value)
    return value


def swaps_of(*groups) -> V.FSet:
    """The symmetry set ``Permutations(G1) \\cup Permutations(G2) ...`` of the given sets."""
    from itertools import permutations
    perms = []
    for g in groups:
        for image in permutations(g):
            perms.append(V.make_fcn(dict(zip(g, image))))
    return V.FSet(perms)


SYMMETRY = swaps_of((A1, A2, A3), (V1, V2))
KEY = symmetry_key(SYMMETRY)


def orbit(state: tuple) -> set[int]:
    """The fingerprints of every permuted copy of ``state``."""
    return {state_fingerprint(tuple(permute(x, p) for x in state)) for p in KEY.perms}


# -- values built from the permuted model values, a fixed one and plain values ---------------
atoms = st.sampled_from([A1, A2, A3, V1, V2, OTHER, 0, 1, 2, "a", "b", True, False])


def _compound(children):
    keys = st.sampled_from([A1, A2, A3, V1, "f", "g", 1, 2])
    return st.one_of(
        st.lists(children, max_size=3).map(tuple),
        st.frozensets(children, max_size=4).map(V.FSet),
        st.dictionaries(keys, children, min_size=1, max_size=3).map(V.make_fcn),
    )


def _homogeneous(v) -> bool:
    """TLC compares set elements and function arguments of one kind only; the generated
    values must be ones a spec can build."""
    try:
        V.format_value(v)
        if isinstance(v, V.FSet):
            v.sorted()
        return True
    except V.EvalError:
        return False


tla_values = st.recursive(atoms, _compound, max_leaves=12).filter(_homogeneous)
states = st.lists(tla_values, min_size=1, max_size=3).map(tuple)


def test_union_of_two_symmetry_sets_generates_their_product():
    swap_a = {A1: A2, A2: A1}
    swap_v = {V1: V2, V2: V1}
    group = _closure([swap_a, swap_v])
    assert len(group) == 3          # swap_a, swap_v and both at once (identity excluded)
    assert {A1: A2, A2: A1, V1: V2, V2: V1} in group


def test_group_of_two_sets_has_every_combination():
    assert len(permutation_group(SYMMETRY)) == 3 * 2 * 1 * 2 - 1
    assert KEY.perms[0] == {}       # the identity first


def test_only_model_values_are_permuted():
    # a "permutation" of integers moves nothing TLC permutes (MVPerm holds model values)
    assert permutation_group(V.FSet([V.make_fcn({1: 2, 2: 1})])) == []


def test_states_in_one_orbit_share_a_key():
    perms = V.FSet([V.make_fcn({A1: A2, A2: A1}), V.make_fcn({V1: V2, V2: V1})])
    key = symmetry_key(perms)
    s = (V.make_fcn({A1: V1, A2: V2}),)
    t = (V.make_fcn({A1: V2, A2: V1}),)      # both swaps at once map s onto t
    u = (V.make_fcn({A1: V1, A2: V1}),)
    assert key(s) == key(t)
    assert key(s) != key(u)


def test_values_without_moved_model_values_have_one_fingerprint():
    value = V.FSet([V.make_record([("to", OTHER), ("n", 3)])])
    assert KEY.permuted_fps(value) == fingerprint(value)


def test_lazy_sets_are_permuted_as_their_elements():
    lazy = V.PowerSet(V.FSet([A1, V1]))
    assert KEY.permuted_fps(lazy) == KEY.permuted_fps(lazy.enumerated())
    swapped = V.PowerSet(V.FSet([A2, V1]))
    assert KEY((lazy,)) == KEY((swapped,)) != KEY((V.PowerSet(V.FSet([A1, A2])),))


#: a group of 4 members, whose sets are summed permutation by permutation (KEY's 12 members
#: sum them in packed lanes)
SMALL_KEY = symmetry_key(swaps_of((A1, A2), (V1, V2)))


@settings(max_examples=600, deadline=None)      # 300 or so for each key
@given(tla_values, st.sampled_from([KEY, SMALL_KEY]))
def test_permuted_fingerprints_are_those_of_the_permuted_values(value, key):
    assert SMALL_KEY._packs is None and KEY._packs is not None
    fps = key.permuted_fps(value)
    expected = [fingerprint(permute(value, p)) for p in key.perms]
    if type(fps) is int:
        assert set(expected) == {fps}
    else:
        assert list(fps) == expected


@settings(max_examples=300, deadline=None)
@given(states, st.integers(min_value=0, max_value=11))
def test_a_permuted_state_has_the_same_key(state, which):
    p = KEY.perms[which]
    assert KEY(tuple(permute(x, p) for x in state)) == KEY(state)


@settings(max_examples=300, deadline=None)
@given(states)
def test_the_key_is_the_fingerprint_of_a_member_of_the_orbit(state):
    assert KEY(state) in orbit(state)


@settings(max_examples=300, deadline=None)
@given(states, states)
def test_states_share_a_key_only_when_in_one_orbit(s, t):
    same_orbit = state_fingerprint(t) in orbit(s)
    assert (KEY(s) == KEY(t)) == same_orbit


def test_a_fresh_key_and_a_warm_cache_agree():
    state = (V.FSet([V.make_record([("from", A1), ("val", V2)]),
                     V.make_record([("from", A3), ("val", V1)])]), (A2, "x"))
    warm = KEY(state)
    assert SymmetryKey(permutation_group(SYMMETRY))(state) == warm


def test_values_shared_with_the_last_state_keep_their_fingerprints():
    shared = V.FSet([V.make_record([("from", A1), ("val", V2)])])
    states = [(shared, (A2, "x")), (shared, (A3, "x")), (shared, (A2, "x")), ((A1, "y"),)]
    key = symmetry_key(SYMMETRY)
    assert [key(s) for s in states] == [SymmetryKey(permutation_group(SYMMETRY))(s)
                                        for s in states]


def test_a_full_cache_starts_afresh(monkeypatch):
    import tla.checker.symmetry as S
    monkeypatch.setattr(S, "CACHE_BUDGET", 0)
    key = symmetry_key(SYMMETRY)
    assert key._cache_limit == 1024
    values = [V.FSet([V.make_record([("from", A1), ("n", i)])]) for i in range(1500)]
    for value in values:
        key((value,))
    assert len(key._cache) < 1024
    assert key((values[0],)) == KEY((values[0],))


def test_a_state_met_again_gets_its_key_without_permuting(monkeypatch):
    import tla.checker.symmetry as S
    monkeypatch.setattr(S, "KEYS_KEPT", 2)
    key = symmetry_key(SYMMETRY)
    permuted = []
    orbit_key = key._orbit_key
    monkeypatch.setattr(key, "_orbit_key", lambda s: permuted.append(s) or orbit_key(s))
    a = (V.FSet([V.make_record([("from", A1), ("val", V2)])]), (A2, "x"))
    equal = (V.FSet([V.make_record([("from", A1), ("val", V2)])]), (A2, "x"))
    b, c = ((A1, "y"),), ((A3, "y"),)
    assert key(a) == key(equal) == KEY(a)      # equal values, not the same objects
    assert permuted == [a]
    assert key(b) == key(c) == KEY(b)           # one orbit, two states: both permuted
    assert len(permuted) == 3
    assert len(key._keys) <= 2                  # full: started afresh
    assert key(a) == KEY(a) and len(permuted) == 4


# -- whole runs of specs of our own: distinct states are the classes of reachable states -----
RUNS = [
    # spec, cfg, generated, distinct
    ("SymmProcs", "SymmProcs", 163, 27),
    ("SymmProcs", "SymmProcsSym", 61, 10),          # multisets of 3 phases over 3 processes
    ("SymmProcs", "SymmProcsView", 49, 8),          # VIEW: who is critical
    ("SymmProcs", "SymmProcsViewSym", 25, 4),       # TLC reduces the VIEW under symmetry
    ("SymmMsgs", "SymmMsgs", 33, 16),
    ("SymmMsgs", "SymmMsgsSym", 15, 7),             # two symmetry sets, sets of records
]


@pytest.mark.parametrize("spec,cfg,generated,distinct", RUNS, ids=[r[1] for r in RUNS])
def test_symmetric_runs_count_classes(spec, cfg, generated, distinct):
    from tla.tlc_compat.cli import main
    out = io.StringIO()
    with redirect_stdout(out):
        status = main([os.path.join(SPECS, spec + ".tla"),
                       "-config", os.path.join(SPECS, cfg + ".cfg")])
    assert status == 0, out.getvalue()
    stats = re.search(r"(\d+) states generated, (\d+) distinct states found", out.getvalue())
    assert (int(stats.group(1)), int(stats.group(2))) == (generated, distinct)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**64 - 1), min_size=12, max_size=12),
                min_size=1, max_size=40))
def test_packed_lanes_add_as_their_fingerprints(vectors):
    # a set's fingerprints under every permutation are one sum of packed lanes: no lane may
    # carry into the next
    total = sum(KEY._pack(v) for v in vectors) & KEY._low
    assert list(KEY._unpack(total)) == [sum(col) % 2**64 for col in zip(*vectors)]
    assert list(KEY._unpack(KEY._pack(vectors[0]))) == vectors[0]


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 30).flatmap(lambda n: st.lists(
    st.tuples(*[st.integers(0, 3) | st.integers(0, 2**64 - 1)] * n), min_size=1, max_size=5)))
def test_the_smallest_row_is_the_smallest_tuple(columns):
    # columns of permuted fingerprints, ties included (small ints repeat): the row picked
    # column by column is the one min() finds among the rows as tuples
    assert tuple(_smallest_row(columns)) == min(zip(*columns))
