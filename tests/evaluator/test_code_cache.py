"""The per-user cache of compiled generated code: a second compile of the same unit is read
from disk, and anything else (another source or name, a damaged or foreign entry, a folder
others may write, no cache at all) compiles afresh with the same result."""
from __future__ import annotations

import io
import os
import re
from contextlib import redirect_stdout

import pytest

from tla.evaluator.codegen import code_cache

SOURCE = "def gen_f(x):\n    y = x * 2\n    return [y + i for i in range(3)]\n"
NAME = "<pytlc-generated test #1>"
SPECS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                     "checker", "specs")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A fresh cache folder for the test; gives the folder of code entries."""
    monkeypatch.setenv("PYTLC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "code"


@pytest.fixture
def compiles(monkeypatch):
    """Counts the calls of ``compile`` the cache makes."""
    calls = []

    def counting(source, filename, mode):
        calls.append(filename)
        return compile(source, filename, mode)
    monkeypatch.setattr(code_cache, "compile", counting, raising=False)
    return calls


def run(code):
    ns: dict = {}
    exec(code, ns)
    return ns["gen_f"](5)


def entries(folder) -> list:
    return sorted(p for p in folder.iterdir() if p.suffix == ".code")


def test_the_second_compile_of_a_unit_is_read_from_the_cache(folder, compiles):
    first = code_cache.compiled(SOURCE, NAME)
    second = code_cache.compiled(SOURCE, NAME)
    assert compiles == [NAME]
    assert len(entries(folder)) == 1
    assert run(first) == run(second) == [10, 11, 12]
    assert second.co_filename == NAME


def test_another_source_or_name_is_another_entry(folder, compiles):
    code_cache.compiled(SOURCE, NAME)
    other = code_cache.compiled(SOURCE.replace("* 2", "* 3"), NAME)
    renamed = code_cache.compiled(SOURCE, "<pytlc-generated test #2>")
    assert len(compiles) == 3 and len(entries(folder)) == 3
    assert run(other) == [15, 16, 17]
    assert renamed.co_filename == "<pytlc-generated test #2>"


@pytest.mark.parametrize("damage", ["payload", "swapped", "header", "truncated", "empty"])
def test_a_damaged_entry_is_compiled_again_and_replaced(folder, compiles, damage):
    code_cache.compiled(SOURCE, NAME)
    entry, = entries(folder)
    data = bytearray(entry.read_bytes())
    if damage == "payload":
        data[-5] ^= 0xFF
    elif damage == "swapped":               # another unit's code under this one's header
        import marshal
        other = marshal.dumps(compile(SOURCE.replace("* 2", "* 9"), NAME, "exec"))
        data = data[:len(data) - len(marshal.dumps(compile(SOURCE, NAME, "exec")))] + other
    elif damage == "header":
        data[0] ^= 0xFF
    elif damage == "truncated":
        del data[len(data) // 2:]
    else:
        data = bytearray()
    entry.write_bytes(bytes(data))
    assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
    assert len(compiles) == 2
    code_cache.compiled(SOURCE, NAME)
    assert len(compiles) == 2                   # the entry was written again


def test_a_folder_others_may_write_is_neither_read_nor_written(folder, compiles):
    code_cache.compiled(SOURCE, NAME)
    os.chmod(folder, 0o777)
    code_cache._folders.clear()                 # a new process looks at the folder again
    try:
        assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
        code_cache.compiled(SOURCE.replace("* 2", "* 4"), NAME)
        assert len(compiles) == 3
        assert len(entries(folder)) == 1
    finally:
        os.chmod(folder, 0o700)


def test_no_cache_folder_means_compiling(monkeypatch, compiles):
    monkeypatch.setenv("PYTLC_CACHE_DIR", "")
    assert code_cache.code_folder() is None
    assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
    assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
    assert len(compiles) == 2


def test_a_folder_that_cannot_be_made_means_compiling(tmp_path, monkeypatch, compiles):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PYTLC_CACHE_DIR", str(blocker / "cache"))
    assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
    assert run(code_cache.compiled(SOURCE, NAME)) == [10, 11, 12]
    assert len(compiles) == 2


def test_past_the_limit_the_oldest_entries_are_removed(folder, compiles, monkeypatch):
    monkeypatch.setattr(code_cache, "MAX_ENTRIES", 4)
    monkeypatch.setattr(code_cache, "KEEP_AFTER_PRUNING", 2)
    names = [f"<pytlc-generated test #{i}>" for i in range(7)]
    for i, name in enumerate(names[:6]):
        before = set(entries(folder)) if folder.exists() else set()
        code_cache.compiled(SOURCE, name)
        new, = set(entries(folder)) - before
        os.utime(new, (1000 * (i + 1), 1000 * (i + 1)))     # written in this order
    assert len(entries(folder)) == 6          # a process prunes after its first write only
    code_cache._folders.clear()               # the next process...
    code_cache.compiled(SOURCE, names[6])     # ...writes, finds 7 entries, keeps 2
    assert len(entries(folder)) == 2
    del compiles[:]
    code_cache.compiled(SOURCE, names[5])
    code_cache.compiled(SOURCE, names[6])
    assert compiles == []
    code_cache.compiled(SOURCE, names[0])
    assert compiles == [names[0]]


def test_a_second_run_of_a_spec_compiles_nothing_and_prints_the_same(folder, compiles):
    from tla.tlc_compat.cli import main

    def check() -> str:
        out = io.StringIO()
        with redirect_stdout(out):
            status = main([os.path.join(SPECS, "SymmMsgs.tla"),
                           "-config", os.path.join(SPECS, "SymmMsgsSym.cfg")])
        assert status == 0
        return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|\d+ms|seed -?\d+|fp \d+|pid: \d+",
                      "", out.getvalue())
    first = check()
    made = len(compiles)
    assert made > 0
    code_cache._folders.clear()
    assert check() == first
    assert len(compiles) == made
