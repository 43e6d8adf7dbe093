"""Module lookup (spec directory, TLA_PATH, pytlc's standard modules) and load_tree (order,
nested modules, missing and circular modules, the parse cache)."""
from __future__ import annotations

import os

import pytest

from tla.errors import SemanticError
from tla.parser import find_module, load_tree


def write(path, name: str, body: str = "") -> str:
    path.mkdir(parents=True, exist_ok=True)
    f = path / f"{name}.tla"
    f.write_text(f"---- MODULE {name} ----\n{body}\n====\n")
    return str(f)


def test_find_module_order(tmp_path, monkeypatch):
    spec, lib1, lib2 = tmp_path / "spec", tmp_path / "lib1", tmp_path / "lib2"
    write(spec, "A")
    write(lib1, "A")
    write(lib2, "B")
    monkeypatch.setenv("TLA_PATH", os.pathsep.join([str(lib1), str(lib2)]))
    assert find_module("A", str(spec)) == str(spec / "A.tla")
    assert find_module("B", str(spec)) == str(lib2 / "B.tla")
    assert find_module("Nope", str(spec)) is None


def test_find_module_falls_back_to_standard_modules(tmp_path, monkeypatch):
    monkeypatch.delenv("TLA_PATH", raising=False)
    found = find_module("FiniteSets", str(tmp_path))
    assert found is not None and found.endswith(os.path.join("modules", "FiniteSets.tla"))


def test_load_tree_dependency_order(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    monkeypatch.setenv("TLA_PATH", str(lib))
    root = write(tmp_path, "Root", "EXTENDS B, C\nI == INSTANCE D WITH x <- 1\n"
                                   "Op == LET J == INSTANCE E IN J!y")
    write(tmp_path, "B", "EXTENDS C")
    write(tmp_path, "C")
    write(lib, "D", "CONSTANT x")
    write(tmp_path, "E", "y == 1")
    tree = load_tree(root)
    assert tree.root.name == "Root"
    assert tree.order == ["C", "B", "D", "E", "Root"]
    assert set(tree.modules) == {"Root", "B", "C", "D", "E"}
    assert tree.paths["D"] == str(lib / "D.tla")


def test_nested_modules_count_as_defined(tmp_path):
    root = write(tmp_path, "Outer", "---- MODULE Inner ----\ny == 1\n====\nI == INSTANCE Inner")
    tree = load_tree(root)
    assert tree.order == ["Inner", "Outer"]
    assert tree.paths["Inner"] == root


def test_missing_module(tmp_path, monkeypatch):
    monkeypatch.delenv("TLA_PATH", raising=False)
    root = write(tmp_path, "Root", "EXTENDS Naturals,\n        Missing")
    with pytest.raises(SemanticError) as info:
        load_tree(root)
    assert info.value.message == ("Cannot find source file for module Missing imported in "
                                  "module Root.")
    span = info.value.span
    assert (span.line, span.col, span.end_col, span.module) == (3, 9, 15, "Root")


def test_circular_extends(tmp_path):
    root = write(tmp_path, "P", "EXTENDS Q")
    write(tmp_path, "Q", "EXTENDS R")
    write(tmp_path, "R", "EXTENDS P")
    with pytest.raises(SemanticError) as info:
        load_tree(root)
    assert "P -> Q -> R -> P" in info.value.message


def test_parse_cache_follows_modification_time(tmp_path):
    root = write(tmp_path, "Cached", "x == 1")
    first = load_tree(root).root
    assert load_tree(root).root is first
    write(tmp_path, "Cached", "x == 2")
    os.utime(root, (os.path.getmtime(root) + 5, os.path.getmtime(root) + 5))
    assert load_tree(root).root != first
