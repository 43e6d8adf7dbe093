"""Specific hostile inputs: deep nesting, long junction lists, huge numbers, huge sets,
unterminated comments and strings, empty and binary files, module/file name mismatch,
circular EXTENDS/INSTANCE; through the library and through the ``pytlc`` command (TLC's exit
code 150 for parse errors, no Python traceback).
"""
from __future__ import annotations

import pytest

import tla
from tla.errors import EvalError, SemanticError, SourceError, TLAError
from tla.parser import parse_expression, parse_module
from tla.parser.loader import load_tree
from tla.tlc_compat.cli import main as pytlc_main

from .mutations import outcome


@pytest.fixture(autouse=True)
def evaluator_recursion_limit():
    """Deep expressions need a recursion limit above Python's default. pytlc runs evaluate
    on a big-stack thread that raises it (evaluator/model.py, run_with_big_stack); tla.evaluate
    (tla/api.py) does not yet and evaluates on the calling thread (reported), so these tests
    give the calling thread the limit the evaluator expects."""
    import sys
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 200000))
    yield
    sys.setrecursionlimit(old)


def module(body: str, name: str = "M") -> str:
    return f"---- MODULE {name} ----\n{body}\n====\n"


def ends_cleanly(call, located=(TLAError,)):
    kind, failure = outcome(call, 20.0, located)
    assert kind != "failure", failure
    return kind


# ------------------------------------------------------------------ nesting and length
@pytest.mark.parametrize("text", [
    "(" * 10000 + "1" + ")" * 10000,
    "{" * 3000 + "1" + "}" * 3000,
    "<<" * 3000 + "1" + ">>" * 3000,
    "-(" * 3000 + "1" + ")" * 3000,
    "~" * 10000 + "TRUE",
    "LET a == 1 IN " * 3000 + "a",
    "IF TRUE THEN " * 3000 + "1" + " ELSE 2" * 3000,
    "+".join(["1"] * 5000),
    "/\\ " + "\n/\\ ".join(["TRUE"] * 20000),
])
def test_deep_and_long_expressions_evaluate(text):
    assert ends_cleanly(lambda: tla.evaluate(text)) == "value"


def test_unbalanced_deep_nesting_is_a_parse_error():
    with pytest.raises(SourceError) as info:
        parse_expression("(" * 10000 + "1")
    assert info.value.span is not None


@pytest.mark.parametrize("body", [
    "A == \n" + "\n".join("  /\\ TRUE" for _ in range(20000)),
    "A == " + "".join(" " * i + "\\/ " for i in range(2000)) + "TRUE",
    "A == " + "(" * 10000 + "1" + ")" * 10000,
])
def test_deep_and_long_modules_parse(body):
    assert ends_cleanly(lambda: parse_module(module(body))) == "value"


# ------------------------------------------------------------------ numbers and sets
@pytest.mark.parametrize("text", [
    "2 ^ 100000", "2 ^ (2 ^ 40)", "2147483647 + 1", "\\h" + "f" * 40, "\\b" + "1" * 4000,
    "Cardinality(SUBSET (1..40))",
])
def test_huge_numbers_overflow_as_tlc(text):
    with pytest.raises(EvalError) as info:
        tla.evaluate(text)
    assert "Overflow" in info.value.message and info.value.span is not None


@pytest.mark.parametrize("text,value", [
    ("{1} \\in SUBSET (1..100)", True),
    ("[i \\in 1..50 |-> 0] \\in [1..50 -> 0..50]", True),
    ("Cardinality(SUBSET (1..20))", 2 ** 20),
])
def test_huge_sets_are_not_enumerated_when_not_needed(text, value):
    assert tla.evaluate(text) == value


# ------------------------------------------------------------------ lexical trouble
@pytest.mark.parametrize("text", [
    module("(* never closed"),
    module("(* (* nested *) never closed"),
    module('A == "never closed'),
    module('A == "line\nbreak"'),
    "",
    "\x00\x01\x02\xff\xfe",
    "---- MODULE",
    module("A == 1", name=""),
])
def test_lexically_broken_modules_are_source_errors(text):
    with pytest.raises(SourceError) as info:
        parse_module(text, "M.tla")
    assert info.value.span is not None


# ------------------------------------------------------------------ files
def write(path, text: str | bytes):
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return str(path)


def test_binary_non_utf8_and_empty_files(tmp_path):
    for name, data in [("Bin.tla", bytes(range(256)) * 4), ("Empty.tla", b""),
                       ("Latin.tla", b"---- MODULE Latin ----\nA == \"caf\xe9\"\n====\n")]:
        ends_cleanly(lambda: load_tree(write(tmp_path / name, data)))


def test_circular_extends_and_instance(tmp_path):
    write(tmp_path / "A.tla", module("EXTENDS B", "A"))
    write(tmp_path / "B.tla", module("EXTENDS A", "B"))
    write(tmp_path / "C.tla", module("I == INSTANCE D", "C"))
    write(tmp_path / "D.tla", module("J == INSTANCE C", "D"))
    for root in ("A", "C"):
        with pytest.raises(SemanticError) as info:
            load_tree(str(tmp_path / f"{root}.tla"))
        assert "Circular" in info.value.message and info.value.span is not None


def test_module_named_unlike_its_file_does_not_crash(tmp_path):
    ends_cleanly(lambda: load_tree(write(tmp_path / "Named.tla", module("A == 1", "Other"))))


# ------------------------------------------------------------------ the pytlc command
@pytest.mark.parametrize("files,spec", [
    ({"Empty.tla": b""}, "Empty.tla"),
    ({"Bin.tla": bytes(range(256)) * 8}, "Bin.tla"),
    ({"Unterm.tla": module("(* never closed").encode()}, "Unterm.tla"),
    ({"Str.tla": module('A == "never closed').encode()}, "Str.tla"),
    ({"Deep.tla": module("A == " + "(" * 5000).encode()}, "Deep.tla"),
    ({"CycA.tla": module("EXTENDS CycB", "CycA").encode(),
      "CycB.tla": module("EXTENDS CycA", "CycB").encode()}, "CycA.tla"),
])
def test_pytlc_parse_errors_exit_150_without_traceback(tmp_path, capsys, files, spec):
    for name, data in files.items():
        write(tmp_path / name, data)
    write(tmp_path / spec.replace(".tla", ".cfg"), "INIT Init\nNEXT Next\n")
    status = pytlc_main([str(tmp_path / spec)])
    out, err = capsys.readouterr()
    assert status == 150, out
    assert "Traceback" not in out + err and "internal error" not in out


def test_pytlc_missing_and_garbage_cfg(tmp_path, capsys):
    spec = write(tmp_path / "S.tla", module("VARIABLE x\nInit == x = 0\nNext == x' = x", "S"))
    status = pytlc_main([spec])                         # no S.cfg at all
    out, err = capsys.readouterr()
    assert status == 255 and "Traceback" not in out + err
    write(tmp_path / "S.cfg", bytes(range(256)))
    status = pytlc_main([spec])
    out, err = capsys.readouterr()
    assert status in (150, 151, 255) and "Traceback" not in out + err
    assert "internal error" not in out
