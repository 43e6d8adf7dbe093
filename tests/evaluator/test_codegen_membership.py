"""Membership in a constant set, remembered by the tested value's identity
(``member_remembered`` and ``subseteq_remembered`` of ``tla.evaluator.codegen.runtime``):
the answers are the reference's whatever the order of the tests, an equal value that is
another object is tested afresh, a test that raises is not remembered, and generated code
uses the memo for records tested against a constant set of records."""
from __future__ import annotations

import pytest

from tla.errors import EvalError
from tla.evaluator.codegen import runtime
from tla.evaluator.model import run_with_big_stack
from tla.evaluator.values import FSet, Fcn, RecordSet, Interval, format_value
from tla.parser import parse_expression
from tla.evaluator.intern_order import seed_from_expr

from tests.evaluator.conftest import make_model

MESSAGES = RecordSet([("kind", FSet({"ask", "tell"})), ("n", Interval(1, 3))])


def record(kind, n):
    return Fcn({"kind": kind, "n": n})


def members_asked(monkeypatch, which) -> list:
    """The values ``runtime.member`` is asked about from now on, where ``which(x, S)``."""
    tested = []
    member = runtime.member

    def counting(x, S, memo=None):
        if which(x, S):
            tested.append(x)
        return member(x, S, memo)
    monkeypatch.setattr(runtime, "member", counting)
    return tested


def test_answers_are_members_and_repeat_from_memory(monkeypatch):
    calls = members_asked(monkeypatch, lambda x, S: S is MESSAGES)
    memo: dict = {}
    inside, outside = record("ask", 2), record("tell", 4)
    assert runtime.member_remembered(memo, inside, MESSAGES) is True
    assert runtime.member_remembered(memo, outside, MESSAGES) is False
    assert runtime.member_remembered(memo, inside, MESSAGES) is True
    assert runtime.member_remembered(memo, outside, MESSAGES) is False
    assert calls == [inside, outside]
    twin = record("ask", 2)                       # equal, but another object
    assert runtime.member_remembered(memo, twin, MESSAGES) is True
    assert calls == [inside, outside, twin]


def test_the_parts_of_a_value_are_remembered_with_the_part_of_the_set(monkeypatch):
    r"""network \in [1..2 -> Seq(Messages)]: a new outer tuple that keeps one channel
    tests the new channel only; a channel met against another set is tested afresh."""
    from tla.evaluator.values import FcnSet, SeqSet
    tested = members_asked(monkeypatch, lambda x, S: type(x) is tuple)
    channels = SeqSet(MESSAGES)
    network_type = FcnSet(Interval(1, 2), channels)
    kept, before = (record("ask", 1),), (record("tell", 2),)
    memo: dict = {}
    assert runtime.member_remembered(memo, (kept, before), network_type) is True
    tested.clear()
    after = before + (record("tell", 9),)         # n outside 1..3
    assert runtime.member_remembered(memo, (kept, after), network_type) is False
    assert tested == [(kept, after), after]
    tested.clear()
    assert runtime.member_remembered(memo, kept, FcnSet(Interval(1, 1), MESSAGES)) is True
    assert tested == [kept]


def test_a_full_memo_starts_afresh(monkeypatch):
    monkeypatch.setattr(runtime, "MEMBER_MEMO_LIMIT", 4)
    memo: dict = {}
    kept = [record("ask", n % 3 + 1) for n in range(10)]
    assert all(runtime.member_remembered(memo, r, MESSAGES) for r in kept)
    assert len(memo) <= 4


def test_a_test_that_raises_is_not_remembered():
    memo: dict = {}
    odd = Fcn({"kind": "ask", "n": FSet({1})})    # a set compared with integers
    for _ in range(2):
        try:
            got = runtime.member_remembered(memo, odd, Interval(1, 3))
        except EvalError:
            assert memo == {}
        else:
            assert got is False


@pytest.mark.parametrize("elements,expected", [
    ([], True),
    ([record("ask", 1), record("tell", 3)], True),
    ([record("ask", 1), record("tell", 9)], False),
    ([record("ask", 1), 7], EvalError),           # TLC: 7 cannot be compared with records
])
def test_subseteq_remembered_agrees_with_subseteq(elements, expected):
    memo: dict = {}
    a = FSet(elements)
    for _ in range(2):                            # the second time from memory
        if expected is EvalError:
            with pytest.raises(EvalError):
                runtime.subseteq_remembered(memo, a, MESSAGES)
            with pytest.raises(EvalError):
                runtime._subseteq(a, MESSAGES)
        else:
            assert runtime.subseteq_remembered(memo, a, MESSAGES) is expected
            assert runtime._subseteq(a, MESSAGES) is expected


