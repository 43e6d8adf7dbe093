"""Number and time formats of TLC's reports (fixtures/probability_cases.txt,
fixtures/duration_cases.txt) and the outdegree statistics."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from tlc_compat_cases import FIXTURES
from tla.tlc_compat.report_format import (
    OutdegreeStatistics, ProgressRates, format_duration, group_digits, java_double_to_string, java_round,
    optimistic_probability, probability_to_string, progress_params, shortest_digits,
    success_params,
)


def pairs(name):
    rows = []
    for line in (FIXTURES / name).read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition(" ")
            rows.append((key, value))
    return rows


@pytest.mark.parametrize("value,expected", pairs("probability_cases.txt"))
def test_probability_to_string(value, expected):
    assert probability_to_string(float(value)) == expected


@pytest.mark.parametrize("ms,expected", pairs("duration_cases.txt"))
def test_duration(ms, expected):
    assert format_duration(int(ms)) == expected


def test_duration_in_tool_mode_is_milliseconds():
    assert format_duration(365, tool=True) == "365ms"
    assert format_duration(90_000_000, tool=True) == "90000000ms"


@pytest.mark.parametrize("value,expected", [
    (0.98, "0.98"), (1.0, "1.0"), (0.001, "0.001"), (0.00099, "9.9E-4"), (1e7, "1.0E7"),
    (9999999.0, "9999999.0"), (123.456, "123.456"), (1e-5, "1.0E-5"), (-2.5, "-2.5"),
    (0.0, "0.0"), (1.5e300, "1.5E300"),
])
def test_java_double_to_string(value, expected):
    assert java_double_to_string(value) == expected


@given(st.floats(min_value=5e-324, allow_infinity=False, allow_nan=False))
def test_shortest_digits_are_those_of_the_decimal_repr(x):
    # the digits Java's Double.toString starts from, read off repr() (as decimal.Decimal
    # normalizes it, without importing decimal at start-up)
    from decimal import Decimal
    d = Decimal(repr(x)).normalize().as_tuple()
    digits = "".join(map(str, d.digits))
    assert shortest_digits(x) == (digits, d.exponent + len(digits) - 1)


def test_sample_success_lines():
    # ok_success.out: 27 generated, 13 distinct; multi_init.out: 10 and 5; dfid.out: 6 and 3
    assert success_params(27, 13) == ["val = 9.9E-18"]
    assert success_params(10, 5) == ["val = 1.4E-18"]
    assert success_params(6, 3, 2.9e-19, always_actual=True) == ["val = 4.9E-19",
                                                                 "val = 2.9E-19"]
    assert success_params(6, 3, 2.9e-19) == ["val = 4.9E-19"]
    assert success_params(0, 0) == ["val = 0.0", "val = 0.0"]
    assert success_params(5, 5) == ["val = 0.0"]
    assert success_params(10 ** 10, 10 ** 9, 1e-3) == [
        f"val = {probability_to_string(optimistic_probability(10 ** 10, 10 ** 9))}",
        "val = .001"]


def test_group_digits():
    assert group_digits(1315) == "1,315"
    assert group_digits(0) == "0"
    assert group_digits(1234567) == "1,234,567"
    assert group_digits(1234.5678) == "1,234.568"
    assert group_digits(2.0) == "2"
    assert group_digits(0.0625) == "0.062"  # half-even
    assert progress_params(4, 8, 7, 2, 1315, 1150) == ["4", "8", "7", "2", "1,315", "1,150"]
    assert progress_params(3, 4, 3, 0) == ["3", "4", "3", "0"]


@given(st.integers(min_value=0, max_value=10 ** 15))
def test_group_digits_round_trips(n):
    assert int(group_digits(n).replace(",", "")) == n


def test_outdegree_statistics_sample():
    stats = OutdegreeStatistics()
    stats.add_all([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0])
    assert stats.params() == ["0", "1", "2", "2"]


def test_outdegree_empty_and_capped():
    stats = OutdegreeStatistics()
    assert stats.params() == ["-1", "-1", "-1", "-1"]
    stats.add(100)
    assert stats.params() == ["31", "31", "31", "31"]


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=200))
def test_outdegree_against_direct_computation(samples):
    stats = OutdegreeStatistics()
    stats.add_all(samples)
    capped = sorted(min(s, 31) for s in samples)
    assert stats.minimum() == capped[0] and stats.maximum() == capped[-1]
    assert stats.percentile(0.95) == capped[int(len(capped) * 0.95)]
    assert stats.params()[1] == str(java_round(sum(capped) / len(capped)))


def test_java_round():
    assert [java_round(x) for x in (0.5, 1.5, 2.5, -0.5, -1.5, 1.49)] == [1, 2, 3, 0, -1, 1]


def test_progress_rates():
    rates = ProgressRates()
    # counter_invariant_tool.out: the first periodic line after 8 states counts them all
    assert rates.periodic(8, 7) == (8, 7)
    assert rates.periodic(20, 10) == (12, 3)
    # the final -tool line: 8 states and 7 distinct in 263 ms
    assert ProgressRates().final(8, 7, 263) == (1825, 1596)
    assert ProgressRates(interval_ms=30_000).periodic(10, 4) == (20, 8)
    assert ProgressRates().final(5, 0, 0) == (2 ** 63 - 1, 0)
