"""The atoms of the temporal formulas, evaluated at most once per state and per step, and
tests on their values.

Takes the branches' formulas (``tla.checker.liveness.formula``); gives an
:class:`AtomTable` (every distinct atom with its bit in the behaviour graph's bit sets), an
:class:`AtomRecorder` (fed by the search: it evaluates the atoms on the new states and
steps and records the bits in the :class:`BehaviourGraph`) and :class:`Literals` /
:class:`StepTest` (tests on those bits: a tableau node's atoms, a fairness condition).

As TLC does (``LiveCheck.addNextState``: ``checkState`` on each state, ``checkAction`` on
each step), the atoms are evaluated as states and steps are found, with three economies:

* an action atom is evaluated on a step only where it can matter: when some test that
  mentions it has its state part satisfied by the step's source (``ENABLED A`` failing
  makes ``<<A>>_v`` irrelevant to ``WF_v(A)``);
* when the found states can be had again (``state_of``), the ENABLED atoms of the weak
  fairness every branch assumes, and the action atoms only ``[]<>`` tests use, wait until a
  check needs them: for a component of several states (:meth:`AtomRecorder.resolve`), or
  for a lone state that the other tests do not rule out, where they are evaluated in order
  until one holds (:meth:`AtomRecorder.alone_is_unfair`: an enabled action that a step
  back to the same state does not take makes it unfair). Most states of most specs are
  lone components, so most of these atoms are never evaluated (TLC evaluates them all);
* some atoms are decided without evaluating their action: those the labels of the
  search's successors decide (``tla.checker.liveness.labels``); ``<<A>>_v``, FALSE on a
  stuttering step, and on a step of the graph where A is the next-state relation the
  search enumerates only ``v' # v`` to evaluate; ``ENABLED <<Next>>_v`` (Next the search's
  relation), which holds in a state exactly when one of its steps in the graph satisfies
  ``<<Next>>_v``, provided every successor is in the graph (no CONSTRAINT or
  ACTION_CONSTRAINT, no VIEW or SYMMETRY merging states), computed from the edge bits once
  the state is explored (:meth:`AtomRecorder.finish`).

``ENABLED A`` where A primes an expression that is not a variable (an INSTANCE substitution
such as ``v <- f(x, y)``), which the evaluator cannot solve for the next state, is decided
on the steps the graph has from the state, A evaluated on each: sound for the steps of the
spec; an A step to a state the spec never takes is not seen. Once the evaluator has failed
on such an atom, the steps are asked first in every state (a step that satisfies A decides
the atom as the evaluator would) and the evaluator only where none does: it tries the
action before it fails, which cost TestGraphs a third of its run.
"""
from __future__ import annotations

from typing import Optional

from tla.checker.liveness.formula import And, Atom, Const, Formula, Or
from tla.checker.liveness.graph import BehaviourGraph
from tla.errors import EvalError
from tla.evaluator.values import eq


def _union_of(masks) -> int:
    """The bitwise union of ``masks``."""
    u = 0
    for m in masks:
        u |= m
    return u


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
                labels = (self._labels(atom) if atom.angle is not None or atom.box is not None
                          else None)
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


