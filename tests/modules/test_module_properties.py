"""Properties of the Python implementations, checked directly on values with Hypothesis:
TLC's integer arithmetic, sorting, folds, bag updates, sequence replacement, and the
round trips of the JSON and IOUtils encodings."""
from __future__ import annotations

import functools
from math import comb

from hypothesis import given, strategies as st

from tla.errors import EvalError
from tla.evaluator.values import FSet, ModelValue, eq, make_fcn, make_record
from tla.modules import impl_bags, impl_folds, impl_naturals, impl_sequencesext, impl_tlc
from tla.modules.impl_common import java_format
from tla.modules.impl_finitesetsext import k_subset
from tla.modules.impl_ioutils import decode, encode
from tla.modules.impl_json import from_node, to_node

INT32 = st.integers(-2**31, 2**31 - 1)
SMALL = st.integers(-1000, 1000)


@given(INT32, INT32)
def test_plus_is_exact_or_overflows(a, b):
    if -2**31 <= a + b < 2**31:
        assert impl_naturals.plus(a, b) == a + b
    else:
        try:
            impl_naturals.plus(a, b)
        except EvalError as e:
            assert e.message == f"Overflow when computing {a}+{b}"
        else:
            raise AssertionError("no overflow")


@given(INT32, INT32.filter(lambda b: b != 0))
def test_div_rounds_down_and_mod_is_not_negative(a, b):
    q = impl_naturals.div(a, b) if not (a == -2**31 and b == -1) else None
    if q is not None:
        assert q * b <= a if b > 0 else q * b >= a
        assert abs(a - q * b) < abs(b)
    if b > 0:
        r = impl_naturals.mod(a, b)
        assert 0 <= r < b and (a - r) % b == 0


@given(st.integers(-50, 50), st.integers(0, 40))
def test_power_matches_or_overflows(a, b):
    if a == 0 and b == 0:
        return
    exact = a ** b
    try:
        assert impl_naturals.expt(a, b) == exact
    except EvalError as e:
        assert not -2**31 <= exact < 2**31
        assert e.message == f"Overflow when computing {a}^{b}"


@given(st.lists(SMALL, max_size=20))
def test_sort_seq_sorts(xs):
    assert list(impl_tlc.sort_seq(tuple(xs), lambda x, y: x < y)) == sorted(xs)
    assert list(impl_tlc.sort_seq(tuple(xs), lambda x, y: x <= y)) == sorted(xs)


@given(st.lists(SMALL, max_size=12), SMALL)
def test_fold_left_and_right(xs, base):
    op = lambda x, y: 2 * x - y  # noqa: E731 (neither associative nor commutative)
    assert impl_sequencesext.fold_left(op, base, tuple(xs)) == functools.reduce(op, xs, base)
    right = base
    for x in reversed(xs):
        right = op(x, right)
    assert impl_sequencesext.fold_right_(op, tuple(xs), base) == right
    s = FSet(xs)
    assert impl_folds.fold_set(lambda x, acc: acc + x, 0, s) == sum(set(xs))


@given(st.dictionaries(st.sampled_from("abcde"), st.integers(1, 5)), st.sampled_from("abcdef"))
def test_bag_add_then_remove_is_identity(counts, x):
    bag = make_fcn(dict(counts))
    added = impl_bags.bag_add(bag, x)
    assert impl_bags.copies_in(x, added) == counts.get(x, 0) + 1
    assert eq(impl_bags.bag_remove(added, x), bag)
    assert impl_bags.bag_cardinality(added) == sum(counts.values()) + 1


@given(st.text("ab", max_size=8), st.text("ab", min_size=1, max_size=3), st.text("xy", max_size=3))
def test_replace_all_sub_seqs_on_strings_is_str_replace(t, s, r):
    assert impl_sequencesext.replace_all_sub_seqs(r, s, t) == t.replace(s, r)


@given(st.sets(st.integers(0, 9), max_size=7), st.integers(0, 8))
def test_k_subset_sizes(s, k):
    result = k_subset(k, FSet(s))
    assert len(result) == comb(len(s), k)
    assert all(len(x) == k for x in result)


JSON_VALUES = st.recursive(
    st.one_of(st.booleans(), SMALL, st.text(max_size=5)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(tuple),
        st.dictionaries(st.text("abc", min_size=1, max_size=3), inner, max_size=3)
        .map(lambda d: make_record(d.items()))),
    max_leaves=12)


@given(JSON_VALUES)
def test_json_round_trip(v):
    assert eq(from_node(to_node(v)), v)


VALUES = st.recursive(
    st.one_of(st.booleans(), INT32, st.text(max_size=5),
              st.sampled_from(["p1", "p2"]).map(ModelValue)),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(tuple),
        st.lists(SMALL, max_size=4).map(FSet),
        st.dictionaries(st.integers(5, 9), SMALL, max_size=3).map(make_fcn),
        st.dictionaries(st.text("xyz", min_size=1, max_size=2), inner, max_size=3)
        .map(lambda d: make_record(d.items()))),
    max_leaves=12)


@given(VALUES)
def test_io_serialization_round_trip(v):
    back = decode(encode(v))
    assert type(back) is type(v)
    assert back == v


@given(st.lists(st.text("ab%$1", max_size=4), min_size=2, max_size=2))
def test_java_format_positional_and_sequential(args):
    assert java_format("%1$s|%2$s|%1$s", args) == f"{args[0]}|{args[1]}|{args[0]}"
    assert java_format("%s-%s%%%n", args) == f"{args[0]}-{args[1]}%\n"


@given(st.floats(0.01, 200), st.integers(1, 30))
def test_chi_square_tail_is_a_probability_decreasing_in_the_statistic(x, dof):
    from tla.modules.impl_statistics import chi_square_upper_tail
    p = chi_square_upper_tail(x, dof)
    assert 0.0 <= p <= 1.0
    assert chi_square_upper_tail(x * 1.5, dof) <= p + 1e-12
