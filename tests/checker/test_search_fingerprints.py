"""The search's state fingerprints: equal TLA+ values fingerprint alike whatever their
Python representation, different ones differently (including the integers CPython hashes
alike), and the same in every process."""
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from tla.checker.fingerprints import (fingerprint_function, lane, state_fingerprint,
                                      value_fingerprint)
from tla.evaluator import values
from tla.evaluator.values import Fcn, FSet, Interval, ModelValue, make_fcn, make_record


@pytest.fixture(autouse=True)
def keep_intern_table():
    """Values built here must not change the intern order other tests print with."""
    saved = dict(values._INTERN)
    yield
    values._INTERN.clear()
    values._INTERN.update(saved)


# values are built in the tests (lambdas), not at collection time, for the same reason
EQUAL = [
    lambda: (FSet([1, 2, 3]), Interval(1, 3)),
    lambda: (make_record([("a", 1), ("b", 2)]), make_record([("b", 2), ("a", 1)])),
    lambda: (make_fcn({"x": FSet(["p", "q"]), "y": (1, 2)}),
             make_fcn({"y": (1, 2), "x": FSet(["q", "p"])})),
    lambda: (FSet([(1, 2), (3, -1)]), FSet([(3, -1), (1, 2)])),
]

DIFFERENT = [
    lambda: (-1, -2),                          # CPython: hash(-1) == hash(-2)
    lambda: ((-1, 5), (-2, 5)),
    lambda: (FSet([-1]), FSet([-2])),
    lambda: (make_fcn({"a": -1}), make_fcn({"a": -2})),
    lambda: (1, True),
    lambda: (0, False),
    lambda: (2 ** 61 - 1, 0),                  # CPython hashes integers modulo 2**61 - 1
    lambda: (2 ** 70, 2 ** 70 + 1),
    lambda: ("fp_test_mv", ModelValue("fp_test_mv")),
    lambda: ((1, 2), FSet([1, 2])),
    lambda: ((), FSet()),
    lambda: (FSet([1, 2]), FSet([1, 3])),
    lambda: ((1, 2), (2, 1)),
    lambda: (make_fcn({0: 1, 5: 2}), make_fcn({0: 2, 5: 1})),
    lambda: (make_fcn({ModelValue("fp_a"): "x", ModelValue("fp_b"): "y"}),
             make_fcn({ModelValue("fp_a"): "y", ModelValue("fp_b"): "x"})),
]


@pytest.mark.parametrize("pair", EQUAL)
def test_equal_values_have_equal_fingerprints(pair):
    a, b = pair()
    assert value_fingerprint(a) == value_fingerprint(b)
    assert state_fingerprint((a, 0)) == state_fingerprint((b, 0))


@pytest.mark.parametrize("pair", DIFFERENT)
def test_different_values_have_different_fingerprints(pair):
    a, b = pair()
    assert value_fingerprint(a) != value_fingerprint(b)
    assert state_fingerprint((a,)) != state_fingerprint((b,))


def test_fingerprints_are_64_bit_and_never_zero():
    for state in [(), (0,), (1, "a"), (FSet(),)]:
        fp = state_fingerprint(state)
        assert 0 < fp < 2 ** 64


def test_fingerprints_are_the_same_in_every_process():
    code = ("from tla.checker.fingerprints import state_fingerprint as f;"
            "from tla.evaluator.values import *;"
            "print(f((1, -1, 'abc', FSet(['x', 'y']), make_fcn({'a': 1}), ModelValue('fp_test_mv'),"
            " (True,), FSet([FSet([1, 2])]))))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "random")}
    here = state_fingerprint((1, -1, "abc", FSet(["x", "y"]), make_fcn({"a": 1}),
                              ModelValue("fp_test_mv"), (True,), FSet([FSet([1, 2])])))
    assert runs == {f"{here}\n"}


def test_a_key_function_identifies_states_by_their_key():
    by_first = fingerprint_function(lambda state: state[0])
    assert by_first((1, "a")) == by_first((1, "b")) != by_first((2, "a"))
    assert fingerprint_function(None) is state_fingerprint


# --- functions made by EXCEPT get their lanes from the function they were made from ----

_KEYS = ["k1", "k2", "k3", "k4", "k5"]
_VALUES = st.one_of(st.integers(-3, 3), st.booleans(), st.sampled_from(["a", "b"]),
                    st.builds(lambda xs: FSet(xs), st.lists(st.integers(0, 3), max_size=3)),
                    st.builds(lambda a, b: make_record([("x", a), ("y", b)]),
                              st.integers(0, 2), st.integers(0, 2)))


@settings(max_examples=200, deadline=None)
@given(start=st.lists(_VALUES, min_size=5, max_size=5),
       steps=st.lists(st.tuples(st.sampled_from(_KEYS), _VALUES, st.booleans()), max_size=12))
def test_a_function_made_by_except_has_the_lane_of_the_same_function_made_afresh(start, steps):
    f = Fcn(dict(zip(_KEYS, start)))
    if steps and steps[0][2]:
        lane(f)
    for k, v, fingerprint_now in steps:
        f = f.with_value(k, v)
        if fingerprint_now:
            assert lane(f) == lane(Fcn(dict(f.map)))
    assert lane(f) == lane(Fcn(dict(f.map)))


def test_except_chains_hold_only_the_fingerprinted_function():
    root = Fcn({k: 0 for k in _KEYS})
    lane(root)
    f = root
    for i, k in enumerate(_KEYS[:Fcn.WAS_MAX]):
        f = f.with_value(k, i + 1)
        assert f._was == (root, tuple(_KEYS[:i + 1]))
    f = f.with_value(_KEYS[-1], 9)          # one change too many: computed afresh
    assert getattr(f, "_was", None) is None
    assert lane(f) == lane(Fcn(dict(f.map)))
    assert lane(root.with_value("k1", 0)) == lane(root)


@pytest.mark.parametrize("keys, values", [
    (list(range(7)), list(range(5))),                             # int arguments
    (["a", "b", "c", "d", "e", "f"], [True, False, 0, 1, 2]),    # a record
])
def test_functions_differing_in_their_pairs_only_have_different_lanes(keys, values):
    # the sum of the pairs' terms must depend on which value goes with which argument
    import itertools
    lanes = {lane(make_fcn(dict(zip(keys, vs))))
             for vs in itertools.product(values, repeat=len(keys))}
    assert len(lanes) == len(values) ** len(keys)