class Subscript:
    """The subscript ``v`` of atoms ``<<A>>_v``, ``[A]_v`` and ``ENABLED <<A>>_v``, as the
    test ``v' = v`` on a step. A subscript that is a tuple of variables (``vars`` ==
    ``<<x, y>>``: ``Angle.sub_vars``) compares the states' parts one by one, in order, as
    the tuples' ``=`` would, without building them; another is evaluated, on the first
    state once for all the steps from it.

    On the steps of the graph (:meth:`unchanged_between`) the value of an evaluated
    subscript is also kept by state index: a state is the target of several steps (five
    on average in MCLiveWriteThroughCache, whose ``LM_Inner_vars`` maps the cache's
    variables through three definitions) and the source of its own, and is evaluated
    once. At most :data:`KEPT` values are kept (all dropped when full: a bound on
    memory)."""
    __slots__ = ("fn", "env", "parts", "_first", "_value", "_at")

    #: values kept by state index
    KEPT = 1 << 16

    def __init__(self, angle, env) -> None:
        self.fn = angle.sub_fn
        self.env = env
        self.parts = angle.sub_vars
        self._first = None
        self._value = None
        self._at: dict = {}

    def unchanged(self, s, t) -> bool:
        parts = self.parts
        if parts is not None:
            for i in parts:
                a = t[i]
                b = s[i]
                if a is not b and not eq(a, b):
                    return False
            return True
        if self._first is not s:
            self._value = self.fn(s, None, self.env)
            self._first = s
        return eq(self.fn(t, None, self.env), self._value)

    def unchanged_between(self, src: int, dst: int, s, t) -> bool:
        """``unchanged(s, t)`` for the step from state ``src`` (``s``) to state ``dst``
        (``t``) of the graph."""
        parts = self.parts
        if parts is not None:
            # unchanged()'s loop, in line: the call to it cost ReadersWriters 0.5 % of its
            # instructions (it runs on every step of the graph)
            for i in parts:
                a = t[i]
                b = s[i]
                if a is not b and not eq(a, b):
                    return False
            return True
        at = self._at
        before = at.get(src, _MISSING)
        if before is _MISSING:
            before = self._keep(src, s)
        after = at.get(dst, _MISSING)
        if after is _MISSING:
            after = self._keep(dst, t)
        return eq(after, before)

    def _keep(self, index: int, state):
        value = self.fn(state, None, self.env)
        at = self._at
        if len(at) >= self.KEPT:
            at.clear()
        at[index] = value
        return value


_MISSING = object()


