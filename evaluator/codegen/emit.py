"""Writing Python source: indented lines, fresh names, nested function preludes.

Takes nothing; gives :class:`Code`, the buffer the generators write statements into. A
``Code`` knows the Python function it is writing (``func``): its *prelude* holds the
definitions of continuation functions hoisted out of the body (they are written once, at the
top of the function, and called from several places), and its loop nesting, which Python
limits to 20 statically nested blocks.
"""
from __future__ import annotations

from contextlib import contextmanager

from tla.evaluator.codegen.hoist import hoist_invariants

#: Python refuses more than 20 statically nested loops/try blocks and 100 indentation
#: levels; past these marks the generators move the rest of the code into a function
MAX_LOOPS = 14
MAX_INDENT = 60


class Func:
    """One Python function being written: its prelude lines (hoisted continuations) and
    the continuation functions already made, by signature."""
    __slots__ = ("prelude", "hoisted", "base_indent", "loops", "depth", "by_value",
                 "step_memo", "floor", "nonlocals")

    def __init__(self, base_indent: int, depth: int, by_value: bool = False,
                 floor: int = -1):
        self.prelude: list[str] = []
        self.hoisted: dict = {}
        self.base_indent = base_indent
        self.loops = 0
        #: how many generated functions enclose this one (0: a top-level unit function)
        self.depth = depth
        #: whether the enclosing code's locals it reads are its parameters (bound to their
        #: values when it is made, ``ExprGen.nested_def``), not closure cells
        self.by_value = by_value
        #: whether expressions of the step's first state are remembered in this function
        #: (an action property's, see ``ExprGen.step_memo``)
        self.step_memo = False
        #: the depth of the innermost by-value function around it, itself included (-1:
        #: none): the locals of the functions deeper than that are its closure cells
        self.floor = depth if by_value else floor
        #: locals of enclosing functions it assigns (LET cells, ``ExprGen.let_ref``)
        self.nonlocals: set[str] = set()

    def child(self, base_indent: int, by_value: bool = False) -> "Func":
        """A function written inside this one, its body at ``base_indent``."""
        return Func(base_indent, self.depth + 1, by_value, self.floor)

    def sees_cells_of(self, depth: int) -> bool:
        """Whether the locals of the enclosing function at ``depth`` are closure cells
        here (no by-value function in between), which it may assign as ``nonlocal``."""
        return self.floor <= depth < self.depth

    def opening(self) -> list[str]:
        """The lines that open its body: its ``nonlocal`` declaration and its prelude."""
        if not self.nonlocals:
            return self.prelude
        return ["    " * self.base_indent + "nonlocal " + ", ".join(sorted(self.nonlocals))] \
            + self.prelude


class Code:
    """Statements, with indentation, written in order."""

    def __init__(self, indent: int = 0, func: Func | None = None):
        self.lines: list[str] = []
        self.indent = indent
        self.func = func or Func(indent, 0)
        self._counter = [0]
        #: local -> the kind of value it is known to hold (``exprs.kind_of``): integers
        #: ("i", loops over intervals), strings ("s"), model values ("m"), booleans ("b")
        #: (loops over constant sets of them, parameters of split instances); shared like
        #: the names
        self.kinds: dict = {}

    def __call__(self, line: str) -> None:
        self.lines.append("    " * self.indent + line)

    def fresh(self, prefix: str = "t") -> str:
        self._counter[0] += 1
        return f"{prefix}{self._counter[0]}"

    def share_names(self, other: "Code") -> "Code":
        """Draw fresh names from ``other``'s counter (scratch buffers and nested
        functions must never reuse a name of the code they join)."""
        self._counter = other._counter
        self.kinds = other.kinds
        return self

    @contextmanager
    def block(self, header: str, loop: bool = False):
        """``header:`` followed by an indented block (``pass`` when nothing was written); a
        loop's invariant statements are moved before it (``hoist``)."""
        at = len(self.lines)
        self(header + ":")
        self.indent += 1
        if loop:
            self.func.loops += 1
        n = len(self.lines)
        try:
            yield
        finally:
            if len(self.lines) == n:
                self("pass")
            if loop:
                self.func.loops -= 1
                hoist_invariants(self.lines, at, "    " * self.indent)
            self.indent -= 1

    def too_deep(self) -> bool:
        return self.func.loops >= MAX_LOOPS or self.indent - self.func.base_indent >= MAX_INDENT

    def scratch(self) -> "Code":
        """A buffer at the same position, for measuring what a continuation would write."""
        c = Code(self.indent, self.func)
        return c.share_names(self)

    def extend(self, other: "Code") -> None:
        self.lines.extend(other.lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def insert_prelude(lines: list[str], func: Func, at: int) -> list[str]:
    """``lines`` with ``func``'s prelude inserted at position ``at``."""
    return lines[:at] + func.prelude + lines[at:]
