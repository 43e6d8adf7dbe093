"""The lexer: every operator spelling of the table is one token with its canonical name;
numbers, strings, comments, module boundaries, proof step tokens and token_images."""
from __future__ import annotations

import pytest

from tla.errors import LexError
from tla.parser import token_images
from tla.parser.lexer import tokenize
from tla.parser.operators import OPERATORS, SPELLINGS


def lex(text: str) -> list[tuple[str, object]]:
    return [(t.type, t.value) for t in tokenize(text, whole=True)]


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_every_operator_spelling_is_one_token(spelling):
    tokens = lex(f"a {spelling} b")
    assert len(tokens) == 3
    assert tokens[1][1] == SPELLINGS[spelling]


def test_canonical_names_are_ascii_and_first_spelling():
    for op in OPERATORS:
        assert op.name == op.spellings[0]
        assert op.name.isascii()
        assert op.low <= op.high


@pytest.mark.parametrize("text, value", [
    ("42", 42), ("\\b1010", 10), ("\\B11", 3), ("\\o17", 15), ("\\O7", 7),
    ("\\hFF", 255), ("\\H1a", 26), ("007", 7),
])
def test_numbers(text, value):
    assert lex(text) == [("NUMBER", value)]


def test_decimal_and_range_are_told_apart():
    assert lex("1.5") == [("DECIMAL", "1.5")]
    assert lex("1..5") == [("NUMBER", 1), ("INFIX", ".."), ("NUMBER", 5)]


def test_string_escapes_are_decoded():
    assert lex(r'"a\"b\\c\nd\te"') == [("STR", 'a"b\\c\nd\te')]


def test_comments_nest_and_line_comments_end_at_newline():
    assert lex("a (* x (* y *) z *) b \\* c d\n e") == [
        ("IDENT", "a"), ("IDENT", "b"), ("IDENT", "e")]


def test_identifiers_keywords_and_fairness():
    assert lex("x1 _y 1a IF WF_vars SF_<<x>>") == [
        ("IDENT", "x1"), ("IDENT", "_y"), ("IDENT", "1a"), ("IF", "IF"),
        ("WF", "WF_"), ("IDENT", "vars"), ("SF", "SF_"), ("LANGLE", "<<"), ("IDENT", "x"),
        ("RANGLE", ">>")]


def test_unicode_punctuation_and_quantifiers():
    assert [t for t, _ in lex("∀ ∃ ∀∀ ∃∃ ⟨ ⟩ ↦ → ← ≜")] == [
        "FORALL", "EXISTS", "TFORALL", "TEXISTS", "LANGLE", "RANGLE", "MAPSTO", "ARROW",
        "LARROW", "DEFEQ"]


def test_other_unicode_and_long_spellings():
    assert lex("\\forall \\exists ∷ ℕ ℤ ℝ ⋄") == [
        ("FORALL", "\\A"), ("EXISTS", "\\E"), ("COLONCOLON", "::"), ("IDENT", "Nat"),
        ("IDENT", "Int"), ("IDENT", "Real"), ("DIAMOND", "<>")]


def test_action_brackets_and_junction_bullets():
    assert [t for t, _ in lex("[A]_v <<A>>_v [] <> /\\ \\/")] == [
        "LBRACK", "IDENT", "RBRACK_", "IDENT", "LANGLE", "IDENT", "RANGLE_", "IDENT",
        "BOX", "DIAMOND", "AND", "OR"]


def test_proof_step_tokens():
    assert [v for _, v in lex("<1>2. <1>. <*> <+> <3>a")] == [
        "<1>2.", "<1>.", "<*>", "<+>", "<3>a"]


def test_module_boundaries():
    text = "junk ==== (* \n---- MODULE A ----\nx == 1\n---- MODULE B ----\n====\ny\n====\nz ="
    types = [t.type for t in tokenize(text)]
    assert types[:3] == ["SEP", "MODULE", "IDENT"]
    assert types[-1] == "END"
    assert types.count("END") == 2


def test_positions_are_one_based_with_last_character_end():
    tokens = list(tokenize("ab  \\in\n  \"x\"", whole=True))
    assert [(t.span.line, t.span.col, t.span.end_line, t.span.end_col) for t in tokens] == [
        (1, 1, 1, 2), (1, 5, 1, 7), (2, 3, 2, 5)]


@pytest.mark.parametrize("text, line, col", [
    ('x "abc', 1, 3), ("a\n  ?", 2, 3), ("(* open", 1, 1), ("\\foo", 1, 1)])
def test_lex_errors_have_positions(text, line, col):
    with pytest.raises(LexError) as info:
        lex(text)
    assert (info.value.span.line, info.value.span.col) == (line, col)


def test_token_images_in_lexical_order():
    text = '---- MODULE M ----\nEXTENDS Naturals\nb == [a |-> "zebra"] \\cup {1}\n===='
    assert token_images(text) == [
        ("keyword", "MODULE"), ("ident", "M"), ("keyword", "EXTENDS"), ("ident", "Naturals"),
        ("ident", "b"), ("op", "=="), ("op", "["), ("ident", "a"), ("op", "|->"),
        ("string", "zebra"), ("op", "]"), ("op", "\\cup"), ("op", "{"), ("op", "}")]


def test_tab_columns():
    tokens = list(tokenize("a\tb\n\t\tc", whole=True))
    assert [(t.span.line, t.span.col) for t in tokens] == [(1, 1), (1, 9), (2, 17)]