class AtomRecorder:
    """Evaluates the atoms on what the search finds and records the bits in ``graph``.

    ``add_state(index, state)`` for every new state (in index order), ``add_edge(src, dst,
    s, t)`` for every step between states of the model (``s``, ``t`` the states of the
    indices; in exploration order, grouped by source), ``finish(done)`` before a check.
    An evaluation error is kept in ``error`` (and recording stops): the caller stops the
    search and reports it."""

    #: states whose atoms are evaluated one by one before they are batched
    BATCH_AFTER = 16
    #: states the batch hands over after which it is dropped
    BATCH_GIVE_UP = 64

    def __init__(self, table: AtomTable, graph: BehaviourGraph, tests=None,
                 deferrable=None, state_of=None, batch=None) -> None:
        """``tests``: every test the checks will make on steps, each a disjunction (a list)
        of :class:`Literals` (None: unknown, every action atom is evaluated on every
        step). ``deferrable``: (the masks of the fairness ENABLED atoms that may wait, in
        order; the mask of the action atoms that may wait), with ``state_of(index)`` to
        evaluate them later (see :meth:`resolve`). ``batch``: ``make(atoms)`` of
        ``tla.checker.liveness.atom_batch``, which computes the state atoms in one call
        once :data:`BATCH_AFTER` states are recorded (None: never)."""
        self.table = table
        self.graph = graph
        self.error: Optional[EvalError] = None
        self.finished = 0                 # states whose derived atoms are computed
        order, waiting_actions = deferrable if deferrable is not None else ([], 0)
        self.state_of = state_of
        by_mask = {1 << b: (1 << b, a.fn, a.env, a) for b, a in table.state_atoms}
        #: the fairness ENABLED atoms evaluated in order until one holds (the others wait)
        self._deferrable = [by_mask.pop(m) for m in order if m in by_mask]
        self._deferrable_mask = _union_of(m for m, _, _, _ in self._deferrable)
        self._state_atoms = list(by_mask.values())
        #: the state atoms in one call: ``bits(state)``, and the atoms it leaves out
        self._batcher = batch
        self._batch_due = self.BATCH_AFTER if batch is not None else 0
        self._bits = None
        self._unbatched = self._state_atoms
        self._batch_failures = 0
        self._by_mask = {1 << b: a for b, a in table.state_atoms}
        self._plain_actions = []
        #: one Subscript per subscript v (``Angle.sub_key``), shared by the angle groups
        #: and the labels' atoms, so that v is evaluated on a step's source once for both
        self._subscripts: dict = {}
        #: states whose loops (stuttering, steps back to themselves) are resolved
        self._resolved_alone: set = set()
        #: the ENABLED atoms the evaluator has failed to solve at least once (the mask of
        #: their bits), and per state the bits of those left to the steps without asking the
        #: evaluator (it is asked in :meth:`finish` where no step decides them)
        self._unsolved = 0
        self._unasked: dict = {}
        groups: dict = {}
        for b, a in table.action_atoms:
            ang = a.angle
            if b in table.labelled_action:
                continue
            if ang is None:
                self._plain_actions.append((1 << b, a.fn, a.env, a))
                continue
            group = groups.setdefault(ang.sub_key, (self._subscript(ang, a.env), []))
            group[1].append((1 << b, ang.action_fn, ang.is_next and table.exact_steps, a.env))
        #: the <<A>>_v atoms by subscript v: (v, [(mask, A, A is Next, env)], the union of
        #: the masks)
        self._angle_groups = [(sub, angles, _union_of(m for m, _, _, _ in angles))
                              for sub, angles in groups.values()]
        self._init_labels(table)
        self._all_actions = (1 << table.action_width) - 1
        always, self._weak, self._tests = _split_tests(tests, table)
        if tests is None:
            always = self._all_actions
        for _, angle_bit in table.derived:
            always |= 1 << angle_bit          # what derived ENABLED atoms are made of
        self._always_needed = always
        #: action atoms that may wait when whether they matter depends on waiting atoms
        self._waiting_actions = waiting_actions & ~always & ~self._labelled_actions()
        #: state bits not final when a state is recorded (derived later from its steps)
        self._late = 0
        for b, _ in table.derived:
            self._late |= 1 << b
        for b in table.labelled_state:
            self._late |= 1 << b
        self._source = -1
        self._source_needed = self._source_later = 0
        #: _needed's answers by its arguments (a function of them and of the tables
        #: above; states share few bit patterns)
        self._needed_memo: dict = {}

    def _subscript(self, angle, env) -> Subscript:
        sub = self._subscripts.get(angle.sub_key)
        if sub is None:
            sub = self._subscripts[angle.sub_key] = Subscript(angle, env)
        return sub

    def _init_labels(self, table: AtomTable) -> None:
        """Per label id, the atoms a successor with that label decides: (subscript index
        or -1 when no ``v' # v`` is asked, mask), for steps and for ENABLED."""
        subs: dict = {}
        #: the subscripts v the labels' atoms ask about, with their environments
        self._subs: list = []

        def sub_index(angle, env) -> int:
            if angle is None:
                return -1
            i = subs.get(angle.sub_key)
            if i is None:
                i = subs[angle.sub_key] = len(self._subs)
                self._subs.append(self._subscript(angle, env))
            return i
        self._label_steps: dict = {}
        self._label_enabled: dict = {}
        #: the [A]_v atoms A's labels decide: (subscript index, mask, env); they also hold
        #: on any step that leaves v unchanged
        self._label_boxes: list = []
        self._stutter_boxes = 0
        for b, (labels, atom) in table.labelled_action.items():
            if atom.box is not None:
                entry = (-1, 1 << b)                    # A holds: [A]_v holds
                self._label_boxes.append((sub_index(atom.box, atom.env), 1 << b))
                self._stutter_boxes |= 1 << b
            else:
                entry = (sub_index(atom.angle, atom.env), 1 << b)
            for lid in labels:
                self._label_steps.setdefault(lid, []).append(entry)
        for b, (labels, atom) in table.labelled_state.items():
            angle = atom.enabled_angle.angle if atom.enabled_angle is not None else None
            entry = (sub_index(angle, atom.env), 1 << b)
            for lid in labels:
                self._label_enabled.setdefault(lid, []).append(entry)
        #: per label id: (the subscripts to compare, the step atoms, the ENABLED atoms)
        self._label_plans: dict = {}
        for lid in set(self._label_steps) | set(self._label_enabled):
            steps = tuple(self._label_steps.get(lid, ()))
            enabled = tuple(self._label_enabled.get(lid, ()))
            needed = tuple(sorted({i for i, _ in steps + enabled if i >= 0}))
            self._label_plans[lid] = (needed, steps, enabled)
        self._moved = [False] * len(self._subs)
        self._transition_bits = 0

    def _labelled_actions(self) -> int:
        mask = 0
        for b in self.table.labelled_action:
            mask |= 1 << b
        return mask

    @property
    def uses_labels(self) -> bool:
        """Whether :meth:`add_successor` must see every successor the search generates."""
        return bool(self._label_steps or self._label_enabled)

    def _box_bits(self, src: int, dst: int, s, t, known: int) -> int:
        """The labelled [A]_v atoms not already known to hold on s -> t that hold because
        the step leaves v unchanged."""
        eb = 0
        subs = self._subs
        for i, mask in self._label_boxes:
            if not known & mask and subs[i].unchanged_between(src, dst, s, t):
                eb |= mask
        return eb

    # ------------------------------------------------------------------ recording
    def add_successor(self, index: int, state, succ, label) -> None:
        """The search generated ``succ`` from state ``index`` (``state``) with the split
        action of ``label`` (every successor, in the model or not, before ``add_state``
        and ``add_edge`` of it)."""
        plan = self._label_plans.get(id(label))
        self._transition_bits = 0
        if plan is None or self.error is not None:
            return
        needed, steps, enabled = plan
        try:
            subs, moved = self._subs, self._moved
            for i in needed:
                moved[i] = not subs[i].unchanged(state, succ)
            eb = 0
            for i, mask in steps:
                if i < 0 or moved[i]:
                    eb |= mask
            if enabled:
                bits = self.graph.state_bits
                sb = bits[index]
                new = 0
                for i, mask in enabled:
                    if not sb & mask and (i < 0 or moved[i]):
                        new |= mask
                if new:
                    bits[index] = sb | new
            self._transition_bits = eb
        except EvalError as exc:
            self.error = exc

    def _make_batch(self) -> None:
        made = self._batcher([(mask, atom) for mask, _, _, atom in self._state_atoms])
        if made is not None:
            self._bits, batched = made
            self._unbatched = [x for x in self._state_atoms if x[0] not in batched]

    def add_state(self, index: int, state) -> None:
        if self.error is not None:
            return
        try:
            sb = 0
            atoms = self._state_atoms
            if self._bits is not None:
                try:
                    sb = self._bits(state)
                    atoms = self._unbatched
                except Exception:
                    sb = 0                      # one by one: they raise, or answer
                    self._batch_failures += 1
                    if self._batch_failures >= self.BATCH_GIVE_UP:
                        self._bits = None       # it keeps handing over: dropped
            elif self._batch_due:
                self._batch_due -= 1
                if not self._batch_due:
                    self._make_batch()
            unsolved = self._unsolved
            for mask, fn, env, atom in atoms:
                if mask & unsolved:
                    # the steps first: one that satisfies the action decides the atom as
                    # the evaluator would, which is asked only where none does (finish)
                    self._unasked[index] = self._unasked.get(index, 0) | mask
                else:
                    try:
                        v = fn(state, None, env)
                    except EvalError as exc:
                        if atom.step_fn is None or "before it was assigned" not in exc.message:
                            raise
                        if self.state_of is not None:
                            self._unsolved = unsolved = unsolved | mask
                    else:
                        if _boolean(atom, v):
                            sb |= mask
                        continue
                # decided on the state's steps (see the module's docstring)
                pending = self.graph.pending
                pending[index] = pending.get(index, 0) | mask
                if _boolean(atom, atom.step_fn(state, state, atom.env)):
                    sb |= mask
            waiting = 0
            if self.state_of is not None:
                waiting = self._deferrable_mask      # evaluated when a check needs them
            else:
                for mask, fn, env, atom in self._deferrable:
                    try:
                        v = fn(state, None, env)
                    except EvalError as exc:
                        if atom.step_fn is None or "before it was assigned" not in exc.message:
                            raise
                        pending = self.graph.pending
                        pending[index] = pending.get(index, 0) | mask
                        if _boolean(atom, atom.step_fn(state, state, atom.env)):
                            sb |= mask
                        continue
                    if _boolean(atom, v):
                        sb |= mask
            graph = self.graph
            if waiting:
                graph.waiting_states[index] = waiting
            eb = self._stutter_boxes                   # [A]_v holds when v' = v
            if self._plain_actions:
                now, later = self._needed(sb, graph.pending.get(index, 0) | waiting)
                for mask, fn, env, atom in self._plain_actions:
                    if now & mask and _boolean(atom, fn(state, state, env)):
                        eb |= mask
                if later:
                    graph.waiting_stutter[index] = later
            # <<A>>_v never holds on a stuttering step: v' = v
            graph.add_state(index, sb, eb)
        except EvalError as exc:
            self.error = exc

    def _needed(self, sb: int, unknown: int, final: bool = False) -> tuple[int, int]:
        """The action atoms whose value on a step from a state with bits ``sb`` can make a
        difference to a test (``unknown``: bits of ``sb`` not final yet), as (those to
        evaluate now, those that may wait until a check needs them). A test (a
        disjunction) that a term without action atoms already makes true needs none; in
        the others, the atoms of the terms whose state part may hold are needed."""
        key = (sb, unknown, final)
        memo = self._needed_memo
        found = memo.get(key)
        if found is None:
            if len(memo) >= 1 << 16:
                memo.clear()
            found = memo[key] = self._needed_now(sb, unknown, final)
        return found

    def _needed_now(self, sb: int, unknown: int, final: bool) -> tuple[int, int]:
        if not final:
            unknown |= self._late         # derived at the end of the state's exploration
        needed = self._always_needed
        maybe = 0
        weak = self._weak
        if weak:
            # tests ~E \/ A...: A matters where E holds or is not known yet
            on = sb & ~unknown
            while on:
                low = on & -on
                needed |= weak.get(low, 0)
                on ^= low
            pending = unknown
            while pending:
                low = pending & -pending
                maybe |= weak.get(low, 0)
                pending ^= low
        for decided_by, action_terms in self._tests:
            decided = undecided = False
            for on, off in decided_by:
                if sb & on & ~unknown == on & ~unknown and not sb & off & ~unknown:
                    if (on | off) & unknown:
                        undecided = True         # it may be decided once known
                    else:
                        decided = True
                        break
            if decided:
                continue
            for on, off, mask in action_terms:
                if sb & on & ~unknown == on & ~unknown and not sb & off & ~unknown:
                    if undecided or (on | off) & unknown:
                        maybe |= mask
                    else:
                        needed |= mask
        later = maybe & ~needed & self._waiting_actions
        return needed | (maybe & ~later), later

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
                self._source_needed, self._source_later = self._needed(
                    graph.state_bits[src],
                    graph.pending.get(src, 0) | graph.waiting_states.get(src, 0))
            needed = self._source_needed
            later = self._source_later
            if src != dst:
                # a []<> test's action atoms matter only on the steps of a cycle of more
                # than one state: they wait until a check finds such a component
                later |= needed & self._waiting_actions
                needed &= ~self._waiting_actions
            if later:
                graph.waiting_edges[edge] = later
            eb = labelled
            if self._label_boxes:
                eb |= (self._stutter_boxes if src == dst
                       else self._box_bits(src, dst, s, t, eb))
            if needed:
                for mask, fn, env, atom in self._plain_actions:
                    if needed & mask and _boolean(atom, fn(s, t, env)):
                        eb |= mask
                if self._angle_groups and src != dst:     # v' = v on a step back
                    eb |= self._angle_bits(src, dst, s, t, needed)
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

    def _angle_bits(self, src: int, dst: int, s, t, needed: int) -> int:
        """The <<A>>_v atoms on the step s -> t (states src -> dst): v is evaluated once
        per subscript and state, A only where v changes."""
        eb = 0
        for sub, angles, group_mask in self._angle_groups:
            if not needed & group_mask or sub.unchanged_between(src, dst, s, t):
                continue
            for mask, action_fn, is_next, env in angles:
                if needed & mask and (is_next or action_fn(s, t, env) is True):
                    eb |= mask
        return eb

    # ------------------------------------------------------------------ waiting atoms
    def alone_is_unfair(self, s: int) -> bool:
        """Whether explored state ``s`` on its own (stuttering, or steps back to itself)
        cannot be a fair cycle because a weak fairness condition of every branch has its
        action enabled there (a step that leaves the state as it is does not take it).
        The waiting ENABLED atoms of ``s`` are evaluated in order until one holds."""
        graph = self.graph
        mask = graph.waiting_states.get(s)
        if not mask:
            return False
        value = self.state_of(s)
        for m, fn, env, atom in self._deferrable:
            if not mask & m:
                continue
            mask &= ~m
            if self._enabled(m, atom, fn, env, s, value):
                graph.state_bits[s] |= m
                if mask:
                    graph.waiting_states[s] = mask
                else:
                    del graph.waiting_states[s]
                return True
        del graph.waiting_states[s]
        return False

    def resolve_alone(self, s: int) -> None:
        """``resolve((s,), with_states=False)``, once per state: what waits on the steps
        from explored state ``s`` to itself is evaluated then or never needed (a state's
        steps are all known once it is explored), and the components of several
        properties' searches meet the same lone states."""
        if s not in self._resolved_alone:
            self._resolved_alone.add(s)
            self.resolve((s,), with_states=False)

    def resolve(self, states, with_states: bool = True) -> None:
        """Evaluate what waits in ``states`` (unless ``with_states`` is False) and on the
        steps between them (a check needs them: they are in one strongly connected
        component)."""
        graph = self.graph
        waiting_states, waiting_edges = graph.waiting_states, graph.waiting_edges
        waiting_stutter = graph.waiting_stutter
        if not (waiting_states or waiting_edges or waiting_stutter):
            return
        state_of = self.state_of
        members = states if isinstance(states, (set, frozenset)) else set(states)
        for s in members if with_states else ():
            mask = waiting_states.pop(s, 0)
            if mask:
                value = state_of(s)
                for m, fn, env, atom in self._deferrable:
                    if mask & m and self._enabled(m, atom, fn, env, s, value):
                        graph.state_bits[s] |= m
        starts, targets, bits = graph.starts, graph.targets, graph.edge_bits
        for s in members:
            # what matters now that the state's atoms are known (all of them, unless
            # some still wait: then everything that waits)
            unknown = graph.pending.get(s, 0) | waiting_states.get(s, 0)
            now, later = self._needed(graph.state_bits[s], unknown, final=True)
            matters = now | later
            mask = waiting_stutter.pop(s, 0) & matters
            if mask:
                value = state_of(s)
                graph.stutter_bits[s] |= self._actions_on(mask, value, value, True)
            if not waiting_edges:
                continue
            for e in range(starts[s], starts[s + 1]):
                mask = waiting_edges.get(e)
                if mask and targets[e] in members:
                    del waiting_edges[e]
                    mask &= matters
                    if mask:
                        t = targets[e]
                        bits[e] |= self._actions_on(mask, state_of(s), state_of(t), s == t)

    def _enabled(self, mask: int, atom, fn, env, s: int, value) -> bool:
        """An ENABLED atom (bit ``mask``) on explored state ``s``; decided on its steps in
        the graph when the evaluator cannot solve its action (see the module's docstring).
        Once the evaluator has failed on the atom, the steps are asked first."""
        if mask & self._unsolved:
            return self._on_steps(atom, s, value) or self._asked(atom, fn, env, value)
        try:
            return _boolean(atom, fn(value, None, env))
        except EvalError as exc:
            if atom.step_fn is None or "before it was assigned" not in exc.message:
                raise
        self._unsolved |= mask
        return self._on_steps(atom, s, value)

    def _on_steps(self, atom, s: int, value) -> bool:
        """Whether a step of explored state ``s`` (or stuttering) satisfies the action of
        ENABLED atom ``atom``."""
        graph, state_of = self.graph, self.state_of
        for e in range(graph.starts[s], graph.starts[s + 1]):
            if atom.step_fn(value, state_of(graph.targets[e]), atom.env) is True:
                return True
        return atom.step_fn(value, value, atom.env) is True

    @staticmethod
    def _asked(atom, fn, env, value) -> bool:
        """ENABLED atom ``atom`` on state ``value`` from the evaluator, FALSE where it
        cannot solve the action (no step of the graph satisfies it: see ``_on_steps``)."""
        try:
            return _boolean(atom, fn(value, None, env))
        except EvalError as exc:
            if "before it was assigned" not in exc.message:
                raise
        return False

    def _actions_on(self, mask: int, s, t, same: bool) -> int:
        """The action atoms of ``mask`` that hold on the step s -> t."""
        eb = 0
        for m, fn, env, atom in self._plain_actions:
            if mask & m and _boolean(atom, fn(s, t, env)):
                eb |= m
        if same:
            return eb
        for sub, angles, group_mask in self._angle_groups:
            if not mask & group_mask or sub.unchanged(s, t):
                continue
            for m, action_fn, is_next, env in angles:
                if mask & m and (is_next or action_fn(s, t, env) is True):
                    eb |= m
        return eb

    def finish(self, done: int) -> None:
        """States ``0 .. done - 1`` are explored: complete what depends on their steps."""
        graph = self.graph
        graph.mark_done(done)
        pending = graph.pending
        if pending:
            unasked, bits = self._unasked, graph.state_bits
            for s in [s for s in pending if s < done]:
                del pending[s]
                left = unasked.pop(s, 0) & ~bits[s] if unasked else 0
                if left:
                    # no step decided these atoms: the evaluator does, as for the others
                    value = self.state_of(s)
                    for mask, fn, env, atom in self._state_atoms:
                        if left & mask and self._asked(atom, fn, env, value):
                            bits[s] |= mask
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


