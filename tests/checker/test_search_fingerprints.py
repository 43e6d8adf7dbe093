"""The search's state fingerprints: equal TLA+ values fingerprint alike whatever their
Python representation, different ones differently (including the integers CPython hashes
alike), and the same in every process."""
import subprocess
import sys

import pytest

from tla.checker.fingerprints import (fingerprint_function, recalled_state_fingerprint,
                                      state_fingerprint, value_fingerprint)
from tla.evaluator import values
from tla.evaluator.values import FSet, Interval, ModelValue, make_fcn, make_record


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
    assert fingerprint_function(None, recall=True) is recalled_state_fingerprint


def test_a_recalled_fingerprint_is_the_fingerprint_of_the_state_asked_about():
    """The recalling variant answers from its last state only for that very tuple: an
    equal tuple, a different state and the last state asked again all get their own."""
    first, other = (1, FSet(["a"])), (2, FSet(["a"]))
    for state in (first, first, tuple([1, FSet(["a"])]), other, first, other):
        assert recalled_state_fingerprint(state) == state_fingerprint(state)
    assert recalled_state_fingerprint(first) != recalled_state_fingerprint(other)


@pytest.mark.parametrize("keys, values", [
    (list(range(7)), list(range(5))),                             # int arguments
    (["a", "b", "c", "d", "e", "f"], [True, False, 0, 1, 2]),    # a record
])
def test_functions_differing_in_their_pairs_only_have_different_fingerprints(keys, values):
    # which value goes with which argument matters (a sum of CPython's pair hashes would
    # not tell [n1 |-> 1, n2 |-> 2] from [n1 |-> 2, n2 |-> 1] often enough)
    import itertools
    fps = {value_fingerprint(make_fcn(dict(zip(keys, vs))))
           for vs in itertools.product(values, repeat=len(keys))}
    assert len(fps) == len(values) ** len(keys)


def test_a_union_adding_nothing_is_the_set_itself():
    # msgs \cup {m} with m already in msgs: the set keeps its caches (order, lane)
    from tla.evaluator.compiler import _cup
    S = FSet([("m", i) for i in range(10)])
    assert _cup(S, FSet([("m", 3)])) is S
    assert _cup(FSet([("m", 3)]), S) is S


@pytest.mark.parametrize("update", ["runtime", "reference"])
def test_a_function_made_by_except_takes_its_domain_lanes_from_the_one_it_comes_from(update):
    """EXCEPT keeps the arguments and their order: the new function gets the domain's lanes
    its origin found, and fingerprints as the equal function built afresh."""
    from tla.evaluator.codegen.runtime import except_set
    from tla.evaluator.compiler import _update
    old = make_record([("b", 2), ("a", 1)])
    value_fingerprint(old)
    assert old._dl is not None
    if update == "runtime":
        new = except_set(old, "a", 5)
    else:
        new = _update(old, ("a",), 0, lambda s, t, e: 5, None, None, {})
    assert new._dl is old._dl
    assert value_fingerprint(new) == value_fingerprint(make_record([("a", 5), ("b", 2)]))
    assert value_fingerprint(new) != value_fingerprint(old)
