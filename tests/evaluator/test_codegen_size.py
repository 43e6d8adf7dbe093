"""The generator's cost estimated before it runs (``tla.evaluator.codegen.size``), and the
predicates' warm-up it chooses (``Model.predicate_warmup``)."""
from __future__ import annotations

from tla.evaluator.codegen.size import expanded_size
from tla.evaluator.loading import load_text
from tla.evaluator.model import WARMUP_CALLS, WARMUP_CALLS_SMALL, SMALL_PREDICATE, build_model
from tla.parser import ast as A

from .conftest import make_model

SPEC = r"""
VARIABLE x
Small == x > 0
Twice == Small /\ Small
Let == LET a == x + 1 + 2 + 3 IN a = a
Rec[n \in 0..3] == IF n = 0 THEN 0 ELSE Rec[n - 1]
RECURSIVE R(_)
R(n) == IF n = 0 THEN 0 ELSE R(n - 1)
UsesR == R(3) = 0
S == INSTANCE Sequences
Qualified == S!Len(<<x>>) = 1
Big == \A i \in 1..3 : """ + " /\\ ".join(f"x # {i} + i" for i in range(60)) + "\n"


def _size(m, name: str, cap: int = 2000) -> int:
    return expanded_size(A.OpApp(name), m.root_ns, cap)


def test_definitions_are_counted_where_they_are_expanded():
    m = make_model(SPEC, "Sizes")
    small = _size(m, "Small")
    assert 1 < small < 10
    assert _size(m, "Twice") >= 2 * small           # expanded at each call
    # a LET definition at each of its two uses
    assert _size(m, "Let") > 2 * expanded_size(A.OpApp("x"), m.root_ns)


def test_recursion_ends_and_instances_count_as_the_cap():
    m = make_model(SPEC, "Sizes")
    assert _size(m, "UsesR", 500) <= 500           # a recursive operator: no endless walk
    assert _size(m, "Rec", 500) <= 500
    assert _size(m, "Qualified", 500) == 500        # S!Len: a refinement's expansion
    assert _size(m, "Big", 100) == 100              # capped


def test_substituted_constants_count_their_expressions():
    text = ("---- MODULE T ----\nEXTENDS Naturals\nVARIABLE y\n"
            "---- MODULE M ----\nCONSTANT c\nVARIABLE x\nBig == x = c\n====\n"
            "INSTANCE M WITH c <- 1 + 2 + 3 + 4 + 5 + 6, x <- y\nInv == Big\n====\n")
    m = build_model(load_text(text, "T.tla"))
    plain = make_model("VARIABLE y\nInv == y = 1", "P")
    assert _size(m, "Inv") > _size(plain, "Inv") + 5


def test_small_predicates_are_generated_after_fewer_calls():
    m = make_model(SPEC, "Sizes")
    assert _size(m, "Small") <= SMALL_PREDICATE < _size(m, "Big")
    assert m.predicate_warmup("Small") == WARMUP_CALLS_SMALL < WARMUP_CALLS
    assert m.predicate_warmup("Big") == WARMUP_CALLS
    m.warmup = 0                                    # verify mode: generated from the start
    assert m.predicate_warmup("Small") == 0


def test_a_memo_kept_between_calls_gives_the_sizes_of_fresh_calls():
    from itertools import permutations
    m = make_model(SPEC, "Sizes")
    names = ["Small", "Twice", "Let", "Rec", "UsesR", "Qualified", "Big"]
    for cap in (20, 2000):
        fresh = {n: _size(m, n, cap) for n in names}
        for order in list(permutations(names))[::97]:
            memo: dict = {}
            assert {n: expanded_size(A.OpApp(n), m.root_ns, cap, memo)
                    for n in order} == fresh
            assert memo                             # the definitions met were kept
