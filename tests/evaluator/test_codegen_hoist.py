"""Loop-invariant statements of generated loops (``tla.evaluator.codegen.hoist``): what
moves before the loop and what must stay, and generated code that still agrees with the
reference evaluator once its loops are rewritten."""
from __future__ import annotations

import textwrap

import pytest

from tla.evaluator.codegen.hoist import hoist_invariants


def _hoisted(code: str) -> str:
    """The code with the invariants of its first line's loop moved."""
    lines = textwrap.dedent(code).strip("\n").split("\n")
    hoist_invariants(lines, 0, "    ")
    return "\n".join(lines)


def test_a_lookup_on_names_bound_outside_moves_before_the_loop():
    got = _hoisted("""
        for x4 in elems(t1):
            t5 = (a2, x4, )
            a6 = a3
            t7 = a6[2 - 1] if type(a6) is tuple and 0 < 2 <= len(a6) else NOTIN
            if t7 is NOTIN: t7 = ap(a6, 2)
            if t5 in t7:
                acc9.append(x4)
    """)
    assert got == textwrap.dedent("""\
        a6 = a3
        t7 = a6[2 - 1] if type(a6) is tuple and 0 < 2 <= len(a6) else NOTIN
        if t7 is NOTIN: t7 = ap(a6, 2)
        for x4 in elems(t1):
            t5 = (a2, x4, )
            if t5 in t7:
                acc9.append(x4)""")


@pytest.mark.parametrize("lookup,key", [
    # a key that may be taken for a boolean is left to ap
    ("t7 = a6[a3 - 1] if type(a6) is tuple and type(a3) is int and 0 < a3 <= len(a6) "
     "else a6.map.get(a3, NOTIN) if type(a6) is Fcn and type(a3) is not bool and "
     "(type(a3) is not int or not 0 <= a3 <= 1) else NOTIN", "a3"),
    # f[1] looks in f's dict only when f's first argument is an integer (TRUE and 1 are
    # one Python key): Fcn.first_key_is_int only remembers its answer on the function
    ("t7 = a6[1 - 1] if type(a6) is tuple and 0 < 1 <= len(a6) else "
     "a6.map.get(1, NOTIN) if type(a6) is Fcn and "
     "(a6._ik is True or (a6._ik is None and a6.first_key_is_int())) else NOTIN", "1"),
])
def test_a_lookup_that_may_take_the_function_path_moves_too(lookup, key):
    got = _hoisted(f"""
        for x4 in elems(t1):
            {lookup}
            if t7 is NOTIN: t7 = ap(a6, {key})
            acc9.append((x4, t7))
    """)
    assert got.split("\n")[:3] == [lookup, f"if t7 is NOTIN: t7 = ap(a6, {key})",
                                     "for x4 in elems(t1):"]


@pytest.mark.parametrize("statement", [
    "t5 = x4[1 - 1] if type(x4) is tuple else NOTIN",     # reads the loop's name
    "t5 = t3.map.get(x4, NOTIN) if type(t3) is Fcn else NOTIN",
    "acc5 = []",                                           # a list the loop fills
    "m5 = {}",
    "t5 = OP_7(None, a2)",                                 # an operator's function
    "t5 = B_7(a2, 1)",                                     # an operator (Print, ...)
    "t5 = R_7(s, None, e)",                                # the reference evaluator
    "t5 = len(out)",                                       # a parameter, not a temporary
    "t5 = M_7[1]",                                         # a memo cell
    "t5 = a2.sorted()",                                    # a method call
])
def test_statements_that_must_stay_in_the_loop(statement):
    code = f"""
        for x4 in elems(t1):
            {statement}
            acc5.append(t5)
            m5[x4] = t5
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


def test_a_set_operation_is_computed_once_in_the_first_iteration():
    got = _hoisted("""
        for x9 in elems(x5):
            t10 = a3.map.get(x9, NOTIN)
            t11 = cup(x5, x6)
            t12 = mem(a2, a3)
            if not subseteq(t10, t11) or t12:
                r8 = False
                break
    """)
    assert got == textwrap.dedent("""\
        t11 = NOVAL
        t12 = NOVAL
        for x9 in elems(x5):
            t10 = a3.map.get(x9, NOTIN)
            if t11 is NOVAL: t11 = cup(x5, x6)
            if t12 is NOVAL: t12 = mem(a2, a3)
            if not subseteq(t10, t11) or t12:
                r8 = False
                break""")


def test_a_lazy_cell_stays_in_the_loop_around_it():
    # x6 changes in the outer loop: its cell is reset there, not once before it
    code = """
        for x6 in elems(t1):
            t11 = NOVAL
            for x9 in elems(x5):
                if t11 is NOVAL: t11 = cup(x5, x6)
                acc5.append(t11)
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


