"""Repeated function applications and field reads of generated code computed once
(``tla.evaluator.codegen.cse``): reused where the earlier statement dominates and reads the
same unchanging names, kept everywhere else."""
from __future__ import annotations

import re
import textwrap

import pytest

from tla.evaluator.codegen.cse import reuse_common_reads

APPLY = ("{t} = {f}[{x} - 1] if type({f}) is tuple and type({x}) is int and 0 < {x} <= len({f}) "
         "else {f}.map.get({x}, NOTIN) if type({f}) is Fcn else NOTIN\n"
         "if {t} is NOTIN: {t} = ap({f}, {x})")
#: the same where the key may be 0 or 1 (Python's FALSE and TRUE): the dict is asked only
#: when the function's first key is an int
APPLY_01 = ("{t} = {f}[{x} - 1] if type({f}) is tuple and type({x}) is int and 0 < {x} <= len({f}) "
            "else {f}.map.get({x}, NOTIN) if type({f}) is Fcn and type({x}) is not bool and "
            "(type({x}) is not int or not 0 <= {x} <= 1 or "
            "({f}._ik is True or ({f}._ik is None and {f}.first_key_is_int()))) else NOTIN\n"
            "if {t} is NOTIN: {t} = ap({f}, {x})")
FIELD = ("{t} = {r}.map.get('{n}', NOTIN) if type({r}) is Fcn else NOTIN\n"
         "if {t} is NOTIN: {t} = fld({r}, '{n}')")


def apply(t, f, x, indent=1):
    return textwrap.indent(APPLY.format(t=t, f=f, x=x), "    " * indent)


def field(t, r, n, indent=1):
    return textwrap.indent(FIELD.format(t=t, r=r, n=n), "    " * indent)


def unit(*parts):
    return "\n".join(["def gen_pred(s, t=None, e=None):", "    v0, v1, = s",
                      "    e1 = e['p']", *parts, "    return r9"]) + "\n"


def reused(source):
    """The ``name = earlier`` lines of the rewritten source."""
    out = reuse_common_reads(source)
    compile(out, "<test>", "exec")
    return [line.strip() for line in out.split("\n")
            if re.fullmatch(r"t\d+ = t\d+", line.strip())]


def test_a_read_repeated_in_the_same_block_or_a_nested_one_is_reused():
    src = unit(apply("t1", "v0", "e1"), "    if e1:", apply("t2", "v0", "e1", 2),
               apply("t3", "v0", "e1"), "    r9 = t1")
    assert reused(src) == ["t2 = t1", "t3 = t1"]


def test_reads_of_a_reused_value_are_reused_too():
    src = unit(apply("t1", "v0", "e1"), apply("t2", "t1", "e1"),
               apply("t3", "v0", "e1"), apply("t4", "t3", "e1"), field("t5", "t4", "clock"),
               field("t6", "t2", "clock"), "    r9 = t6")
    assert reused(src) == ["t3 = t1", "t4 = t2", "t6 = t5"]


def test_a_read_in_a_block_left_since_is_not_reused():
    src = unit("    if e1:", apply("t1", "v0", "e1", 2), "    else:", apply("t2", "v0", "e1", 2),
               "    for x3 in v1:", apply("t4", "v0", "x3", 2), apply("t5", "v0", "x3"),
               "    r9 = t5")
    assert reused(src) == []


def test_a_read_of_a_name_bound_twice_is_not_reused():
    src = unit("    x3 = 1", apply("t1", "v0", "x3"), "    x3 = 2", apply("t2", "v0", "x3"),
               "    r9 = t2")
    assert reused(src) == []


def test_a_nested_function_starts_afresh():
    src = unit(apply("t1", "v0", "e1"), "    def fa2(y4):", apply("t3", "v0", "e1", 2),
               "        return t3", "    r9 = fa2(1)")
    assert reused(src) == []


def test_a_read_that_asks_for_the_first_key_is_reused():
    def apply01(t, f, x):
        return textwrap.indent(APPLY_01.format(t=t, f=f, x=x), "    ")
    src = unit(apply01("t1", "v0", "e1"), apply01("t2", "v0", "e1"), apply01("t3", "t2", "e1"),
               apply01("t4", "t1", "e1"), "    r9 = t4")
    assert reused(src) == ["t2 = t1", "t4 = t3"]


# (first_key_is_int only remembers its answer, but outside the whole test that reads it
# first it is taken for any other method)
@pytest.mark.parametrize("expr", ["g(v0)", "v0.first_key_is_int()",
                                  "(v0._ik is None and v0.first_key_is_int())",
                                  "v0.pop(e1)", "[x for x in v0]"])
def test_only_reads_without_effects_are_reused(expr):
    line = f"t1 = {expr}\nif t1 is NOTIN: t1 = ap(v0, e1)"
    again = f"t2 = {expr}\nif t2 is NOTIN: t2 = ap(v0, e1)"
    src = unit(textwrap.indent(line, "    "), textwrap.indent(again, "    "), "    r9 = t2")
    assert reused(src) == []


def test_a_string_that_spells_a_temporary_stays_a_string():
    src = unit(apply("t1", "v0", "e1"), apply("t2", "v0", "e1"), field("t3", "t1", "t2"),
               field("t4", "t2", "t1"), "    r9 = t4")
    assert reused(src) == ["t2 = t1"]
