"""The -dump writers: text dump and dot graph (fixtures/dump_*.txt hold the expected files)."""
from __future__ import annotations

import io

from tlc_compat_cases import FIXTURES
from tla.tlc_compat.options import DumpOption
from tla.tlc_compat.state_dump import DotDumpWriter, StateDumpWriter, dot_label

S1 = "/\\ x = 0\n/\\ y = \"a\"\n"
S2 = "/\\ x = 1\n/\\ y = \"a\"\n"
S3 = "/\\ x = 1\n/\\ y = \"b\"\n"


def test_text_dump():
    out = io.StringIO()
    writer = StateDumpWriter(out)
    for text in (S1, S2):
        writer.write_state(text)
    writer.close()
    assert out.getvalue() == (FIXTURES / "dump_text.txt").read_text()


def test_dot_label_escapes():
    assert dot_label(S1) == '/\\\\ x = 0\\n/\\\\ y = \\"a\\"'


def _graph(**flags):
    out = io.StringIO()
    writer = DotDumpWriter(out, **flags)
    writer.write_initial(11, S1)
    writer.write_transition(11, 22, S2, seen=False, action="Inc", level=1)
    writer.write_transition(11, 33, S3, seen=False, action="Set", level=1)
    writer.write_transition(22, 11, S1, seen=True, action="Reset", level=2)
    writer.write_transition(22, 22, S2, seen=True, level=2, stuttering=True)
    writer.write_transition(22, 11, S1, seen=True, action="Reset", level=2)
    writer.close()
    return out.getvalue()


def test_dot_plain():
    assert _graph() == (FIXTURES / "dump_plain.dot").read_text().rstrip("\n")


def test_dot_colorize_actionlabels_stuttering_strict():
    assert _graph(colorize=True, actionlabels=True, stuttering=True, strict=True) == (
        FIXTURES / "dump_colored.dot").read_text().rstrip("\n")


def test_dot_constrained_state_and_snapshot(tmp_path):
    path = tmp_path / "g.dot"
    out = io.StringIO()
    writer = DotDumpWriter.from_option(out, DumpOption(str(path), dot=True, snapshot=True,
                                                       constrained=True))
    writer.write_initial(1, "x = 0\n")
    writer.write_transition(1, 2, "x = 1\n", seen=False, action="A", in_model=False)
    snapshot = (tmp_path / "g_snapshot.dot").read_text()
    writer.close()
    assert '2 [label="x = 1",tooltip="x = 1",style = filled, fillcolor=lightyellow];' in out.getvalue()
    assert snapshot == out.getvalue()
