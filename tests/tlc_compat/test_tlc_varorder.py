"""TLC's variable print order (Java Hashtable order), against the orders TLC printed for the
sample specs (fixtures/varorder_cases.txt) and properties of the emulation."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from casefile import FIXTURES
from tla.tlc_compat.varorder import (
    FINITESETS_EXPORTS, INTEGERS_EXPORTS, NATURALS_EXPORTS, SANY_BUILTINS, SEQUENCES_EXPORTS,
    TLC_EXPORTS, JavaHashtable, java_string_hash, root_context_symbols, tlc_variable_order,
    variable_print_order,
)

EXPORTS = {"Naturals": NATURALS_EXPORTS, "Integers": INTEGERS_EXPORTS,
           "Sequences": SEQUENCES_EXPORTS, "FiniteSets": FINITESETS_EXPORTS, "TLC": TLC_EXPORTS}


def cases():
    rows = []
    for line in (FIXTURES / "varorder_cases.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            extends, own, printed = (part.strip() for part in line.split("|"))
            rows.append((extends, own, printed))
    return rows


@pytest.mark.parametrize("extends,own,printed", cases())
def test_sample_orders(extends, own, printed):
    exported = [name for module in extends.split(",") if module != "-"
                for name in EXPORTS[module]]
    symbols = [name.lstrip("*") for name in own.split()]
    variables = [name[1:] for name in own.split() if name.startswith("*")]
    order = variable_print_order(root_context_symbols(exported, symbols), variables)
    assert order == printed.split()


def test_builtin_count_and_totals():
    assert len(SANY_BUILTINS) == 72 == len(set(SANY_BUILTINS))
    # tlc-interface.md 3.6: no EXTENDS and 1 variable gives 73 symbols;
    # EXTENDS Naturals, Sequences, FiniteSets, TLC with 1 constant, variable, definition: 111
    assert len(set(root_context_symbols([], ["x"]))) == 73
    ext = [*NATURALS_EXPORTS, *SEQUENCES_EXPORTS, *FINITESETS_EXPORTS, *TLC_EXPORTS]
    assert len(set(root_context_symbols(ext, ["C", "x", "D"]))) == 111


@pytest.mark.parametrize("text,expected", [
    ("", 0), ("a", 97), ("hello", 99162322), ("Aa", 2112), ("BB", 2112),
    ("polygenelubricants", -2147483648), ("\u00e9", 233), ("\U0001F600", 1772899),
])
def test_java_string_hash(text, expected):
    assert java_string_hash(text) == expected


def test_single_letters_print_alphabetically():
    letters = list("zyxwvutsrqponmlkjihgfedcba")
    assert tlc_variable_order(letters, NATURALS_EXPORTS) == sorted(letters)


def test_repeated_names_count_once():
    table = JavaHashtable()
    for name in ["a", "b", "a"]:
        table.put(name)
    assert table.count == 2


def test_rehash_growth():
    table = JavaHashtable()
    capacities = []
    for i in range(300):
        table.put(f"k{i}")
        capacities.append(len(table.buckets))
    # 11 -> 23 at the 9th key, 47 at the 18th, 95 at the 36th, 191 at the 72nd, 383 at the 144th
    assert capacities[7] == 11 and capacities[8] == 23
    assert capacities[16] == 23 and capacities[17] == 47
    assert capacities[34] == 47 and capacities[35] == 95
    assert capacities[70] == 95 and capacities[71] == 191
    assert capacities[142] == 191 and capacities[143] == 383


def test_unknown_variable_is_rejected():
    with pytest.raises(ValueError):
        variable_print_order(["x"], ["y"])


names = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,8}", fullmatch=True)


@given(st.lists(names, min_size=1, max_size=30, unique=True),
       st.integers(min_value=0, max_value=40))
def test_order_after_last_rehash_is_bucket_then_declaration(variables, filler):
    """With 72..143 symbols in the table every variable lands at capacity 191: ascending
    bucket, ties in declaration order (tlc-interface.md 3.6)."""
    extended = [f"$filler{i}" for i in range(filler)]
    symbols = root_context_symbols(extended, variables)
    if len(symbols) > 143:
        return
    expected = sorted(variables, key=lambda v: ((java_string_hash(v) & 0x7FFFFFFF) % 191,
                                                variables.index(v)))
    assert variable_print_order(symbols, variables) == expected


@given(st.lists(names, min_size=1, max_size=60, unique=True))
def test_result_is_a_permutation(variables):
    symbols = root_context_symbols([f"$f{i}" for i in range(100)], variables)
    assert sorted(variable_print_order(symbols, variables)) == sorted(variables)