def test_subseteq_remembered_leaves_other_sets_to_subseteq():
    memo: dict = {}
    assert runtime.subseteq_remembered(memo, FSet({1, 2}), Interval(1, 3)) is True
    assert runtime.subseteq_remembered(memo, Interval(1, 5), Interval(1, 3)) is False
    assert memo == {}


def test_the_sets_a_set_of_sets_keeps_are_remembered(monkeypatch):
    r"""board \in SUBSET SUBSET Pos: a new board that keeps its other pieces tests the
    moved piece only."""
    from tla.evaluator.values import PowerSet, ProductSet
    tested = members_asked(monkeypatch, lambda x, S: type(x) is FSet)
    pos = ProductSet([Interval(0, 1), Interval(0, 1)])
    boards = PowerSet(PowerSet(pos))
    kept, moved = FSet({(0, 0), (0, 1)}), FSet({(1, 0)})
    memo: dict = {}
    assert runtime.member_remembered(memo, FSet({kept, moved}), boards) is True
    tested.clear()
    outside = FSet({(1, 2)})
    board = FSet({kept, outside})
    assert runtime.member_remembered(memo, board, boards) is False
    assert tested == [board, outside]


def test_the_fields_of_a_record_and_the_sets_of_a_union_are_remembered(monkeypatch):
    r"""ringbuffer \in [slots : UNION {[0..1 -> Vals]}, readers : UNION {[0..1 -> SUBSET R]}]:
    a new record that keeps one field tests the changed field only, against the member
    sets of the UNION; the answers are those of ``values.member``."""
    from tla.evaluator import values as V
    from tla.evaluator.values import FcnSet, PowerSet, RecordSet, UnionSet
    tested = members_asked(monkeypatch, lambda x, S: type(x) is Fcn)
    vals, readers = FSet({1, 2}), FSet({"r1", "r2"})
    shape = RecordSet([("slots", UnionSet(FSet({FcnSet(Interval(0, 1), vals)}))),
                       ("readers", UnionSet(FSet({FcnSet(Interval(0, 1), PowerSet(readers)),
                                                  FcnSet(Interval(0, 0), readers)})))])
    slots = Fcn({0: 1, 1: 2})
    memo: dict = {}

    def buffer(held):
        return Fcn({"slots": slots, "readers": Fcn({0: FSet(held), 1: FSet()})})
    before = buffer({"r1"})
    assert runtime.member_remembered(memo, before, shape) is True is V.member(before, shape)
    tested.clear()
    for held, expected in [({"r1", "r2"}, True), ({"r3"}, False)]:
        after = buffer(held)
        assert runtime.member_remembered(memo, after, shape) is expected
        assert V.member(after, shape) is expected
    assert tested and all(x is not slots for x in tested)     # the kept field: memo


SPEC = r"""
VARIABLE msgs
Message == [kind : {"ask", "tell"}, n : 1..3]
"""


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Member", extends="EXTENDS Naturals")


@pytest.mark.parametrize("text", [
    r"\A m \in msgs : m \in Message",
    r"msgs \subseteq Message",
    r"{m \in msgs : m \notin Message}",
])
def test_generated_code_remembers_and_agrees_with_the_reference(model, text):
    node = parse_expression(text)
    seed_from_expr(node)
    fn = run_with_big_stack(model.codegen.predicate, node, model.root_ns, "test")
    assert fn is not None
    shared = record("ask", 1)
    states = [(FSet({shared}),), (FSet({shared, record("tell", 3)}),),
              (FSet({shared, record("tell", 5)}),), (FSet({shared, 2}),)]
    for state in states + states:
        try:
            reference = format_value(run_with_big_stack(model.evaluate, text, state))
        except EvalError:
            reference = EvalError
        if reference is EvalError:             # the generated code raises and hands over
            with pytest.raises(Exception):
                run_with_big_stack(fn, state)
        else:
            assert format_value(run_with_big_stack(fn, state)) == reference
    memos = [v for k, v in model.codegen.unit.ns.items() if k.startswith("MM_")]
    assert any(id(shared) in m for m in memos)
