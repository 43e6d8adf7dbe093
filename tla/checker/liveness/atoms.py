"""The atoms of the temporal formulas, evaluated once per state and per step as the search
finds them, and tests on their values.

Takes the branches' formulas (``tla.checker.liveness.formula``); gives an
:class:`AtomTable` (every distinct atom with its bit in the behaviour graph's bit sets), an
:class:`AtomRecorder` (fed by the search: it evaluates the atoms on every new state and on
every new step and records the bits in the :class:`BehaviourGraph`) and :class:`Literals`
/ :class:`StepTest` (tests on those bits: a tableau node's atoms, a fairness condition).

As TLC does (``LiveCheck.addNextState``: ``checkState`` on each state, ``checkAction`` on
each step), every state atom is evaluated on every state; an action atom is evaluated on a
step only where it can matter: when some test that mentions it has its state part satisfied
by the step's source (``ENABLED A`` failing makes ``<<A>>_v`` irrelevant to ``WF_v(A)``).
Two kinds are decided without evaluating ``A``, when the state graph allows it:

* ``<<A>>_v`` is FALSE on a stuttering step; on a step of the graph where A is the
  next-state relation the search enumerates, A holds, so only ``v' # v`` is evaluated;
* ``ENABLED <<Next>>_v`` (Next the search's relation) holds in a state exactly when one of
  its steps in the graph satisfies ``<<Next>>_v``, provided every successor is in the graph
  (no CONSTRAINT/ACTION_CONSTRAINT, no VIEW/SYMMETRY merging states); it is computed from
  the edge bits once the state is explored (:meth:`AtomRecorder.finish`).

``ENABLED A`` where A primes an expression that is not a variable (an INSTANCE substitution
such as ``v <- f(x, y)``), which the evaluator cannot solve for the next state, is decided
on the steps the graph has from the state, A evaluated on each: sound for the steps of the
spec; an A step to a state the spec never takes is not seen.
"""
from __future__ import annotations

from typing import Optional

from tla.checker.liveness.formula import And, Atom, Const, Formula, Or
from tla.checker.liveness.graph import BehaviourGraph
from tla.errors import EvalError


class AtomTable:
    """The distinct atoms of a set of formulas, each with a bit: state atoms (and derived
    ``ENABLED``) in the state bits, action atoms in the edge bits."""

    def __init__(self, formulas, exact_steps: bool, all_successors: bool):
        """``exact_steps``: a step of the graph goes to the very successor the relation
        produced (no VIEW/SYMMETRY); ``all_successors``: every successor of an explored
        state is in the graph (also no constraint)."""
        self.state_bit: dict = {}       # atom ident -> bit
        self.action_bit: dict = {}
        self.state_atoms: list = []     # evaluated on states: (bit, atom)
        self.action_atoms: list = []    # evaluated on steps: (bit, atom)
        self.derived: list = []         # ENABLED <<Next>>_v: (bit, bit of <<Next>>_v)
        self.exact_steps = exact_steps
        self.all_successors = all_successors
        for f in formulas:
            self._collect(f)

    def _collect(self, f: Formula) -> None:
        if isinstance(f, Atom):
            self.bit(f)
        elif isinstance(f, (And, Or)):
            for item in f.items:
                self._collect(item)
        elif hasattr(f, "body"):
            self._collect(f.body)

    def bit(self, atom: Atom) -> int:
        """The bit of ``atom`` (registered on first use)."""
        if atom.level >= 2:
            b = self.action_bit.get(atom.ident)
            if b is None:
                b = self.action_bit[atom.ident] = len(self.action_bit)
                self.action_atoms.append((b, atom))
            return b
        b = self.state_bit.get(atom.ident)
        if b is None:
            b = self.state_bit[atom.ident] = len(self.state_bit)
            angle = atom.enabled_angle
            if angle is not None and angle.angle.is_next and self.exact_steps \
                    and self.all_successors:
                self.derived.append((b, self.bit(angle)))
            else:
                self.state_atoms.append((b, atom))
        return b

    @property
    def state_width(self) -> int:
        return len(self.state_bit)

    @property
    def action_width(self) -> int:
        return len(self.action_bit)

    def literal(self, atom: Atom) -> tuple[bool, int, bool]:
        """(is an action atom, mask, negated) of an atom occurrence."""
        return atom.level >= 2, 1 << self.bit(atom), atom.negated


