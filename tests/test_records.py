"""``tla.records.record`` behaves as ``dataclass(frozen=True, slots=True)`` does, and
``mutable_record`` as a plain ``dataclass``, for the records pytlc declares: each property
is checked on a record and on the equivalent dataclass, and on every AST node class. Defining
records imports neither ``dataclasses`` nor the ``inspect`` it imports (start-up time)."""
from __future__ import annotations

import copy
import dataclasses
import pickle
import subprocess
import sys

import pytest

from tla.parser import ast, parse_module
from tla.records import field, mutable_record, record, replace


class Base:
    __slots__ = ()


@record
class Point(Base):
    """A record with a required field, defaults and a field left out of comparisons."""
    x: int
    y: int = 0
    tags: tuple = ()
    note: str = field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class DataPoint(Base):
    x: int
    y: int = 0
    tags: tuple = ()
    note: str = dataclasses.field(default="", compare=False, repr=False)


@pytest.mark.parametrize("cls", [Point, DataPoint], ids=["record", "dataclass"])
def test_construction_equality_hash_and_repr(cls):
    p = cls(1, tags=("a",), note="left out")
    assert (p.x, p.y, p.tags, p.note) == (1, 0, ("a",), "left out")
    assert p == cls(1, 0, ("a",), "other note")
    assert hash(p) == hash(cls(1, 0, ("a",)))
    assert p != cls(2, 0, ("a",)) and p != (1, 0, ("a",))
    assert repr(p) == f"{cls.__qualname__}(x=1, y=0, tags=('a',))"
    assert isinstance(p, Base) and not hasattr(p, "__dict__")
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(1, 2, (), "", "too many")


@pytest.mark.parametrize("cls", [Point, DataPoint], ids=["record", "dataclass"])
def test_records_are_immutable(cls):
    p = cls(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y
    with pytest.raises((AttributeError, TypeError)):
        p.other = 3


@pytest.mark.parametrize("cls", [Point, DataPoint], ids=["record", "dataclass"])
def test_pickle_copy_and_dataclass_functions(cls):
    p = cls(1, 2, ("t",), "n")
    for q in (pickle.loads(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)),
              copy.copy(p), copy.deepcopy(p)):
        assert (q.x, q.y, q.tags, q.note) == (1, 2, ("t",), "n")
    assert dataclasses.is_dataclass(p)
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "tags", "note"]
    assert dataclasses.replace(p, y=5) == cls(1, 5, ("t",))
    assert cls.__match_args__ == ("x", "y", "tags", "note")
    match p:
        case cls(1, y):
            assert y == 2


def test_the_init_is_compiled_on_first_use():
    @record
    class Late:
        a: int
        b: str = "b"
    lazy = Late.__init__
    assert Late(1).b == "b"
    assert Late.__init__ is not lazy
    assert Late(2, "c") == Late(a=2, b="c")
    assert Late.__init__.__qualname__.endswith("Late.__init__")


AST_CLASSES = [c for c in vars(ast).values()
               if isinstance(c, type) and c.__module__ == ast.__name__ and
               hasattr(c, "__dataclass_fields__")]


@pytest.mark.parametrize("cls", AST_CLASSES, ids=lambda c: c.__name__)
def test_ast_nodes_are_records_without_spans_in_comparisons(cls):
    names = [f.name for f in dataclasses.fields(cls)]
    assert list(cls.__slots__) == names == list(cls.__match_args__)
    assert ("span" not in names) or not cls.__dataclass_fields__["span"].compare


def test_a_parsed_module_survives_pickling():
    text = ("---- MODULE M ----\nEXTENDS Naturals\nVARIABLE x\n"
            "Init == x \\in {1, 2}\nNext == \\E d \\in 1..2 : x' = x + d\n====\n")
    m = parse_module(text, "M.tla")
    back = pickle.loads(pickle.dumps(m, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == m and hash(back) == hash(m) and repr(back) == repr(m)


@mutable_record
class Tally:
    """A mutable record: a required field, a made default and a plain one."""
    name: str
    seen: list = field(default_factory=list)
    count: int = 0


@dataclasses.dataclass
class DataTally:
    name: str
    seen: list = dataclasses.field(default_factory=list)
    count: int = 0


@pytest.mark.parametrize("cls", [Tally, DataTally], ids=["record", "dataclass"])
def test_mutable_records(cls):
    a, b = cls("a"), cls("a")
    assert a == b and a.seen is not b.seen          # one list per instance
    a.seen.append(1)
    a.count += 1
    a.extra = "set"                                 # instances have a __dict__
    assert (a.seen, a.count, a.extra) == ([1], 1, "set") and a != b
    assert repr(b) == f"{cls.__qualname__}(name='a', seen=[], count=0)"
    assert cls.__hash__ is None
    q = pickle.loads(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL))
    assert q == a and q.extra == "set"
    assert dataclasses.replace(a, count=5).count == 5
    assert [f.name for f in dataclasses.fields(a)] == ["name", "seen", "count"]


def test_replace_of_records():
    p = Point(1, 2, ("t",), "n")
    assert replace(p, y=5) == Point(1, 5, ("t",)) and replace(p, y=5).note == "n"
    assert replace(Tally("a", [1], 2), count=3) == Tally("a", [1], 3)
    with pytest.raises(TypeError):
        replace(p, z=1)


def test_records_do_not_import_dataclasses():
    code = ("import sys\nfrom tla.records import field, mutable_record, record\n"
            "@record\nclass A:\n    x: int\n    y: tuple = field(default=())\n"
            "@mutable_record\nclass B:\n    z: list = field(default_factory=list)\n"
            "assert A(1) == A(1) and B().z == []\n"
            "print('dataclasses' in sys.modules, 'inspect' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]
