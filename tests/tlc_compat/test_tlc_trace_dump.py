"""Writing every requested -dumpTrace file at once."""
from __future__ import annotations

import json

import pytest

from tla.tlc_compat.options import parse_options
from tla.tlc_compat.trace_dump import TraceDumpError, resolve_trace_file, write_dump_traces
from tla.tlc_compat.trace_model import Trace

TRACE = Trace(((("x", 0),), (("x", 1),)))


def test_all_formats_written_relative_to_the_spec(tmp_path):
    opts = parse_options(["-dumpTrace", "json", "t.json", "-dumpTrace", "tla", "t.tla",
                          "-dumpTrace", "tlcplain", "p.tla", "-dumpTrace", "itf", "t.itf",
                          "-dumpTrace", "tlcaction", "a.tla", "Spec"])
    lines = write_dump_traces(opts.dump_traces, TRACE, ["x"], str(tmp_path))
    assert lines == ['"CounterExample written: t.json"', '"CounterExample written: t.tla"',
                     '"CounterExample written: p.tla"', '"CounterExample written: t.itf"',
                     '"CounterExample written: a.tla"']
    assert json.loads((tmp_path / "t.json").read_text())["vars"] == ["x"]
    assert (tmp_path / "p.tla").read_text().endswith("Trace == \n\t<<[x |-> 0], [x |-> 1]>>\n\n====")
    assert json.loads((tmp_path / "t.itf").read_text())["states"][1]["x"] == 1
    assert (tmp_path / "a.tla").exists()
    assert (tmp_path / "t.tla").read_text().startswith("---- MODULE t ----\n")


def test_unsupported_format_and_unwritable_file(tmp_path):
    with pytest.raises(TraceDumpError):
        write_dump_traces([("tlc", "t.bin")], TRACE, ["x"], str(tmp_path))
    with pytest.raises(TraceDumpError):
        write_dump_traces([("json", "no/such/dir/t.json")], TRACE, ["x"], str(tmp_path))


def test_absolute_files_stay_where_they_are(tmp_path):
    assert resolve_trace_file(str(tmp_path / "a.json"), "/elsewhere") == str(tmp_path / "a.json")
    assert resolve_trace_file("a.json", "/specs") == "/specs/a.json"
