"""The AST text whose CRC-32 is TLC's chksum(pcal)."""
import tla.pcal.translate as translate
from tla.pcal import astdump, translate_lines

TINY = """---- MODULE Tiny ----
(* --algorithm Tiny
variables x = 0, y = 0;
begin
A: x := x + 1;
   if x > 1 /\\ y = 0 then y := "s"; end if;
end algorithm; *)
===="""

EXPECTED = '''[type     |-> "uniprocess", 
 name  |-> "Tiny", 
 decls  |-> <<[var |-> "x", eqOrIn |-> "=", val |-> << "0" >>], 
              [var |-> "y", eqOrIn |-> "=", val |-> << "0" >>]>>,
 defs   |-> <<  >>,
 prcds  |-> <<>>,
 body  |-> <<[label |-> "A",
              stmts |-> <<[type |-> "assignment",
                           ass  |-> <<[lhs |-> [var |-> "x", sub |-> <<  >>],
                                       rhs |-> << "x", "+", "1" >>]>>], 
                          [type    |-> "if", 
                           test    |-> << "x", ">", "1", "(col6) /\\\\", "y", "=", "0" >>,
                           then |-> <<[type |-> "assignment",
                                       ass  |-> <<[lhs |-> [var |-> "y", sub |-> <<  >>],
                                                   rhs |-> << "\\"", "s", "\\"" >>]>>]>>,
                           else |-> <<>>]>>]>>]'''


def test_ast_text_of_a_small_algorithm(monkeypatch):
    seen = []

    def spy(alg):
        seen.append(astdump.dump(alg))
        return seen[-1]

    monkeypatch.setattr(translate, "dump", spy)
    tr = translate_lines(TINY.split("\n"))
    assert seen == [EXPECTED]
    assert tr.pcal_checksum == "94991c26"


def test_nested_lists_rewritten_by_the_explosion_are_hashed():
    # the if ending a step gets its branch's pc assignment inside the AST itself
    src = TINY.replace('   if x > 1 /\\ y = 0 then y := "s"; end if;',
                       '   if x > 1 then goto A; end if;')
    seen = []
    original = translate.dump
    translate.dump = lambda alg: seen.append(original(alg)) or seen[-1]
    try:
        translate_lines(src.split("\n"))
    finally:
        translate.dump = original
    assert 'else |-> <<[type |-> "assignment"' in seen[0]
    assert '<< "\\"", "Done", "\\"" >>' in seen[0]


def test_fair_algorithm_hashes_only_the_word_fair():
    src = TINY.replace("--algorithm", "--fair algorithm")
    assert translate_lines(src.split("\n")).pcal_checksum == "7c28162a"
