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

    def __init__(self, formulas, exact_steps: bool, all_successors: bool, cover=None):
        """``exact_steps``: a step of the graph goes to the very successor the relation
        produced (no VIEW/SYMMETRY); ``all_successors``: every successor of an explored
        state is in the graph (also no constraint); ``cover(atom)``: the ids of the labels
        of the search's split actions that decide an atom (``tla.checker.liveness.labels``),
        or None."""
        self.state_bit: dict = {}       # atom ident -> bit
        self.action_bit: dict = {}
        self.state_atoms: list = []     # evaluated on states: (bit, atom)
        self.action_atoms: list = []    # on steps: (bit, atom); evaluated unless labelled
        self.derived: list = []         # ENABLED <<Next>>_v: (bit, bit of <<Next>>_v)
        #: atoms decided by the labels of the successors: bit -> (label ids, atom)
        self.labelled_state: dict = {}
        self.labelled_action: dict = {}
        self.exact_steps = exact_steps
        self.all_successors = all_successors
        self._cover = cover if exact_steps else None
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
                labels = self._labels(atom) if atom.angle is not None else None
                if labels is not None:
                    self.labelled_action[b] = (labels, atom)
            return b
        b = self.state_bit.get(atom.ident)
        if b is None:
            b = self.state_bit[atom.ident] = len(self.state_bit)
            angle = atom.enabled_angle
            labels = self._labels(atom) if atom.step_fn is not None else None
            if labels is not None:
                self.labelled_state[b] = (labels, atom)
            elif angle is not None and angle.angle.is_next and self.exact_steps \
                    and self.all_successors:
                self.derived.append((b, self.bit(angle)))
            else:
                self.state_atoms.append((b, atom))
        return b

    def _labels(self, atom: Atom):
        return self._cover(atom) if self._cover is not None else None

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

    def __init__(self, table: AtomTable, graph: BehaviourGraph, tests=None) -> None:
        """``tests``: every test the checks will make on steps, each a disjunction (a list)
        of :class:`Literals` (None: unknown, every action atom is evaluated on every
        step)."""
        self.table = table
        self.graph = graph
        self.error: Optional[EvalError] = None
        self.finished = 0                 # states whose derived atoms are computed
        self._state_atoms = [(1 << b, a.fn, a.env, a) for b, a in table.state_atoms]
        self._by_mask = {1 << b: a for b, a in table.state_atoms}
        self._plain_actions = []
        groups: dict = {}
        for b, a in table.action_atoms:
            ang = a.angle
            if b in table.labelled_action:
                continue
            if ang is None:
                self._plain_actions.append((1 << b, a.fn, a.env, a))
                continue
            group = groups.setdefault(ang.sub_key, (ang.sub_fn, a.env, []))
            group[2].append((1 << b, ang.action_fn, ang.is_next and table.exact_steps, a.env))
        #: the <<A>>_v atoms by subscript v: (v, environment, [(mask, A, A is Next, env)])
        self._angle_groups = list(groups.values())
        self._init_labels(table)
        self._all_actions = (1 << table.action_width) - 1
        always, self._tests = _split_tests(tests, table)
        if tests is None:
            always = self._all_actions
        for _, angle_bit in table.derived:
            always |= 1 << angle_bit          # what derived ENABLED atoms are made of
        self._always_needed = always
        #: state bits not final when a state is recorded (derived later from its steps)
        self._late = 0
        for b, _ in table.derived:
            self._late |= 1 << b
        for b in table.labelled_state:
            self._late |= 1 << b
        self._source = -1
        self._source_needed = 0
        self._source_subs: list = []

    def _init_labels(self, table: AtomTable) -> None:
        """Per label id, the atoms a successor with that label decides: (subscript index
        or -1 when no ``v' # v`` is asked, mask), for steps and for ENABLED."""
        subs: dict = {}
        self._subs: list = []

        def sub_index(angle) -> int:
            if angle is None:
                return -1
            i = subs.get(angle.sub_key)
            if i is None:
                i = subs[angle.sub_key] = len(self._subs)
                self._subs.append(angle.sub_fn)
            return i
        self._label_steps: dict = {}
        self._label_enabled: dict = {}
        for b, (labels, atom) in table.labelled_action.items():
            entry = (sub_index(atom.angle), 1 << b, atom.env)
            for lid in labels:
                self._label_steps.setdefault(lid, []).append(entry)
        for b, (labels, atom) in table.labelled_state.items():
            angle = atom.enabled_angle.angle if atom.enabled_angle is not None else None
            entry = (sub_index(angle), 1 << b, atom.env)
            for lid in labels:
                self._label_enabled.setdefault(lid, []).append(entry)
        self._transition_bits = 0
        self._label_source = -1
        self._label_vs: list = []

    @property
    def uses_labels(self) -> bool:
        """Whether :meth:`add_successor` must see every successor the search generates."""
        return bool(self._label_steps or self._label_enabled)

    # ------------------------------------------------------------------ recording
    def add_successor(self, index: int, state, succ, label) -> None:
        """The search generated ``succ`` from state ``index`` (``state``) with the split
        action of ``label`` (every successor, in the model or not, before ``add_state``
        and ``add_edge`` of it)."""
        lid = id(label)
        steps = self._label_steps.get(lid)
        enabled = self._label_enabled.get(lid)
        self._transition_bits = 0
        if steps is None and enabled is None or self.error is not None:
            return
        from tla.evaluator.values import eq
        try:
            if index != self._label_source:
                self._label_source = index
                self._label_vs = [None] * len(self._subs)
            vs = self._label_vs
            changed: dict = {}

            def moves(i: int, env) -> bool:
                if i < 0:
                    return True
                c = changed.get(i)
                if c is None:
                    sub = self._subs[i]
                    if vs[i] is None:
                        vs[i] = sub(state, None, env)
                    c = changed[i] = not eq(sub(succ, None, env), vs[i])
                return c
            eb = 0
            for i, mask, env in steps or ():
                if moves(i, env):
                    eb |= mask
            sb = 0
            for i, mask, env in enabled or ():
                if moves(i, env):
                    sb |= mask
            if sb:
                self.graph.state_bits[index] |= sb
            self._transition_bits = eb
        except EvalError as exc:
            self.error = exc

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
            if self._plain_actions:
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
        difference to a test (``unknown``: bits of ``sb`` not final yet). A test (a
        disjunction) that a term without action atoms already makes true needs none; in
        the others, the atoms of the terms whose state part may hold are needed."""
        unknown |= self._late
        needed = self._always_needed
        for decided_by, action_terms in self._tests:
            decided = False
            for on, off in decided_by:
                if not (on | off) & unknown and sb & on == on and not sb & off:
                    decided = True
                    break
            if decided:
                continue
            for on, off, mask in action_terms:
                on &= ~unknown
                if sb & on == on and not sb & off & ~unknown:
                    needed |= mask
        return needed

    def add_edge(self, src: int, dst: int, s, t) -> None:
        graph = self.graph
        labelled, self._transition_bits = self._transition_bits, 0
        if self.error is not None:
            return
        edge = graph.add_edge(src, dst)
        if edge < 0:
            if labelled:                  # the same step by another split action
                graph.edge_bits[~edge] |= labelled
            return
        try:
            if src != self._source:
                self._source = src
                self._source_needed = self._needed(graph.state_bits[src],
                                                   graph.pending.get(src, 0))
                self._source_subs = [None] * len(self._angle_groups)
            needed = self._source_needed
            eb = labelled
            if needed:
                for mask, fn, env, atom in self._plain_actions:
                    if needed & mask and _boolean(atom, fn(s, t, env)):
                        eb |= mask
                if self._angle_groups and src != dst:     # v' = v on a step back
                    eb |= self._angle_bits(s, t, needed)
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

    def _angle_bits(self, s, t, needed: int) -> int:
        """The <<A>>_v atoms on the step s -> t: v is evaluated once per subscript (on s
        once per source), A only where v changes."""
        from tla.evaluator.values import eq
        eb = 0
        subs = self._source_subs
        for g, (sub_fn, sub_env, angles) in enumerate(self._angle_groups):
            if not any(needed & mask for mask, _, _, _ in angles):
                continue
            vs = subs[g]
            if vs is None:
                vs = subs[g] = sub_fn(s, None, sub_env)
            if eq(sub_fn(t, None, sub_env), vs):
                continue
            for mask, action_fn, is_next, env in angles:
                if needed & mask and (is_next or action_fn(s, t, env) is True):
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


def _split_tests(tests, table: AtomTable) -> tuple[int, list]:
    """The action atoms some test always needs (a term with no state part), and the tests
    as (state-only terms (on, off), terms with action atoms (on, off, action mask))."""
    always = 0
    out = []
    seen = set()
    for terms in tests or ():
        key = tuple((t.s_on, t.s_off, t.e_on, t.e_off) for t in terms)
        if key in seen:
            continue                # branches sharing their fairness share its tests
        seen.add(key)
        decided_by, action_terms = [], []
        for t in terms:
            mask = t.e_on | t.e_off
            if not mask:
                decided_by.append((t.s_on, t.s_off))
            elif not (t.s_on or t.s_off) and not decided_by and len(terms) == 1:
                always |= mask
            else:
                action_terms.append((t.s_on, t.s_off, mask))
        if action_terms:
            out.append((decided_by, action_terms))
    return always, out


def _boolean(atom: Atom, v) -> bool:
    if v is True or v is False:
        return v
    raise EvalError(f"The temporal formula {atom.text} evaluated to a non-boolean value.")
