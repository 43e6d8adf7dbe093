"""The coverage report of ``-coverage`` (TLC's ``CostModelCreator`` output).

Takes: coverage figures the checker collected, as small records.
Gives: TLC's lines through a :class:`messages.Reporter`:

    The coverage statistics at <now> (see ... for how to interpret the following statistics).
    <s line 4, col 17 to line 4, col 17 of module Ok>: 3             (2779, per variable)
    <Init line 6, col 1 to line 6, col 4 of module Ok>: 1:1          (2773: distinct:generated)
      line 7, col 16 to line 7, col 39 of module Ok: 1:2             (2775: count:cost)
      |line 7, col 23 to line 7, col 27 of module Ok: 1              (2221: count)
    <Inc line 10, col 1 to line 10, col 6 of module Ok>: 9:20        (2772, a next-state action)
    <TypeOK line 23, col 1 to line 23, col 6 of module Ok>           (2774, an invariant/property)
    End of statistics.                                               (2202, or 2777)

(tlc-interface.md section 2.4 and ``coverage.out``). A sub-expression's nesting depth is
shown by that many ``|`` before its location; its line has a cost only when it has one.
What the counts mean is the checker's business; this module only prints them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from tla.tlc_compat.codes import EC
from tla.tlc_compat.messages import Reporter


@dataclass(frozen=True, slots=True)
class CoverageExpression:
    """One evaluated sub-expression: its location text, nesting depth, count and cost."""

    location: str
    depth: int
    count: int
    cost: int | None = None


@dataclass(frozen=True, slots=True)
class CoverageEntry:
    """An action, constraint or property with its sub-expressions.

    ``kind`` is ``"init"`` (2773), ``"next"`` (2772), ``"constraint"`` (2778) or
    ``"property"`` (2774, no figures); ``label`` is the ``<Name line ... of module M>`` text.
    """

    kind: str
    label: str
    distinct: int = 0
    generated: int = 0
    expressions: tuple[CoverageExpression, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class CoverageVariable:
    """A variable: its name, the location of its declaration, and its figure."""

    name: str
    location: str
    count: int


_ENTRY_CODES = {"init": EC.TLC_COVERAGE_INIT, "next": EC.TLC_COVERAGE_NEXT,
                "constraint": EC.TLC_COVERAGE_CONSTRAINT}


def print_coverage(reporter: Reporter, variables: Sequence[CoverageVariable],
                   entries: Sequence[CoverageEntry], with_overhead_note: bool = False) -> None:
    """Print one coverage report."""
    reporter.message(EC.TLC_COVERAGE_START)
    for var in variables:
        reporter.message(EC.TLC_COVERAGE_VAR, var.name, var.location, var.count)
    for entry in entries:
        if entry.kind == "property":
            reporter.message(EC.TLC_COVERAGE_PROPERTY, entry.label)
        else:
            reporter.message(_ENTRY_CODES[entry.kind], entry.label, entry.distinct,
                             entry.generated)
        for expr in entry.expressions:
            where = "|" * expr.depth + expr.location
            if expr.cost is None:
                reporter.message(EC.TLC_COVERAGE_VALUE, where, expr.count)
            else:
                reporter.message(EC.TLC_COVERAGE_VALUE_COST, where, expr.count, expr.cost)
    reporter.message(EC.TLC_COVERAGE_END_OVERHEAD if with_overhead_note else EC.TLC_COVERAGE_END)
