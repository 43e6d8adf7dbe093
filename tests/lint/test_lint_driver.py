"""Every failure becomes a finding: syntax errors, missing modules, unreadable or
non-UTF-8 files, malformed cfgs, even bugs in pytlc; and ``run_lint``'s exit status."""
from __future__ import annotations

import io

import pytest

import tla.lint.driver as driver
from tla.lint import lint_paths, run_lint


def _write(tmp_path, name: str, text: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def test_syntax_error_is_a_finding(tmp_path):
    path = _write(tmp_path, "Syn.tla", "---- MODULE Syn ----\nVARIABLE x\nNext == x' = \n====\n")
    [f] = lint_paths([path])
    assert (f.severity, f.rule, f.line) == ("error", "syntax", 4)


def test_missing_module_is_a_finding(tmp_path):
    path = _write(tmp_path, "Miss.tla", "---- MODULE Miss ----\nEXTENDS Naturals, NoSuchModule\n====\n")
    [f] = lint_paths([path])
    assert f.severity == "error"
    assert f.message == ("Cannot find source file for module NoSuchModule imported in "
                         "module Miss.")


def test_non_utf8_file(tmp_path):
    path = _write(tmp_path, "Bin.tla", b"---- MODULE Bin ----\nX == \"caf\xe9\"\n====\n")
    [f] = lint_paths([path])
    assert (f.severity, f.line, f.col) == ("error", 2, 10)
    assert f.message == "file is not valid UTF-8 (byte 0xe9)"


def test_missing_file_and_directory(tmp_path):
    missing = str(tmp_path / "Nope.tla")
    found = lint_paths([missing, str(tmp_path)])
    assert sorted(f.message for f in found) == ["file not found",
                                                 "is a directory, not a .tla file"]
    assert all(f.severity == "error" and f.line == 0 for f in found)


def test_bad_cfg_is_a_warning(tmp_path):
    path = _write(tmp_path, "M.tla", "---- MODULE M ----\nVARIABLE x\nInit == x = 0\n"
                                      "Next == x' = x\n====\n")
    _write(tmp_path, "M.cfg", "INIT Init\nNEXT\n")
    found = lint_paths([path])
    assert [(f.severity, f.rule) for f in found] == [("warning", "cfg")]
    assert found[0].message.startswith("TLC cannot read this model configuration:")


def test_internal_error_never_escapes(tmp_path, monkeypatch):
    path = _write(tmp_path, "Ok.tla", "---- MODULE Ok ----\n====\n")

    def broken(_path):
        raise RuntimeError("boom")

    monkeypatch.setattr(driver, "_load", broken)
    [f] = lint_paths([path])
    assert f.severity == "error"
    assert f.message == "internal error in pytlc while parsing: RuntimeError: boom"


@pytest.mark.parametrize("text, status", [
    ("---- MODULE E ----\nX == Y\n====\n", 1),
    ("---- MODULE E ----\nCONSTANT Unused\n====\n", 0),
    ("---- MODULE E ----\nX == 1\n====\n", 0),
])
def test_exit_status(tmp_path, text, status):
    path = _write(tmp_path, "E.tla", text)
    out = io.StringIO()
    assert run_lint([path], out) == status
    assert out.getvalue().splitlines()[-1].endswith("in 1 file")


def test_report_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "R.tla", "---- MODULE R ----\nVARIABLE x\nNext ==\n\tx' = y\n====\n")
    out = io.StringIO()
    assert run_lint(["R.tla"], out) == 1
    assert out.getvalue() == (
        "R.tla:4:14: error: Unknown operator: `y'.\n"
        "\tx' = y\n"
        "\t     ^\n"
        "1 error, 0 warnings in 1 file\n")


def test_file_name_must_match_module_name(tmp_path):
    path = _write(tmp_path, "Foo.tla", "---- MODULE Bar ----\n====\n")
    [f] = lint_paths([path])
    assert (f.severity, f.line, f.col) == ("error", 1, 1)
    assert f.message == ("File name 'Foo' does not match the name 'Bar' of the top level "
                         "module it contains.")


def test_module_entry_point_as_a_process(tmp_path):
    """``python -m tla.lint`` prints the report and exits with run_lint's status."""
    import subprocess
    import sys

    bad = _write(tmp_path, "Bad.tla", "---- MODULE Bad ----\nX == Y\n====\n")
    done = subprocess.run([sys.executable, "-m", "tla.lint", bad], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 1
    assert "Bad.tla:2:6: error: Unknown operator: `Y'." in done.stdout
    assert done.stderr == ""
