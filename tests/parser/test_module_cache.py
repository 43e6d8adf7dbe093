"""The per-user cache of parsed modules: what it gives is exactly what parsing gives (spans
included), it is never read for another text, path or parser, it stays bounded, and it
never gets in the way."""
from __future__ import annotations

import glob
import os
import pickle
import subprocess
import sys

import pytest

import tla.modules
from tla.errors import ParseError
from tla.parser import ast, loader, module_cache
from tla.parser.lexer import token_images
from tla.parser.module_cache import entry_path, parse_cached, token_images_cached
from tla.parser.parse import parse_module

STDLIB = os.path.dirname(os.path.realpath(tla.modules.__file__))
STANDARD_MODULES = sorted(glob.glob(os.path.join(STDLIB, "*.tla")))
EXAMPLES = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "..", "examples",
                                         "*.tla")))


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


@pytest.mark.parametrize("path", STANDARD_MODULES + EXAMPLES, ids=os.path.basename)
def test_a_cached_module_is_what_parsing_gives(path, cache):
    text = read(path)
    fresh = parse_module(text, path)
    first = parse_cached(text, path)                   # parses and stores
    assert os.path.exists(entry_path(path))
    second = parse_cached(text, path)                  # read back from the file
    assert second is not first
    assert spanned(second) == spanned(fresh) == spanned(first)
    module_cache._IMAGES.clear()
    assert token_images_cached(text, path) == token_images(text)   # read back too


def test_token_images_of_a_changed_text_are_the_new_ones(cache, tmp_path):
    path = str(tmp_path / "Spec.tla")
    before = '---- MODULE Spec ----\nX == "a"\n====\n'
    after = '---- MODULE Spec ----\nX == "b"\n====\n'
    parse_cached(before, path)
    assert ("string", "a") in token_images_cached(before, path)
    assert token_images_cached(after, path) == token_images(after)


def test_a_run_from_the_cache_needs_neither_the_lexer_nor_ply(cache, tmp_path):
    spec = tmp_path / "Spec.tla"
    spec.write_text("---- MODULE Spec ----\nEXTENDS Naturals, TLC\nX == 1\n====\n")
    probe = ("import sys; from tla.parser import load_tree; "
             "from tla.evaluator.intern_order import seed_from_tree; "
             f"seed_from_tree(load_tree({str(spec)!r})); "
             "print(sorted(m for m in sys.modules if m.startswith('ply') "
             "or m in ('tla.parser.lexer', 'tla.parser.parse', 'tla.parser.grammar')))")
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True)
    assert "ply" in first.stdout                       # parsed, and stored
    second = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    assert second.stdout.strip() == "[]"


def test_the_loader_reads_every_module_through_the_cache(cache, tmp_path):
    spec = tmp_path / "Spec.tla"
    spec.write_text("---- MODULE Spec ----\nEXTENDS Naturals, Sequences\nX == 1\n====\n")
    loader._CACHE.clear()
    tree = loader.load_tree(str(spec))
    assert sorted(os.listdir(cache)) == sorted(
        os.path.basename(entry_path(tree.paths[name]))
        for name in ("Spec", "Naturals", "Sequences"))
    assert not any(name.endswith(".ast") for name in os.listdir(tmp_path))


def test_a_changed_file_is_parsed_again_and_its_entry_replaced(cache, tmp_path):
    path = str(tmp_path / "Spec.tla")
    before = "---- MODULE Spec ----\nX == 1\n====\n"
    after = "---- MODULE Spec ----\nX == 1\nY == 2\n====\n"
    assert [u.name for u in parse_cached(before, path).units] == ["X"]
    assert [u.name for u in parse_cached(after, path).units] == ["X", "Y"]
    assert [u.name for u in parse_cached(after, path).units] == ["X", "Y"]
    assert os.listdir(cache) == [os.path.basename(entry_path(path))]
    assert spanned(parse_cached(before, path)) == spanned(parse_module(before, path))


def test_a_module_that_does_not_parse_leaves_no_entry(cache, tmp_path):
    path = str(tmp_path / "Bad.tla")
    for _ in range(2):
        with pytest.raises(ParseError):
            parse_cached("---- MODULE Bad ----\nX == \n====\n", path)
        assert not os.path.exists(entry_path(path))


def test_entries_differ_for_other_paths_or_parsers(cache, monkeypatch):
    path = os.path.join(STDLIB, "Naturals.tla")
    entry = entry_path(path)
    assert entry_path(path + "x") != entry
    monkeypatch.setattr(module_cache, "_parser_digest", b"another parser")
    assert entry_path(path) != entry


def test_the_cache_keeps_the_entries_written_last(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(module_cache, "MAX_ENTRIES", 4)
    monkeypatch.setattr(module_cache, "KEEP_AFTER_PRUNING", 2)
    paths = [str(tmp_path / f"M{i}.tla") for i in range(6)]
    for i, path in enumerate(paths):
        parse_cached(f"---- MODULE M{i} ----\nX == {i}\n====\n", path)
        entry = entry_path(path)
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))    # written in this order
    left = sorted(os.listdir(cache))
    assert len(left) <= 4
    assert os.path.basename(entry_path(paths[-1])) in left
    assert os.path.basename(entry_path(paths[0])) not in left


def test_the_parser_digest_covers_every_parser_source():
    names = {os.path.basename(p) for p in glob.glob(os.path.join(
        os.path.dirname(module_cache.__file__), "*.py"))}
    assert {"ast.py", "grammar.py", "lexer.py", "parsetab.py", "junctions.py"} <= names


def test_an_empty_cache_setting_turns_the_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("PYTLC_CACHE_DIR", "")
    path = os.path.join(STDLIB, "FiniteSets.tla")
    assert entry_path(path) is None
    assert parse_cached(read(path), path) == parse_module(read(path), path)


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
    assert parse_cached(read(path), path) == parse_module(read(path), path)


def test_a_damaged_entry_is_parsed_again_and_replaced(cache):
    path = os.path.join(STDLIB, "Sequences.tla")
    text = read(path)
    entry = entry_path(path)
    os.makedirs(cache)
    with open(entry, "wb") as f:
        f.write(module_cache._text_header(text) + b"\x80\x05garbage")
    assert spanned(parse_cached(text, path)) == spanned(parse_module(text, path))
    with open(entry, "rb") as f:
        assert not f.read().endswith(b"\x80\x05garbage")


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted",))


def test_an_entry_that_would_run_code_is_refused(cache):
    path = os.path.join(STDLIB, "Integers.tla")
    text = read(path)
    entry = entry_path(path)
    os.makedirs(cache)
    header = module_cache._text_header(text)
    with open(entry, "wb") as f:
        f.write(header)
        pickle.dump(_Planted(), f)
    assert module_cache._read(entry, header) is None
    assert parse_cached(text, path) == parse_module(text, path)


def test_parser_sources_that_cannot_be_read_turn_the_cache_off(cache, monkeypatch):
    def unreadable():
        raise OSError("zipped")
    monkeypatch.setattr(module_cache, "_parser_sources_digest", unreadable)
    path = os.path.join(STDLIB, "Naturals.tla")
    assert entry_path(path) is None
    assert parse_cached(read(path), path) == parse_module(read(path), path)
    assert not cache.exists()
