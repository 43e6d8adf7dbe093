"""The file and process operators of Json, CSV, IOUtils and SVG, evaluated through the
evaluator with a temporary directory as both the spec's and the working directory (files
are read from the spec's directory, else the working directory, and written relative to
the working directory)."""
from __future__ import annotations

import json
import os
import sys

import pytest

from tla.errors import EvalError
from tla.evaluator.loading import load_text
from tla.evaluator.model import build_model
from tla.evaluator.values import format_value

EXTENDS = "EXTENDS Integers, Sequences, TLC, Json, CSV, IOUtils, SVG"


@pytest.fixture
def model(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = f"---- MODULE FileSpec ----\n{EXTENDS}\n====\n"
    m = build_model(load_text(text, str(tmp_path / "FileSpec.tla"), str(tmp_path)))
    m.ctx.spec_dir = str(tmp_path)
    m.ctx.out = lambda line: None
    return m


def ev(model, expr: str) -> str:
    return format_value(model.evaluate(expr))


def test_json_serialize_writes_an_array_one_document_per_line(model, tmp_path):
    assert ev(model, 'JsonSerialize("out/a.json", <<[a |-> 1], <<2, "x">>>>)') == "TRUE"
    assert (tmp_path / "out" / "a.json").read_text() == '[\n{"a":1},\n[2,"x"]\n]\n'
    assert ev(model, 'JsonDeserialize("out/a.json")') == '<<[a |-> 1], <<2, "x">>>>'


def test_nd_json_round_trip(model, tmp_path):
    assert ev(model, 'ndJsonSerialize("b.ndjson", <<[k |-> {1, 2}], TRUE>>)') == "TRUE"
    assert (tmp_path / "b.ndjson").read_text() == '{"k":[1,2]}\ntrue\n'
    assert ev(model, 'ndJsonDeserialize("b.ndjson")') == "<<[k |-> <<1, 2>>], TRUE>>"


def test_json_reads_numbers_as_integers_and_objects_as_records(model, tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"n": 3, "l": [1.0, "s"], "o": {}}))
    assert ev(model, 'JsonDeserialize("c.json")') == '[n |-> 3, l |-> <<1, "s">>, o |-> <<>>]'


def test_json_missing_file_is_an_evaluation_error(model):
    with pytest.raises(EvalError) as info:
        model.evaluate('JsonDeserialize("nope.json")')
    assert "JsonDeserialize could not access the file" in info.value.message


def test_csv_write_count_and_read(model, tmp_path):
    assert ev(model, 'CSVRecords("t.csv")') == "0"
    assert ev(model, 'CSVWrite("%1$s#%2$s#%3$s", <<"abc", 42, {"x"}>>, "t.csv")') == "TRUE"
    assert ev(model, 'CSVWrite("%s#%s#%s", <<"d", 1, 2>>, "t.csv")') == "TRUE"
    assert (tmp_path / "t.csv").read_text() == 'abc#42#{"x"}\nd#1#2\n'
    assert ev(model, 'CSVRecords("t.csv")') == "2"
    assert ev(model, 'CSVRead(<<"a", "b", "c">>, "#", "t.csv")[2]') == '[a |-> "d", b |-> "1", c |-> "2"]'


def test_csv_write_record_with_headers(model, tmp_path):
    assert ev(model, 'CSVWriteRecord([x |-> 1, y |-> "v"], ",", TRUE, "r.csv")') == "TRUE"
    assert (tmp_path / "r.csv").read_text() == "x,y\n1,v\n"


@pytest.mark.parametrize("compress", ["TRUE", "FALSE"])
def test_io_serialize_round_trip(model, compress):
    value = '<<[a |-> {1, 2}], "s", TRUE, (2 :> "x"), -5>>'
    assert ev(model, f'IOSerialize({value}, "v.bin", {compress})') == "TRUE"
    assert ev(model, f'IODeserialize("v.bin", {compress}) = {value}') == "TRUE"


def test_serialize_text_appends_and_deserialize_reads_it(model, tmp_path):
    opts = '[format |-> "TXT", charset |-> "UTF-8", openOptions |-> <<"APPEND", "CREATE">>]'
    assert ev(model, f'Serialize("one ", "s.txt", {opts}).exitValue') == "0"
    assert ev(model, f'Serialize("two", "s.txt", {opts}).exitValue') == "0"
    assert (tmp_path / "s.txt").read_text() == "one two"
    # TLC's text serializer reports its success on stdout (the record shows in traces)
    assert ev(model, f'Serialize("x", "t.txt", {opts}).stdout') == \
        '"Finish writing to the file with success!"'
    assert ev(model, 'Deserialize("s.txt", [format |-> "TXT"])') == '"one two"'


