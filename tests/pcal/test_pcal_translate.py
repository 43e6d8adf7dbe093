"""Translation fixtures: each ``fixtures/translate/*.tla`` module holds an algorithm of
our own and, between its BEGIN/END TRANSLATION lines, the expected translation."""
from pathlib import Path

import pytest

from tla.pcal import TranslateOptions, translate_lines

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "translate").glob("*.tla"))


def split_fixture(path: Path) -> tuple[list[str], list[str]]:
    lines = path.read_text().split("\n")
    b = next(i for i, ln in enumerate(lines) if ln.startswith("\\* BEGIN TRANSLATION"))
    e = next(i for i, ln in enumerate(lines) if ln.startswith("\\* END TRANSLATION"))
    return lines[:b + 1] + lines[e:], lines[b + 1:e]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_translation_matches_fixture(path):
    source, expected = split_fixture(path)
    assert translate_lines(source, file=str(path)).lines == expected


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_translation_is_stable_when_the_old_one_is_present(path):
    lines = path.read_text().split("\n")
    assert translate_lines(lines).lines == split_fixture(path)[1]


def test_both_syntaxes_give_the_same_actions():
    here = Path(__file__).parent / "fixtures" / "translate"
    p = split_fixture(here / "uni_p_statements.tla")[1]
    c = split_fixture(here / "uni_c_statements.tla")[1]
    # only the assertion's source line differs between the two files
    diff = [(a, b) for a, b in zip(p, c) if a != b]
    assert len(p) == len(c)
    assert len(diff) == 1 and "Failure of assertion" in diff[0][0]


def test_legacy_pc_order():
    source, _ = split_fixture(Path(__file__).parent / "fixtures" / "translate"
                              / "uni_p_statements.tla")
    out = translate_lines(source, TranslateOptions(pc_first=False)).lines
    assert out[0] == "VARIABLES x, y, s, pc"


def test_fairness_options_for_processes():
    source, _ = split_fixture(Path(__file__).parent / "fixtures" / "translate"
                              / "either_with_c.tla")
    out = translate_lines(source, TranslateOptions(fairness="wf")).lines
    spec = out[out.index("Spec == /\\ Init /\\ [][Next]_vars"):]
    assert spec[1] == "        /\\ \\A self \\in {1, 2} : WF_vars(P(self))"
    out = translate_lines(source, TranslateOptions(fairness="wfNext")).lines
    assert "        /\\ WF_vars(Next)" in out


def test_no_done_disjunct():
    source, _ = split_fixture(Path(__file__).parent / "fixtures" / "translate"
                              / "uni_p_statements.tla")
    out = translate_lines(source, TranslateOptions(no_done_disjunct=True)).lines
    assert not any("Terminating" in ln for ln in out)
    assert "Next == Start \\/ Check \\/ Loop \\/ Finish" in out
