"""The junction-list token filter on its own: which bullets begin lists, continue them or stay
infix, and where the virtual JEND tokens go."""
from __future__ import annotations

import pytest

from tla.parser.junctions import junction_filter
from tla.parser.lexer import tokenize


def layout(text: str) -> str:
    out = []
    for t in junction_filter(tokenize(text, whole=True)):
        out.append(t.type if t.type in ("JAND", "JOR", "JSEP", "JEND", "AND", "OR",
                                        "CASESEP", "BOX", "STEPDEF", "STEP")
                   else str(t.value))
    return " ".join(out)


CASES = [
    ("/\\ a\n/\\ b", "JAND a JSEP b JEND"),
    ("a /\\ b", "a AND b"),
    ("/\\ a /\\ b", "JAND a AND b JEND"),
    ("\\/ /\\ a\n   /\\ b\n\\/ c", "JOR JAND a JSEP b JEND JSEP c JEND"),
    ("/\\ a\n/\\ b\n\\/ c", "JAND a JSEP b JEND OR c"),
    ("f(/\\ a\n  /\\ b, c)", "f ( JAND a JSEP b JEND , c )"),
    ("/\\ \\E x, y : P\n/\\ Q", "JAND \\E x , y : P JSEP Q JEND"),
    ("IF /\\ a\n   /\\ b THEN c ELSE d", "IF JAND a JSEP b JEND THEN c ELSE d"),
    ("LET x == /\\ a\n         /\\ b\nIN x", "LET x == JAND a JSEP b JEND IN x"),
    ("CASE a -> /\\ b [] c -> d", "CASE a -> JAND b JEND CASESEP c -> d"),
    ("[]a", "BOX a"),
    ("  /\\ a\n+ 1", "JAND a JEND + 1"),
    ("/\\ I!:\n/\\ J!<<", "JAND I ! : JSEP J ! << JEND"),
    ("F(/\\, x, \\/)", "F ( AND , x , OR )"),
    # the CASE of the first item ends with it: the -> is the function set's
    ("[/\\ CASE a -> a\n /\\ a -> S]", "[ JAND CASE a -> a JSEP a JEND -> S ]"),
    ("[/\\ CASE a -> a\n/\\ b -> S]", "[ JAND CASE a -> a JEND AND b -> S ]"),
]


@pytest.mark.parametrize("text, expected", CASES, ids=[c[1] for c in CASES])
def test_layout(text, expected):
    assert layout(text) == expected


def test_proof_steps_versus_references():
    text = "<1>1. a\n  BY <1>2,\n     <1>3\n<1> QED"
    assert layout(text) == "STEPDEF a BY STEP , STEP STEPDEF QED"


def test_unit_start_ends_every_list():
    text = "---- MODULE M ----\nA == /\\ a\n     /\\ (b\nB == c\n===="
    assert "JEND" in layout(text).split("B ==")[0]


def test_tabs_advance_to_the_next_multiple_of_eight_like_sany():
    # "A ==<tab>" puts the bullet at column 9, and so does a line starting with one tab.
    assert layout("A ==\t/\\ x\n\t/\\ y") == "A == JAND x JSEP y JEND"
    assert layout("A ==\t/\\ x\n  \t/\\ y") == "A == JAND x JSEP y JEND"
    assert layout("A ==\t/\\ x\n\t /\\ y") == "A == JAND x AND y JEND"
