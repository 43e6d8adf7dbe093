"""The committed PLY table module is current, the grammar's conflicts are the known ones, and
parsing never writes a file."""
from __future__ import annotations

import os

import ply.yacc as yacc

from tla.parser import grammar, parse_module, parsetab


class _Capture:
    def __init__(self):
        self.lines: list[str] = []

    def warning(self, msg, *args, **kwargs):
        self.lines.append("WARNING: " + (msg % args if args else msg))

    def error(self, msg, *args, **kwargs):
        self.lines.append("ERROR: " + (msg % args if args else msg))

    info = debug = critical = warning


def test_committed_tables_match_the_grammar():
    reflect = yacc.ParserReflect(vars(grammar))
    reflect.get_all()
    assert reflect.signature() == parsetab._lr_signature, (
        "parser/parsetab.py is stale: run python scripts/regen_parsetab.py")


def test_conflicts_are_only_the_known_shift_reduce_ones(tmp_path):
    # Shift wins in each: a dangling CASE arm belongs to the innermost CASE, and a proof
    # step's DEFINE takes every definition that follows it. (PLY reports conflicts only in
    # debug mode, which writes its report; it goes to a temporary directory.)
    log = _Capture()
    yacc.yacc(module=grammar, start=grammar.start, tabmodule="tla.parser._no_such_tables",
              write_tables=False, debug=True, debugfile=str(tmp_path / "parser.out"),
              errorlog=log)
    assert not any("reduce/reduce" in line for line in log.lines)
    assert not any(line.startswith("ERROR") for line in log.lines)
    assert "WARNING: 8 shift/reduce conflicts" in log.lines


def test_parsing_writes_no_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    package_dir = os.path.dirname(grammar.__file__)
    before = set(os.listdir(package_dir))
    parse_module("---- MODULE M ----\nx == 1\n====")
    assert os.listdir(tmp_path) == []
    assert set(os.listdir(package_dir)) - before == set()


def test_missing_tables_are_built_in_memory_without_writing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    package_dir = os.path.dirname(grammar.__file__)
    before = set(os.listdir(package_dir))
    parser = grammar.build_parser(tabmodule="tla.parser._missing_tables")
    assert parser.action == yacc.yacc(module=grammar, start=grammar.start, debug=False,
                                      write_tables=False,
                                      tabmodule="tla.parser.parsetab").action
    assert os.listdir(tmp_path) == []
    assert set(os.listdir(package_dir)) == before