def _split_tests(tests, table: AtomTable) -> tuple[int, dict, list]:
    """The action atoms some test always needs (a term with no state part); the tests of
    weak fairness's form ``~E \\/ A1 \\/ ...`` (one state atom, negated, and terms of action
    atoms only) as E's mask -> the masks of their action atoms; the other tests as
    (state-only terms (on, off), terms with action atoms (on, off, action mask))."""
    always = 0
    weak: dict = {}
    out = []
    seen = set()
    for terms in tests or ():
        key = tuple((t.s_on, t.s_off, t.e_on, t.e_off) for t in terms)
        if key in seen:
            continue                # branches sharing their fairness share its tests
        seen.add(key)
        state_terms = [t for t in terms if t.s_on or t.s_off]
        if len(state_terms) == 1 and len(terms) > 1:
            t = state_terms[0]
            if not (t.s_on or t.e_on or t.e_off) and t.s_off & (t.s_off - 1) == 0:
                mask = 0
                for u in terms:
                    mask |= u.e_on | u.e_off
                weak[t.s_off] = weak.get(t.s_off, 0) | mask
                continue
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
    return always, weak, out


def _boolean(atom: Atom, v) -> bool:
    if v is True or v is False:
        return v
    raise EvalError(f"The temporal formula {atom.text} evaluated to a non-boolean value.")
