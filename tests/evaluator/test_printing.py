"""TLC's printing: toString of every kind (tlc-interface.md 3.1) and the pretty printer
(3.5), driven by fixtures/pretty.txt."""
from __future__ import annotations

import os

import pytest

from tla.evaluator import values as V
from tla.evaluator.values import (FSet, ModelValue, make_fcn, make_record, format_value,
                                  pretty, Interval, PowerSet, FcnSet, RecordSet, NAT,
                                  seed_intern)

HERE = os.path.dirname(__file__)


def _cases():
    with open(os.path.join(HERE, "fixtures", "pretty.txt"), encoding="utf-8") as fh:
        text = fh.read()
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    for i, chunk in enumerate(body.split("\n----\n")):
        lines = chunk.strip("\n").split("\n")
        yield pytest.param(lines[0], "\n".join(lines[1:]), id=f"case{i}")


@pytest.fixture
def fresh_intern():
    """TLC's intern table as a fresh model sees it (record fields print in intern order, so
    strings interned by earlier tests must not reorder them); restored afterwards."""
    saved = dict(V._INTERN)
    V.reset_intern()
    yield
    V._INTERN.clear()
    V._INTERN.update(saved)


@pytest.mark.parametrize("build,expected", list(_cases()))
def test_pretty(build, expected, fresh_intern):
    seed_intern(["procone", "proctwo", "procthree", "proc_one", "proc_two", "proc_three",
                 "name", "other", "third", "alpha", "beta"])
    env = dict(FSet=FSet, ModelValue=ModelValue, make_fcn=make_fcn, make_record=make_record)
    assert pretty(eval(build, env)) == expected


@pytest.mark.parametrize("value,text", [
    (Interval(1, 3), "1..3"),
    (Interval(3, 2), "{}"),
    (PowerSet(FSet([1, 2])), "{{}, {1}, {2}, {1, 2}}"),
    (PowerSet(Interval(1, 7)), "SUBSET (1..7)"),
    (FcnSet(FSet([1, 2]), FSet([3])), "{<<3, 3>>}"),
    (RecordSet([("uu7", FSet([1, 2])), ("ww7", FSet([3]))]),
     "{[uu7 |-> 1, ww7 |-> 3], [uu7 |-> 2, ww7 |-> 3]}"),
    (NAT, "Nat"),
    ((), "<<>>"),
    (FSet(), "{}"),
    ("tab\there", '"tab\\there"'),
    (-3, "-3"),
])
def test_format_value(value, text):
    seed_intern(["uu7", "ww7"])
    assert format_value(value) == text
