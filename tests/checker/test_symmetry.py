"""Symmetry reduction: the permutations given generate a group, as in TLC."""
from tla.checker.symmetry import _closure, permute, symmetry_key
from tla.evaluator import values as V

A1, A2, V1, V2 = (V.ModelValue(n) for n in ("sa1", "sa2", "sv1", "sv2"))


def test_union_of_two_symmetry_sets_generates_their_product():
    swap_a = {A1: A2, A2: A1}
    swap_v = {V1: V2, V2: V1}
    group = _closure([swap_a, swap_v])
    assert len(group) == 3          # swap_a, swap_v and both at once (identity excluded)
    assert {A1: A2, A2: A1, V1: V2, V2: V1} in group


def test_permute_reaches_inside_values():
    state = (V.make_fcn({A1: V.FSet([V1]), A2: V.EMPTY}), (A1, "x", 3))
    swapped = tuple(permute(x, {A1: A2, A2: A1}) for x in state)
    assert swapped == (V.make_fcn({A2: V.FSet([V1]), A1: V.EMPTY}), (A2, "x", 3))


def test_states_in_one_orbit_share_a_key():
    perms = V.FSet([V.make_fcn({A1: A2, A2: A1}), V.make_fcn({V1: V2, V2: V1})])
    key = symmetry_key(perms)
    s = (V.make_fcn({A1: V1, A2: V2}),)
    t = (V.make_fcn({A1: V2, A2: V1}),)      # both swaps at once map s onto t
    u = (V.make_fcn({A1: V1, A2: V1}),)
    assert key(s) == key(t)
    assert key(s) != key(u)