def test_names_assigned_twice_or_read_first_stay():
    code = """
        for x4 in elems(t1):
            r5 = True
            if x4:
                r5 = False
            t6 = t7
            t7 = a2
            t9 = a3
    """
    # r5 is assigned twice, t7 is read before its assignment, t6 reads t7; t9 moves
    assert _hoisted(code) == textwrap.dedent("""\
        t9 = a3
        for x4 in elems(t1):
            r5 = True
            if x4:
                r5 = False
            t6 = t7
            t7 = a2""")


@pytest.mark.parametrize("statement", [
    "t5 = a2",                                             # a copy
    "t5 = (C_2 if C_2 is not NOVAL else C_2_f())",         # a constant's thunk
    "t5 = FSet((a2,))",                                    # a one-element set
    "t5 = a2.map.get(a3, NOTIN) if type(a2) is Fcn else NOTIN",   # a dict look-up
])
def test_a_cheap_statement_in_a_nested_block_stays(statement):
    """Its lazy form would cost about what it saves: the test in the loop, and the
    NOVAL before it each time the loop starts."""
    code = f"""
        for x4 in elems(t1):
            if x4 > 1:
                {statement}
                acc6.append(t5)
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


def test_a_lookup_under_a_test_is_made_once_where_first_needed():
    """``\\A i, j \\in 1..Len(ss) : (i < j) => (ss[i] =< ss[j])``: in the ``j`` loop,
    ``ss[i]`` is looked up the first time ``i < j`` holds and kept for the other j."""
    got = _hoisted("""
        for x19 in range(1, t18 + 1):
            r20 = True
            if (x17 < x19):
                t21 = x13[x17 - 1] if type(x13) is tuple and 0 < x17 <= len(x13) else NOTIN
                if t21 is NOTIN: t21 = ap(x13, x17)
                t22 = x13[x19 - 1] if type(x13) is tuple and 0 < x19 <= len(x13) else NOTIN
                if t22 is NOTIN: t22 = ap(x13, x19)
                r20 = t21 <= t22
            if not r20:
                break
    """)
    assert got == textwrap.dedent("""\
        t21 = NOVAL
        for x19 in range(1, t18 + 1):
            r20 = True
            if (x17 < x19):
                if t21 is NOVAL:
                    t21 = x13[x17 - 1] if type(x13) is tuple and 0 < x17 <= len(x13) else NOTIN
                    if t21 is NOTIN: t21 = ap(x13, x17)
                t22 = x13[x19 - 1] if type(x13) is tuple and 0 < x19 <= len(x13) else NOTIN
                if t22 is NOTIN: t22 = ap(x13, x19)
                r20 = t21 <= t22
            if not r20:
                break""")


def test_an_argument_bound_under_a_test_moves_and_its_lookup_is_made_once():
    """``\\A i, j \\in ProcSet : (i # j) => ~(lockcs(i) /\\ lockcs(j))``: in the ``j``
    loop, ``lockcs(i)`` binds its argument (``a7 = x3``) under the ``i # j`` test; bound
    before the loop, ``pc[i]`` in its body is looked up once per ``i``."""
    got = _hoisted("""
        for x4 in range(1, 7):
            r5 = True
            if (not (x3 == x4)):
                a7 = x3
                t8 = v0[a7 - 1] if type(v0) is tuple and 0 < a7 <= len(v0) else NOTIN
                if t8 is NOTIN: t8 = ap(v0, a7)
                a10 = x4
                r5 = t8 != a10
            if not r5:
                break
    """)
    assert got == textwrap.dedent("""\
        a7 = x3
        t8 = NOVAL
        for x4 in range(1, 7):
            r5 = True
            if (not (x3 == x4)):
                if t8 is NOVAL:
                    t8 = v0[a7 - 1] if type(v0) is tuple and 0 < a7 <= len(v0) else NOTIN
                    if t8 is NOTIN: t8 = ap(v0, a7)
                a10 = x4
                r5 = t8 != a10
            if not r5:
                break""")


@pytest.mark.parametrize("block", [
    ["a7 = x4", "r5 = a7"],          # bound to the loop's own name
    ["a7 = t6", "r5 = a7"],          # to a name the loop assigns (t6 = x4 + 1 above)
    ["r5 = a2", "a7 = x3"],          # the last line of its block: the block would be empty
])
def test_an_argument_bound_to_what_the_loop_changes_or_ending_its_block_stays(block):
    first, second = block
    code = f"""
        for x4 in elems(t1):
            t6 = x4 + 1
            if x4 > 1:
                {first}
                {second}
            acc9.append(r5)
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


def test_a_lookup_under_a_test_in_a_loop_over_a_set_stays():
    """``\\E msg \\in pending : msg.type = "pl" /\\ ... counter[self] ...``: the test
    mostly holds for one message, and the lazy form would cost more than it saves."""
    code = """
        for x4 in elems(t1):
            if x4 == 'pl':
                t7 = a6[a3 - 1] if type(a6) is tuple and 0 < a3 <= len(a6) else NOTIN
                if t7 is NOTIN: t7 = ap(a6, a3)
                acc9.append(t7)
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


@pytest.mark.parametrize("block", [
    "for x6 in elems(t2):",         # an inner loop (its own statements move at its own)
    "def nd6(x6):",                  # a function: another scope
    "while True:",
])
def test_statements_in_nested_loops_and_functions_stay(block):
    code = f"""
        for x4 in elems(t1):
            {block}
                t5 = a2[1 - 1] if type(a2) is tuple else NOTIN
                acc6.append(t5)
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


def test_a_result_assigned_under_a_test_stays():
    """``r5 = False`` in a branch is what the loop leaves behind, not a temporary."""
    code = """
        for x4 in elems(t1):
            if x4 > 1:
                r5 = len(a2)
                break
    """
    assert _hoisted(code) == textwrap.dedent(code).strip("\n")


ROUND = """\
            if ((a4 is t5 and type(a4) is Fcn) or (a4 == t5 if type(a4) is type(t5) else eq(a4, t5))):
                r6 = 0
            else:
                t7 = a4[2 - 1] if type(a4) is tuple and 0 < 2 <= len(a4) else NOTIN
                if t7 is NOTIN: t7 = ap(a4, 2)
                r6 = t7"""


def test_an_inlined_if_of_fixed_names_moves_whole():
    """``Round(v)`` in ``\\A c \\in Children(dag, v) : Round(c) = Round(v) - 1``: the
    if/else that computes it is the same in every iteration over c."""
    code = ("for x8 in elems(t1):\n" + textwrap.indent(textwrap.dedent(ROUND), "    ") + """
    t9 = r6 - 1 if type(r6) is int else B_3(r6, 1)
    acc9.append((x8, t9))""")
    got = _hoisted(code)
    assert got == textwrap.dedent(ROUND) + textwrap.dedent("""
        for x8 in elems(t1):
            t9 = r6 - 1 if type(r6) is int else B_3(r6, 1)
            acc9.append((x8, t9))""")


@pytest.mark.parametrize("change", [
    ("a4 == t5 if", "a4 == x8 if"),                  # the test reads the loop's name
    ("if type(a4) is tuple", "if type(x8) is tuple"),   # so does a branch
    ("r6 = t7", "r6 = B_3(t7, 1)"),                  # a call it may not make
    ("r6 = 0", "r8 = 0"),                            # a result one branch only sets
    ("r6 = 0", "r6 = 0\n    break"),                 # more than assignments
    ("    r6 = 0", "    if a4:\n        r6 = 0"),   # a deeper block
    ("else:\n", "if a4:\n"),                        # no else
])
def test_an_if_that_is_not_that_simple_stays(change):
    old, new = change
    branch = textwrap.dedent(ROUND).replace(old, new, 1)
    code = "for x8 in elems(t1):\n" + textwrap.indent(branch, "    ") + """
    acc9.append((x8, r6))"""
    assert branch != textwrap.dedent(ROUND)
    assert _hoisted(code) == code


SPEC = r"""---- MODULE Graph ----
EXTENDS Naturals, FiniteSets
VARIABLES vs, es
Children(g, v) == {c \in g[1] : <<v, c>> \in g[2]}
Init == /\ vs = {1, 2, 3}
        /\ es = {}
Next == \E v, w \in vs : /\ <<v, w>> \notin es
                         /\ es' = es \cup {<<v, w>>}
                         /\ vs' = vs
TypeOK == \A v \in vs : \A c \in Children(<<vs, es>>, v) : <<v, c>> \in es
Sizes == {Cardinality(Children(<<vs, es>>, v)) : v \in vs} \subseteq 0..3
Own == \A v \in vs : \A p \in {<<v, w>> : w \in Children(<<vs, es>>, v)} : p[1] = v
Tags == <<"a", "b", "c">>
Untagged(k) == <<Tags[k], k>> \notin es
Apart == \A i, j \in 1..Cardinality(vs) : (i # j) => (Untagged(i) /\ Untagged(j))
Rank(v) == IF v = 1 THEN 0 ELSE v
Ranked == \A v \in vs : \A c \in Children(<<vs, es>>, v) : Rank(c) >= Rank(v) - 3
====
"""


def _run_graph(tmp_path, invariants: str, **env) -> str:
    """pytlc on SPEC in ``tmp_path`` with these invariants and environment variables; its
    output (the run must succeed)."""
    import os
    import subprocess
    import sys
    (tmp_path / "Graph.tla").write_text(SPEC)
    (tmp_path / "Graph.cfg").write_text(f"INIT Init\nNEXT Next\nINVARIANT {invariants}\n")
    proc = subprocess.run([sys.executable, "-m", "tla.tlc_compat.cli", "Graph.tla", "-deadlock"],
                          cwd=tmp_path, capture_output=True, text=True,
                          env=dict(os.environ, **env))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


@pytest.mark.parametrize("mode", ["1", "verify"])
def test_generated_loops_with_moved_lookups_agree_with_the_reference(tmp_path, mode):
    """512 states (edges added one by one): past the warm-up, so the invariants' loops
    are generated; verify mode compares them with the reference at every state."""
    assert "512 distinct states found" in _run_graph(tmp_path, "TypeOK Sizes Own Apart Ranked",
                                                     PYTLC_CODEGEN=mode)


def test_the_generated_filter_looks_its_edges_up_once(tmp_path):
    """In ``Children``, ``g[2]`` (a constant key above 1: no test of the first argument)
    is computed before the loop over ``g[1]``."""
    dump = tmp_path / "dump"
    _run_graph(tmp_path, "TypeOK", PYTLC_CODEGEN_DUMP=str(dump), PYTLC_CACHE_DIR="")
    source = next(text for text in (p.read_text() for p in dump.iterdir())
                  if text.startswith("# Children"))
    lines = source.split("\n")
    edges = next(i for i, line in enumerate(lines) if "[2 - 1]" in line)
    loop = next(i for i, line in enumerate(lines) if line.strip().startswith("for "))
    assert edges < loop, source
    assert "next(iter" not in lines[edges]