class Literals:
    """A conjunction of atom occurrences as masks: the state bits must have ``s_on`` set and
    ``s_off`` clear, the step's bits ``e_on`` set and ``e_off`` clear."""
    __slots__ = ("s_on", "s_off", "e_on", "e_off")

    def __init__(self, table: AtomTable, atoms) -> None:
        self.s_on = self.s_off = self.e_on = self.e_off = 0
        for a in atoms:
            action, mask, negated = table.literal(a)
            if action:
                if negated:
                    self.e_off |= mask
                else:
                    self.e_on |= mask
            elif negated:
                self.s_off |= mask
            else:
                self.s_on |= mask

    def holds(self, sb: int, eb: int) -> bool:
        return (sb & self.s_on == self.s_on and not sb & self.s_off
                and eb & self.e_on == self.e_on and not eb & self.e_off)

    @property
    def empty(self) -> bool:
        return not (self.s_on or self.s_off or self.e_on or self.e_off)

    @property
    def contradictory(self) -> bool:
        return bool(self.s_on & self.s_off or self.e_on & self.e_off)


class StepTest:
    """A formula without temporal operators as a test ``holds(sb, eb)`` on a step (the
    source state's bits, the step's bits): its disjunctive normal form, one
    :class:`Literals` per disjunct."""

    MAX_TERMS = 256

    def __init__(self, table: AtomTable, formula: Formula) -> None:
        terms = _dnf(formula, self.MAX_TERMS)
        if terms is None:
            raise EvalError("A fairness condition or temporal property is too large to "
                            "check (its disjunctive normal form has more than "
                            f"{self.MAX_TERMS} terms).")
        self.terms = [t for t in (Literals(table, atoms) for atoms in terms)
                      if not t.contradictory]
        self.always = any(t.empty for t in self.terms)

    def holds(self, sb: int, eb: int) -> bool:
        if self.always:
            return True
        for t in self.terms:
            if (sb & t.s_on == t.s_on and not sb & t.s_off
                    and eb & t.e_on == t.e_on and not eb & t.e_off):
                return True
        return False


def _dnf(f: Formula, limit: int) -> Optional[list]:
    """``f`` as a list of conjunctions (lists of atoms); None when larger than ``limit``."""
    if isinstance(f, Const):
        return [[]] if f.value else []
    if isinstance(f, Atom):
        return [[f]]
    if isinstance(f, Or):
        out: list = []
        for item in f.items:
            part = _dnf(item, limit)
            if part is None:
                return None
            out.extend(part)
            if len(out) > limit:
                return None
        return out
    if isinstance(f, And):
        out = [[]]
        for item in f.items:
            part = _dnf(item, limit)
            if part is None or len(out) * len(part) > limit:
                return None
            out = [a + b for a in out for b in part]
        return out
    raise TypeError(f"not a step formula: {f!r}")


