"""The coverage report of ``-coverage`` (TLC's ``CostModelCreator`` output), and the
counting behind it.

Takes: a breadth-first search to count in (:func:`attach_coverage`), or coverage figures as
small records. Gives: TLC's lines through a :class:`messages.Reporter`:

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

What pytlc counts (:class:`CoverageCollector`) is TLC's figures at the level of actions:
``distinct:generated`` per next-state action (actions from the same body, such as ``Inc(p1)``
and ``Inc(p2)``, are one line, labelled with the definition's declaration and, when the
action is one disjunct of it, the disjunct's location ``(l1 c1 l2 c2)``), the same for the
initial predicate, the distinct values of each variable over the generated successors, and
the invariants' names. TLC's per-expression lines need evaluation counts per sub-expression,
which pytlc's evaluator does not keep, and are not printed; neither are constraints.
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


# --------------------------------------------------------------------------------------
# Collecting the figures during a breadth-first search
# --------------------------------------------------------------------------------------

def _action_key(label) -> tuple:
    """Actions that come from the same body share their figures (TLC's cost model per
    ``Action.pred``: ``Inc(p1)`` and ``Inc(p2)`` are one ``Inc``)."""
    return (getattr(label, "name", None), getattr(label, "span", None))


class CoverageCollector:
    """What ``-coverage`` reports, counted as the search goes (TLC's ``CostModel``
    counters at the level of actions, without per-expression counts):

    * per action of the next-state relation: the successors it generated and the new
      (distinct) states it found;
    * the initial predicate: distinct and generated initial states;
    * per variable: the number of distinct values it has in the generated successors
      (TLC estimates this with a HyperLogLog; pytlc counts exactly).

    :meth:`wrap_successors` and :meth:`on_state` are hooked into the search by
    :func:`attach_coverage`; counting is on only while ``active``.
    """

    def __init__(self, variables: int):
        from tla.evaluator.fingerprint import fingerprint
        self.fingerprint = fingerprint
        self.generated: dict[tuple, int] = {}
        self.distinct: dict[tuple, int] = {}
        self.values: list[set] = [set() for _ in range(variables)]
        self.active = False

    def wrap_successors(self, successors):
        generated, values, fingerprint = self.generated, self.values, self.fingerprint

        def counted(state, level):
            for succ, label in successors(state, level):
                if self.active:
                    key = _action_key(label)
                    generated[key] = generated.get(key, 0) + 1
                    for seen, value in zip(values, succ):
                        if value is not None:
                            seen.add(fingerprint(value))
                yield succ, label
        return counted

    def on_state(self, index, state, parent, label) -> None:
        if self.active and parent >= 0:
            key = _action_key(label)
            self.distinct[key] = self.distinct.get(key, 0) + 1


def attach_coverage(search, variables: int) -> CoverageCollector:
    """Hook a :class:`CoverageCollector` into ``search`` (before it runs), keeping the
    ``on_state`` callback it already has."""
    collector = CoverageCollector(variables)
    search.successors = collector.wrap_successors(search.successors)
    previous = search.on_state

    def on_state(index, state, parent, label):
        collector.on_state(index, state, parent, label)
        if previous is not None:
            previous(index, state, parent, label)
    search.on_state = on_state
    return collector


# --------------------------------------------------------------------------------------
# Where things are declared (TLC prints declarations, not bodies)
# --------------------------------------------------------------------------------------

def _location(line: int, col: int, end_line: int, end_col: int, module: str) -> str:
    return f"line {line}, col {col} to line {end_line}, col {end_col} of module {module}"


class SourceLocator:
    """Locations of declarations, found in the modules' source text: the head
    ``Name(params)`` of a definition and each name of a ``VARIABLES`` list."""

    def __init__(self, paths: dict[str, str]):
        self.paths = paths
        self._lines: dict[str, list[str]] = {}

    def lines(self, module: str) -> list[str]:
        if module not in self._lines:
            try:
                with open(self.paths[module], encoding="utf-8", errors="replace") as fh:
                    self._lines[module] = fh.read().split("\n")
            except (KeyError, OSError):
                self._lines[module] = []
        return self._lines[module]

    def definition_head(self, span, name: str) -> str:
        """``line l, col c to line l, col e of module M`` for the text before ``==`` of
        the definition starting at ``span`` (the name alone when that is not found)."""
        lines = self.lines(span.module)
        end_col = span.col + len(name) - 1
        if 0 < span.line <= len(lines):
            text = lines[span.line - 1]
            head = text[span.col - 1:].split("==", 1)[0].rstrip()
            if head.startswith(name):
                end_col = span.col + len(head) - 1
        return _location(span.line, span.col, span.line, end_col, span.module)

    def variable(self, unit_span, name: str) -> str | None:
        """The location of ``name`` in the ``VARIABLES`` declaration at ``unit_span``."""
        import re
        lines = self.lines(unit_span.module)
        pattern = re.compile(rf"(?<![\w!]){re.escape(name)}(?!\w)")
        for number in range(unit_span.line, min(unit_span.end_line, len(lines)) + 1):
            text = lines[number - 1]
            start = unit_span.col - 1 if number == unit_span.line else 0
            match = pattern.search(text, start)
            if match and (number < unit_span.end_line or match.end() <= unit_span.end_col):
                col = match.start() + 1
                return _location(number, col, number, col + len(name) - 1, unit_span.module)
        return None


def coverage_report(model, plan, tree, collector: CoverageCollector, var_order,
                    init_generated: int, init_distinct: int):
    """The variables and entries of a report (see :func:`print_coverage`) from what
    ``collector`` counted, in TLC's order: variables (print order), the initial
    predicate, the next-state actions by location of their bodies, the invariants."""
    from tla.evaluator.scope import DefEntry
    from tla.parser import ast as A
    locator = SourceLocator(getattr(tree, "paths", {}) or {})
    variables = []
    declarations = {}
    for module in (model.root,):
        for unit in module.units:
            if isinstance(unit, A.Variables):
                for name in unit.names:
                    declarations[name] = unit.span
    for i in var_order:
        name = model.variables[i]
        span = declarations.get(name)
        where = locator.variable(span, name) if span is not None else None
        if where is not None:
            variables.append(CoverageVariable(name, where, len(collector.values[i])))

    def declared(name, span=None):
        entry = model.root_ns.lookup(name) if name else None
        if type(entry) is DefEntry and entry.span is not None:
            head = locator.definition_head(entry.span, name)
            body = getattr(entry.body, "span", None)
            if span is None or body is None or span == body:
                return f"<{name} {head}>"
            return (f"<{name} {head} ({span.line} {span.col} {span.end_line} "
                    f"{span.end_col})>")
        where = span.tlc_location() if span is not None else ""
        return f"<{name or 'Action'} {where}>".replace(" >", ">")

    entries = []
    init = plan.init
    init_name = init if isinstance(init, str) else (
        init.name if isinstance(init, A.OpApp) and not init.args else None)
    # a reference to Init is reported as Init's declaration
    init_label = (declared(init_name) if init_name is not None
                  else declared("Initial predicate", getattr(init, "span", None)))
    entries.append(CoverageEntry("init", init_label, init_distinct, init_generated))
    if plan.next is not None:
        seen = set()
        actions = [a for a in model.actions_of(plan.next)
                   if not (_action_key(a.label) in seen or seen.add(_action_key(a.label)))]

        def position(action):
            span = action.label.span
            return ((span.module, span.line, span.col, span.end_line, span.end_col)
                    if span is not None else ("", 0, 0, 0, 0))
        for action in sorted(actions, key=position):
            key = _action_key(action.label)
            entries.append(CoverageEntry("next", declared(action.label.name, action.label.span),
                                         collector.distinct.get(key, 0),
                                         collector.generated.get(key, 0)))
    for name, _ in plan.invariants:
        if model.has_definition(name):
            entries.append(CoverageEntry("property", declared(name)))
    return variables, entries
