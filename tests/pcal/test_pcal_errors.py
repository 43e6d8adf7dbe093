"""Error fixtures: the first line of each ``fixtures/errors/*.tla`` module says where the
translator must report an error and how its message begins."""
import re
from pathlib import Path

import pytest

from tla.errors import ParseError
from tla.pcal import translate_lines

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "errors").glob("*.tla"))
HEADER = re.compile(r"\\\* error: (\d+):(\d+): (.*)")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_error_is_reported_at_its_line_and_column(path):
    lines = path.read_text().split("\n")
    line, col, message = HEADER.match(lines[0]).groups()
    with pytest.raises(ParseError) as info:
        translate_lines(lines, file=str(path))
    err = info.value
    assert (err.span.line, err.span.col) == (int(line), int(col))
    assert err.message.startswith(message)
    assert str(err).startswith(f"{path}:{line}:{col}: ")


def test_label_option_adds_missing_labels():
    path = Path(__file__).parent / "fixtures" / "errors" / "missing_label_while_mp.tla"
    from tla.pcal import TranslateOptions
    tr = translate_lines(path.read_text().split("\n"), TranslateOptions(label=True))
    assert tr.added_labels == [("Lbl_1", "line 8, column 3")]
    assert "Lbl_1(self) == /\\ pc[self] = \"Lbl_1\"" in tr.lines
