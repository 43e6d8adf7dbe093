"""Layout of expressions through substitution (the translator's TLAExpr rules)."""
from tla.pcal.exprs import Expr, Tok
from tla.pcal.lexer import scan_line, tokenize_line


def expr(*lines: str) -> Expr:
    e = Expr([tokenize_line(ln) for ln in lines])
    e.normalize()
    return e


def one(s: str) -> Expr:
    return expr(s)


def test_normalize_keeps_relative_layout():
    e = expr("    /\\ a = 1", "    /\\ b = 2")
    assert e.to_lines() == ["/\\ a = 1", "/\\ b = 2"]


def test_priming_shifts_the_rest_of_the_line_and_anchored_lines():
    e = expr("x + y = 1 /\\ z", "          /\\ w")
    e.substitute_all([expr("x '")], ["x"], False)
    # the prime is one character wide: tokens right of x move by one, and the second
    # line, anchored on the first line's /\, moves with it
    assert e.to_lines()[0].startswith("x ' + y")


def test_record_fields_are_not_substituted():
    e = expr("[x |-> x, y |-> r.x]")
    e.substitute_all([expr("x_")], ["x"], False)
    assert e.to_text() == "[x |-> x_, y |-> r.x]"


def test_parenthesized_macro_argument():
    e = expr("v + 1")
    e.substitute_all([expr("a - b")], ["v"], True)
    assert e.to_text() == "(a - b) + 1"
    single = expr("v")
    single.substitute_all([expr("a - b")], ["v"], True)
    assert single.to_text() == "a - b"


def test_strings_keep_their_quotes_and_escapes():
    toks = list(scan_line('x = "a\\"b" \\/ y'))
    assert toks[2] == ('a\\"b', "string", 4)
    assert expr('x = "a\\"b"').to_text() == 'x = "a\\"b"'


def test_token_widths_and_columns():
    assert [t.col for t in tokenize_line("a  <<1, 2>>")] == [0, 3, 5, 6, 8, 9]
    assert Tok("s", 0, "string").width == 3
