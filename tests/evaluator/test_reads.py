"""Data-driven: every line of fixtures/reads.txt is ``expression => roots`` for
``tla.evaluator.reads.state_roots`` in the module below, whose instances substitute
expressions, variables, impure and action-level expressions for Inner's variables."""
from __future__ import annotations

import os

import pytest

from tla.evaluator.model import run_with_big_stack
from tla.evaluator.reads import state_roots
from tla.parser.parse import parse_expression
from tla.parser.printer import format_expr

from tests.evaluator.conftest import make_model

HERE = os.path.dirname(__file__)

SPEC = r"""
VARIABLES x, y, z
---- MODULE Inner ----
CONSTANT K
VARIABLES a, b
vars == <<a, b>>
Next == a' = a + K /\ b' = b
====
---- MODULE Inner2 ----
VARIABLES c, d
In == INSTANCE Inner WITH a <- c, b <- d, K <- 1
Inner2Next == In!Next
====
I == INSTANCE Inner WITH a <- x + y, b <- z, K <- 3
Same == INSTANCE Inner WITH a <- x, b <- y, K <- 3
Nested == INSTANCE Inner2 WITH c <- x + y, d <- z
P(k) == INSTANCE Inner WITH a <- x + k, b <- z, K <- k
Impure == INSTANCE Inner WITH a <- TLCGet("level"), b <- z, K <- 1
Primed == INSTANCE Inner WITH a <- x', b <- z, K <- 1
Double(v) == 2 * v
RECURSIVE Count(_)
Count(n) == IF n = 0 THEN x ELSE Count(n - 1)
UseOp(F(_)) == F(x)
Step == x' = y /\ z' = z
Logged == PrintT(y) /\ x' = x
"""


def _cases():
    with open(os.path.join(HERE, "fixtures", "reads.txt"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                expr, _, want = line.rpartition(" => ")
                yield pytest.param(expr, want, id=expr)


@pytest.fixture(scope="module")
def model():
    return make_model(SPEC, "Outer")


def described(model, roots) -> str:
    if roots is None:
        return "unknown"
    parts = []
    if roots.variables:
        parts.append("variables: " + ", ".join(model.variables[i] for i in roots.variables))
    if roots.substitutions:
        parts.append("substitutions: " + ", ".join(format_expr(node)
                                                   for node, _ in roots.substitutions))
    return "; ".join(parts) or "nothing"


@pytest.mark.parametrize("expr,want", list(_cases()))
def test_roots(model, expr, want):
    node = parse_expression(expr)
    roots = run_with_big_stack(state_roots, node, model.root_ns, model)
    assert described(model, roots) == want


def test_a_cfg_substitution_reads_what_its_target_reads():
    m = make_model("VARIABLES x, y\nDefault == 0\nOther == y + 1\n", "Subst",
                   substitutions={"Default": "Other"})
    roots = run_with_big_stack(state_roots, parse_expression("x + Default"), m.root_ns, m)
    assert described(m, roots) == "variables: x, y"
