"""The per-user cache of parsed standard modules: what it gives is exactly what parsing
gives (spans included), it is never read for another input, and it never gets in the way."""
from __future__ import annotations

import glob
import os
import pickle

import pytest

import tla.modules
from tla.parser import ast, loader, module_cache
from tla.parser.module_cache import entry_path, parse_standard_module
from tla.parser.parse import parse_module

STDLIB = os.path.dirname(os.path.realpath(tla.modules.__file__))
STANDARD_MODULES = sorted(glob.glob(os.path.join(STDLIB, "*.tla")))


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PYTLC_CACHE_DIR", str(folder))
    return folder


def spanned(node):
    """A node as nested tuples with every field, spans included (``==`` on nodes leaves
    spans out)."""
    if hasattr(node, "__match_args__"):           # AST nodes and spans
        return (type(node).__name__,) + tuple(spanned(getattr(node, name))
                                              for name in node.__slots__)
    if isinstance(node, (tuple, list)):
        return tuple(spanned(x) for x in node)
    return node


def read(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("path", STANDARD_MODULES, ids=os.path.basename)
def test_a_cached_module_is_what_parsing_gives(path, cache):
    text = read(path)
    fresh = parse_module(text, path)
    first = parse_standard_module(text, path)          # parses and stores
    assert os.path.exists(entry_path(text, path))
    second = parse_standard_module(text, path)         # read back from the file
    assert second is not first
    assert spanned(second) == spanned(fresh) == spanned(first)


def test_the_loader_reads_standard_modules_through_the_cache(cache, tmp_path):
    spec = tmp_path / "Spec.tla"
    spec.write_text("---- MODULE Spec ----\nEXTENDS Naturals, Sequences\nX == 1\n====\n")
    loader._CACHE.clear()
    tree = loader.load_tree(str(spec))
    assert sorted(os.listdir(cache)) == sorted(
        os.path.basename(entry_path(read(p), p))
        for p in (tree.paths["Naturals"], tree.paths["Sequences"]))
    assert not any(name.endswith(".ast") for name in os.listdir(tmp_path))


def test_entries_differ_for_other_text_path_or_parser(cache, monkeypatch):
    path = os.path.join(STDLIB, "Naturals.tla")
    text = read(path)
    entry = entry_path(text, path)
    assert entry_path(text + "\n", path) != entry
    assert entry_path(text, path + "x") != entry
    monkeypatch.setattr(module_cache, "_parser_digest", b"another parser")
    assert entry_path(text, path) != entry


def test_the_parser_digest_covers_every_parser_source():
    names = {os.path.basename(p) for p in glob.glob(os.path.join(
        os.path.dirname(module_cache.__file__), "*.py"))}
    assert {"ast.py", "grammar.py", "lexer.py", "parsetab.py", "junctions.py"} <= names


def test_an_empty_cache_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("PYTLC_CACHE_DIR", "")
    path = os.path.join(STDLIB, "FiniteSets.tla")
    assert entry_path(read(path), path) is None
    assert parse_standard_module(read(path), path) == parse_module(read(path), path)


def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("PYTLC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert module_cache.cache_dir() == str(tmp_path / "pytlc")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert module_cache.cache_dir() == os.path.join(os.path.expanduser("~"), ".cache", "pytlc")


def test_a_folder_that_cannot_be_written_only_costs_parsing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PYTLC_CACHE_DIR", str(blocker / "cache"))
    path = os.path.join(STDLIB, "TLC.tla")
    assert parse_standard_module(read(path), path) == parse_module(read(path), path)


def test_a_damaged_entry_is_parsed_again_and_replaced(cache):
    path = os.path.join(STDLIB, "Sequences.tla")
    text = read(path)
    entry = entry_path(text, path)
    os.makedirs(cache)
    with open(entry, "wb") as f:
        f.write(b"\x80\x05garbage")
    assert spanned(parse_standard_module(text, path)) == spanned(parse_module(text, path))
    with open(entry, "rb") as f:
        assert f.read() != b"\x80\x05garbage"


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted",))


def test_an_entry_that_would_run_code_is_refused(cache):
    path = os.path.join(STDLIB, "Integers.tla")
    text = read(path)
    entry = entry_path(text, path)
    os.makedirs(cache)
    with open(entry, "wb") as f:
        pickle.dump(_Planted(), f)
    assert module_cache._read(entry) is None
    assert parse_standard_module(text, path) == parse_module(text, path)


def test_parser_sources_that_cannot_be_read_turn_the_cache_off(cache, monkeypatch):
    def unreadable():
        raise OSError("zipped")
    monkeypatch.setattr(module_cache, "_parser_sources_digest", unreadable)
    path = os.path.join(STDLIB, "Naturals.tla")
    assert entry_path(read(path), path) is None
    assert parse_standard_module(read(path), path) == parse_module(read(path), path)
    assert not cache.exists()
