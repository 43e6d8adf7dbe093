"""The printer: parse(format(tree)) == tree for generated trees (hypothesis), and the printed
form of a few constructs."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tla.parser import ast, format_expr, format_module, parse_expression, parse_module
from tla.parser.operators import INFIX

NAMES = st.sampled_from(["a", "b", "x", "y1", "S", "f", "Foo"])
INFIX_OPS = st.sampled_from(sorted(n for n in INFIX if n != "\\X"))
PREFIX_OPS = st.sampled_from(["~", "-.", "[]", "<>", "ENABLED", "UNCHANGED", "SUBSET",
                              "UNION", "DOMAIN"])

leaves = st.one_of(
    NAMES.map(lambda n: ast.OpApp(n)),
    st.integers(min_value=0, max_value=10**6).map(ast.Num),
    st.text(alphabet='ab"\\\n\t ', max_size=5).map(ast.Str),
    st.booleans().map(ast.Bool),
)


def bound(children):
    return st.builds(lambda ns, d: ast.Bound(tuple(ns), False, d),
                     st.lists(NAMES, min_size=1, max_size=2), children)


def extend(children):
    two = st.tuples(children, children)
    some = st.lists(children, min_size=1, max_size=3).map(tuple)
    return st.one_of(
        st.builds(lambda op, ab: ast.OpApp(op, ab), INFIX_OPS, two),
        st.builds(lambda op, a: ast.OpApp(op, (a,)), PREFIX_OPS, children),
        st.builds(lambda a: ast.OpApp("'", (a,)), children),
        st.builds(lambda n, args: ast.OpApp(n, args), NAMES, some),
        st.builds(lambda args: ast.OpApp("\\X", args),
                  st.lists(children, min_size=2, max_size=4).map(tuple)),
        st.builds(ast.SetEnum, st.lists(children, max_size=3).map(tuple)),
        st.builds(ast.Tuple, st.lists(children, max_size=3).map(tuple)),
        st.builds(ast.FunApp, children, some),
        st.builds(ast.FieldAccess, children, NAMES),
        st.builds(ast.If, children, children, children),
        st.builds(lambda k, items: ast.Junction(k, items), st.sampled_from(["/\\", "\\/"]),
                  some),
        st.builds(lambda k, b, body: ast.Quant(k, (b,), body), st.sampled_from(["\\A", "\\E"]),
                  bound(children), children),
        st.builds(lambda b, p: ast.SetFilter(ast.Bound(b.names[:1], False, b.domain), p),
                  bound(children), children),
        st.builds(lambda arms, other: ast.Case(tuple(arms), other),
                  st.lists(two, min_size=1, max_size=2), st.none() | children),
        st.builds(lambda n, v, body: ast.Let((ast.OpDef(n, (), v),), body), NAMES, children,
                  children),
        st.builds(lambda fields: ast.Record(tuple(fields)),
                  st.lists(st.tuples(NAMES, children), min_size=1, max_size=2)),
        st.builds(lambda a, v: ast.BoxAction(a, v), children, NAMES.map(ast.OpApp)),
        st.builds(lambda f, i, v: ast.Except(f, (((ast.ExceptIndex((i,)),), v),)),
                  children, children, children),
        st.builds(lambda b, p: ast.Choose(ast.Bound(b.names[:1], False, b.domain), p),
                  bound(children), children),
        st.builds(lambda ns, body: ast.Lambda(tuple(ns), body),
                  st.lists(NAMES, min_size=1, max_size=2), children).map(
                      lambda lam: ast.OpApp("F", (lam,))),
        st.builds(lambda k, ns, body: ast.TemporalQuant(k, tuple(ns), body),
                  st.sampled_from(["\\AA", "\\EE"]), st.lists(NAMES, min_size=1, max_size=2),
                  children),
        st.builds(lambda n, body: ast.Label(n, (), body), NAMES, children),
        st.builds(lambda e, b: ast.SetMap(e, (b,)), children, bound(children)),
        st.builds(lambda b, body: ast.FunCons((b,), body), bound(children), children),
        st.builds(ast.FunSet, children, children),
        st.builds(lambda fields: ast.RecordSet(tuple(fields)),
                  st.lists(st.tuples(NAMES, children), min_size=1, max_size=2)),
        st.builds(lambda a, v: ast.AngleAction(a, v), children,
                  st.lists(NAMES.map(ast.OpApp), min_size=1, max_size=2).map(
                      lambda xs: ast.Tuple(tuple(xs)))),
        st.builds(lambda k, v, a: ast.Fairness(k, v, a), st.sampled_from(["WF", "SF"]),
                  NAMES.map(ast.OpApp), children),
        st.builds(lambda path, args: ast.Qualified(tuple((n, ()) for n in path[:-1])
                                                   + ((path[-1], args),)),
                  st.lists(NAMES, min_size=2, max_size=3), some),
    )


expressions = st.recursive(leaves, extend, max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(expressions)
def test_round_trip_of_generated_expressions(tree):
    assert parse_expression(format_expr(tree)) == tree


@settings(max_examples=100, deadline=None)
@given(expressions)
def test_round_trip_inside_a_definition(tree):
    module = ast.Module("M", (), (ast.OpDef("Op", (ast.Param("p"),), tree),))
    assert parse_module(format_module(module)) == module


def test_junction_layout():
    tree = parse_expression("/\\ a\n/\\ \\/ b\n   \\/ c")
    assert format_expr(tree) == "/\\ a\n/\\ \\/ b\n   \\/ c"


def test_operands_are_parenthesized():
    assert format_expr(parse_expression("(a + b) * (-c)")) == "(a + b) * (-c)"
    assert format_expr(parse_expression("x' = [y EXCEPT ![1] = @]")) == \
        "x' = [y EXCEPT ![1] = @]"