class AtomRecorder:
    """Evaluates the atoms on what the search finds and records the bits in ``graph``.

    ``add_state(index, state)`` for every new state (in index order), ``add_edge(src, dst,
    s, t)`` for every step between states of the model (``s``, ``t`` the states of the
    indices; in exploration order, grouped by source), ``finish(done)`` before a check.
    An evaluation error is kept in ``error`` (and recording stops): the caller stops the
    search and reports it."""

    def __init__(self, table: AtomTable, graph: BehaviourGraph, terms=None) -> None:
        """``terms``: every :class:`Literals` the checks will test (None: unknown, every
        action atom is evaluated on every step)."""
        self.table = table
        self.graph = graph
        self.error: Optional[EvalError] = None
        self.finished = 0                 # states whose derived atoms are computed
        self._state_atoms = [(1 << b, a.fn, a.env, a) for b, a in table.state_atoms]
        self._by_mask = {1 << b: a for b, a in table.state_atoms}
        plain, angles = [], []
        for b, a in table.action_atoms:
            if a.angle is not None:
                ang = a.angle
                angles.append((1 << b, ang.sub_fn, ang.action_fn,
                               ang.is_next and table.exact_steps, a.env))
            else:
                plain.append((1 << b, a.fn, a.env, a))
        self._plain_actions = plain
        self._angles = angles
        self._needs = _needs(table, terms)
        self._needed_source = -1
        self._needed_mask = 0
        #: state bits not final when a state is recorded (derived later from its steps)
        self._late = 0
        for b, _ in table.derived:
            self._late |= 1 << b

    # ------------------------------------------------------------------ recording
    def add_state(self, index: int, state) -> None:
        if self.error is not None:
            return
        try:
            sb = 0
            for mask, fn, env, atom in self._state_atoms:
                try:
                    v = fn(state, None, env)
                except EvalError as exc:
                    if atom.step_fn is None or "before it was assigned" not in exc.message:
                        raise
                    # decided on the state's steps (see the module's docstring)
                    pending = self.graph.pending
                    pending[index] = pending.get(index, 0) | mask
                    if _boolean(atom, atom.step_fn(state, state, atom.env)):
                        sb |= mask
                    continue
                if _boolean(atom, v):
                    sb |= mask
            eb = 0
            needed = self._needed(sb, self.graph.pending.get(index, 0))
            for mask, fn, env, atom in self._plain_actions:
                if needed & mask and _boolean(atom, fn(state, state, env)):
                    eb |= mask
            # <<A>>_v never holds on a stuttering step: v' = v
            self.graph.add_state(index, sb, eb)
        except EvalError as exc:
            self.error = exc

    def _needed(self, sb: int, unknown: int) -> int:
        """The action atoms whose value on a step from a state with bits ``sb`` can make a
        difference to some test (``unknown``: bits of ``sb`` not final yet)."""
        unknown |= self._late
        needed = 0
        for mask, requirements in self._needs:
            if requirements is None:
                needed |= mask
                continue
            for on, off in requirements:
                on &= ~unknown
                if sb & on == on and not sb & off & ~unknown:
                    needed |= mask
                    break
        return needed

    def add_edge(self, src: int, dst: int, s, t) -> None:
        graph = self.graph
        if self.error is not None or not graph.add_edge(src, dst):
            return
        try:
            if src != self._needed_source:
                self._needed_source = src
                self._needed_mask = self._needed(graph.state_bits[src],
                                                 graph.pending.get(src, 0))
            needed = self._needed_mask
            eb = 0
            if needed:
                for mask, fn, env, atom in self._plain_actions:
                    if needed & mask and _boolean(atom, fn(s, t, env)):
                        eb |= mask
                if self._angles:
                    eb |= self._angle_bits(s, t, src == dst, needed)
            graph.set_edge_bits(eb)
            pending = graph.pending.get(src)
            if pending:
                bits = graph.state_bits
                for mask, atom in self._by_mask.items():
                    if pending & mask and not bits[src] & mask \
                            and _boolean(atom, atom.step_fn(s, t, atom.env)):
                        bits[src] |= mask
        except EvalError as exc:
            if len(graph.edge_bits) < len(graph.targets):
                graph.set_edge_bits(0)
            self.error = exc

    def _angle_bits(self, s, t, same: bool, needed: int) -> int:
        from tla.evaluator.values import eq
        if same:
            return 0                       # a step back to the same state: v' = v
        eb = 0
        for mask, sub_fn, action_fn, is_next, env in self._angles:
            if not needed & mask or eq(sub_fn(t, None, env), sub_fn(s, None, env)):
                continue
            if is_next or action_fn(s, t, env) is True:
                eb |= mask
        return eb

    def finish(self, done: int) -> None:
        """States ``0 .. done - 1`` are explored: complete what depends on their steps."""
        graph = self.graph
        graph.mark_done(done)
        pending = graph.pending
        if pending:
            for s in [s for s in pending if s < done]:
                del pending[s]
        derived = self.table.derived
        if derived:
            starts, ebits, sbits = graph.starts, graph.edge_bits, graph.state_bits
            for s in range(self.finished, done):
                sb = sbits[s]
                for bit, angle_bit in derived:
                    m = 1 << angle_bit
                    for e in range(starts[s], starts[s + 1]):
                        if ebits[e] & m:
                            sb |= 1 << bit
                            break
                sbits[s] = sb
        self.finished = max(self.finished, done)


def _needs(table: AtomTable, terms) -> list:
    """Per action atom, (its mask, the state requirements under which it matters): the
    (on, off) state masks of every term that mentions it, or None when some term mentions
    it with no state requirement (it always matters). A term whose state part fails is
    false whatever the action atoms say, so an atom no term needs is left unevaluated (its
    bit 0)."""
    out = []
    sources = {angle_bit for _, angle_bit in table.derived}
    for b, _ in table.action_atoms:
        mask = 1 << b
        if terms is None or b in sources:
            out.append((mask, None))
            continue
        requirements: Optional[list] = []
        for t in terms:
            if not (t.e_on | t.e_off) & mask:
                continue
            if not (t.s_on or t.s_off):
                requirements = None
                break
            requirements.append((t.s_on, t.s_off))
        if requirements is None or requirements:
            out.append((mask, None if requirements is None else list(set(requirements))))
    return out


def _boolean(atom: Atom, v) -> bool:
    if v is True or v is False:
        return v
    raise EvalError(f"The temporal formula {atom.text} evaluated to a non-boolean value.")
