"""TLC's variable print order (Java Hashtable order), against the orders TLC printed for the
sample specs (fixtures/varorder_cases.txt) and properties of the emulation."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from tlc_compat_cases import FIXTURES
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


# ------------------------------------------------------------------ from parsed modules

from tla.parser.loader import load_tree  # noqa: E402
from tla.tlc_compat.varorder import print_order_for_tree, root_symbols_for_tree  # noqa: E402


def _tree(tmp_path, name, text, extra=None):
    for other, body in (extra or {}).items():
        (tmp_path / f"{other}.tla").write_text(body)
    path = tmp_path / f"{name}.tla"
    path.write_text(text)
    return load_tree(str(path))


@pytest.mark.parametrize("module,exported", [
    ("Naturals", 12), ("Integers", 14), ("Sequences", 8), ("FiniteSets", 2), ("TLC", 14),
    ("Bags", 27), ("Reals", 17),
])
def test_standard_module_exports(tmp_path, module, exported):
    """tlc-interface.md 3.6: what each EXTENDS adds to the root module's table."""
    tree = _tree(tmp_path, "M", f"---- MODULE M ----\nEXTENDS {module}\nVARIABLE x\n====\n")
    assert len(root_symbols_for_tree(tree)) == 72 + exported + 1


def test_var_order_sample_from_source(tmp_path):
    tree = _tree(tmp_path, "VarOrder", """---- MODULE VarOrder ----
EXTENDS Naturals
VARIABLES pc, counter, alpha, zeta, msgs, votes, b
Init == pc = 0 /\\ counter = 0 /\\ alpha = 0 /\\ zeta = 0 /\\ msgs = 0 /\\ votes = 0 /\\ b = 0
Next == UNCHANGED <<pc, counter, alpha, zeta, msgs, votes, b>>
Inv == pc < 0
====
""")
    assert len(root_symbols_for_tree(tree)) == 94
    assert print_order_for_tree(tree, ["pc", "counter", "alpha", "zeta", "msgs", "votes", "b"]) \
        == ["msgs", "counter", "zeta", "alpha", "b", "pc", "votes"]


def test_symbols_of_instances_locals_theorems_and_nested_modules(tmp_path):
    inner = """---- MODULE Inner ----
EXTENDS Naturals
CONSTANT K
VARIABLE y
A == 1
LOCAL B == 2
THEOREM T == TRUE
====
"""
    tree = _tree(tmp_path, "Root", """---- MODULE Root ----
EXTENDS Inner
VARIABLE x
I == INSTANCE Inner WITH K <- 1, y <- x
INSTANCE Inner WITH K <- 2, y <- x
LOCAL L == 3
RECURSIVE R(_)
R(n) == n
ASSUME Asm == TRUE
---- MODULE Nested ----
====
====
""", {"Inner": inner})
    symbols = root_symbols_for_tree(tree)[72:]
    # the parser may spell \leq and \geq by their synonyms; only the count matters
    naturals = symbols[:12]
    assert naturals[:7] == ["Nat", "+", "-", "*", "^", "<", ">"] and naturals[-1] == ".."
    assert symbols[12:16] == ["K", "y", "A", "T"]  # LOCAL B is not exported
    assert symbols[16:18] == ["x", "I"]
    assert symbols[18:30] == [f"I!{n}" for n in naturals]
    assert symbols[30:32] == ["I!A", "I!T"]
    # the unnamed INSTANCE adds only names already there; then L, R, Asm, the nested module
    assert symbols[32:] == naturals + ["A", "T", "L", "R", "R", "Asm", "\0module Nested"]
    assert print_order_for_tree(tree, ["x"]) == ["x"]