def test_io_exec_is_disabled_by_default(model, monkeypatch):
    monkeypatch.delenv("PYTLC_ALLOW_IOEXEC", raising=False)
    with pytest.raises(EvalError) as info:
        model.evaluate('IOExec(<<"echo", "hi">>)')
    assert info.value.message.startswith("IOExec is disabled")


def test_io_exec_runs_when_enabled(model):
    model.ctx.config["allow_ioexec"] = True
    cmd = f'<<"{sys.executable}", "-c", "print(42)">>'
    assert ev(model, f"IOExec({cmd}).stdout") == '"42\\n"'
    assert ev(model, f"IOExec({cmd}).exitValue") == "0"
    tmpl = f'IOExecTemplate(<<"{sys.executable}", "-c", "print(%1$s)">>, <<7>>).stdout'
    assert ev(model, tmpl) == '"7\\n"'
    env = f'IOEnvExec({{<<"PYTLC_T", "v">>}}, <<"{sys.executable}", "-c", ' \
          f'"import os; print(os.environ[\\"PYTLC_T\\"])">>).stdout'
    assert ev(model, env) == '"v\\n"'


def test_io_env_atoi_zero_pad(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTLC_TEST_VAR", "17")
    text = f"---- MODULE EnvSpec ----\n{EXTENDS}\n====\n"
    m = build_model(load_text(text, str(tmp_path / "EnvSpec.tla"), str(tmp_path)))
    assert format_value(m.evaluate("atoi(IOEnv.PYTLC_TEST_VAR) + 1")) == "18"
    assert format_value(m.evaluate('atoi("-17")')) == "-17"
    assert format_value(m.evaluate("zeroPadN(42, 5)")) == '"00042"'
    assert format_value(m.evaluate("zeroPadN(123, 2)")) == '"123"'


def _attributes(tag: str) -> list:
    """The attributes of an SVG start tag, sorted (their order is TLC's order of the record
    fields, which depends on when each name was first interned in the process)."""
    return sorted(tag[tag.index(" ") + 1:tag.index(">")].split(" "))


def test_svg_elements_to_text(model):
    text = model.evaluate('SVGElemToString(Rect(1, 2, 3, 4, [fill |-> "red"]))')
    assert text.startswith("<rect ") and text.endswith("></rect>")
    assert _attributes(text) == ['fill="red"', 'height="4"', 'width="3"', 'x="1"', 'y="2"']
    text = model.evaluate('SVGElemToString(Group(<<Text(0, 5, "<<a>>", <<>>)>>, <<>>))')
    assert text.startswith("<g><text ") and text.endswith(">&lt;&lt;a&gt;&gt;</text></g>")
    assert _attributes(text[3:]) == ['x="0"', 'y="5"']
    assert ev(model, 'SVGElemToString(SVGElem("line", [stroke_width |-> "2"], <<>>, ""))') == \
        '"<line stroke-width=\\"2\\"></line>"'


def test_svg_geometry(model):
    assert ev(model, "NodeOfRingNetwork(10, 10, 5, 0, 4)") == "[x |-> 15, y |-> 10]"
    assert ev(model, "NodeOfRingNetwork(10, 10, 5, 1, 4)") == "[x |-> 10, y |-> 15]"
    assert ev(model, "PointOnLine([x |-> 0, y |-> 0], [x |-> -7, y |-> 9], 2)") == \
        "[x |-> -3, y |-> 4]"


def test_svg_serialize_writes_the_frame(model, tmp_path):
    r = ev(model, 'SVGSerialize(Circle(1, 2, 3, <<>>), "frame_", 7) = '
                  '[exitValue |-> 0, stdout |-> "Finish writing to the file with success!", '
                  'stderr |-> ""]')
    assert r == "TRUE"
    text = (tmp_path / "frame_7.svg").read_text()
    assert text.startswith("<circle ") and text.endswith("></circle>")
    assert _attributes(text) == ['cx="1"', 'cy="2"', 'r="3"']


def test_reading_prefers_the_spec_directory_and_writing_uses_the_working_one(
        model, tmp_path, monkeypatch):
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    (elsewhere / "w.json").write_text("[1]")
    (tmp_path / "both.json").write_text("[2]")
    (elsewhere / "both.json").write_text("[3]")
    monkeypatch.chdir(elsewhere)
    assert ev(model, 'JsonDeserialize("w.json")') == "<<1>>"
    assert ev(model, 'JsonDeserialize("both.json")') == "<<2>>"
    assert ev(model, 'ndJsonSerialize("new.ndjson", <<1>>)') == "TRUE"
    assert os.path.exists(elsewhere / "new.ndjson")
    assert not os.path.exists(tmp_path / "new.ndjson")
