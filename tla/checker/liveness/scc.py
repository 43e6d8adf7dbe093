"""Fair strongly connected components of a product graph, and a lasso through one.

Takes a :class:`Product` and the acceptance conditions of one branch of the negated
property (:class:`Conditions`); gives a :class:`FairComponent` -- a set of product nodes
forming a strongly connected subgraph in which some infinite path satisfies every
condition -- or None, and :func:`lasso` turns one into a prefix and a cycle.

Conditions, each a :class:`~tla.checker.liveness.atoms.StepTest` on steps:

* ``always``: ``<>[]X``: every step of the cycle satisfies X (steps that do not are left
  out before the components are computed);
* ``justice``: ``[]<>X`` (weak fairness, ``[]<>`` in the negated property): some step of
  the cycle satisfies X;
* ``compassion``: pairs (X, Y) for ``<>[]X \\/ []<>Y`` (strong fairness, X the negation of
  ENABLED): either every step satisfies X or some step satisfies Y;
* the tableau's acceptance sets: some node of the cycle is in each.

Method: Lichtenstein and Pnueli, "Checking that finite state concurrent programs satisfy
their linear specification" (POPL 1985), section on fair components: a maximal strongly
connected component that misses a justice requirement has no fair subcomponent; one that
violates a compassion requirement (X fails somewhere, Y nowhere) is refined by removing the
steps that falsify X and decomposing again. Components are found with Tarjan's algorithm,
iterative, over ``array`` buffers (a component number per node; no Python object per node
outside the depth-first stack). TLC's ``LiveWorker`` checks the same conditions (its
PossibleErrorModel: EAAction, AEState, AEAction) per component but expands strong fairness
into a disjunction of cases instead of refining.
"""
from __future__ import annotations

from array import array
from collections import deque
from typing import Callable, Iterable, Optional

from tla.errors import InternalError
from tla.records import field, mutable_record


@mutable_record
class Conditions:
    always: list = field(default_factory=list)
    justice: list = field(default_factory=list)
    compassion: list = field(default_factory=list)
    accepting: int = 0                       # all tableau acceptance bits


@mutable_record
class FairComponent:
    nodes: set
    enforced: tuple                          # compassion pairs whose X every step keeps
    #: tests some step of the cycle must pass (justice, and the Y of compassion pairs)
    step_requirements: list
    accepting: int                           # tableau acceptance bits the cycle must visit


def _remembered(test: Callable[[int], bool]) -> Callable[[int], bool]:
    """``test`` asked once per value (bit patterns repeat over many states)."""
    memo: dict = {}

    def remembered(bits: int) -> bool:
        ok = memo.get(bits)
        if ok is None:
            ok = memo[bits] = test(bits)
        return ok
    return remembered


def _component(stack: list, done: bytearray, v: int) -> list:
    """The strongly connected component rooted at ``v``: the nodes of Tarjan's stack down
    to v, taken off it and marked done."""
    w = stack.pop()
    done[w] = 1
    comp = [w]
    while w != v:
        w = stack.pop()
        done[w] = 1
        comp.append(w)
    return comp


def tarjan(roots: Iterable[int], succ: Callable[[int], list], size: int):
    """Strongly connected components (lists of nodes) of the graph on ``0 .. size - 1``
    reachable from ``roots``, each as soon as it is complete (successors first)."""
    index = array("i", [-1]) * size
    low = array("i", [0]) * size
    done = bytearray(size)                  # 1 once the node's component is yielded
    stack: list = []
    counter = 0
    for root in roots:
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        work = [(root, iter(succ(root)))]
        while work:
            v, it = work[-1]
            pushed = False
            for w in it:
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    work.append((w, iter(succ(w))))
                    pushed = True
                    break
                if not done[w] and index[w] < low[v]:
                    low[v] = index[w]
            if pushed:
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                if stack[-1] == v:      # a lone node, most of them: no call
                    stack.pop()
                    done[v] = 1
                    yield [v]
                else:
                    yield _component(stack, done, v)


def tarjan_rows(roots: Iterable[int], starts, targets, limit: int, keep=None):
    """:func:`tarjan` over a graph stored by rows: node v's successors are the entries of
    ``targets[starts[v]:starts[v + 1]]`` below ``limit`` (and, given the bytearray ``keep``,
    those it marks), in that order; the same components in the same order as
    :func:`tarjan` with that successor function, without a list of successors per node
    (a simple product's states: ReadersWriters checks twelve branches, each a search of
    every state). A step of a node to itself changes no component and needs no entry."""
    index = array("i", [-1]) * limit
    low = array("i", [0]) * limit
    done = bytearray(limit)
    stack: list = []
    counter = 0
    for root in roots:
        if index[root] != -1:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        nodes = [root]                  # the depth-first path, and where each is in its row
        positions = [starts[root]]
        while nodes:
            v = nodes[-1]
            pos, end = positions[-1], starts[v + 1]
            lv = low[v]
            pushed = False
            while pos < end:
                w = targets[pos]
                pos += 1
                if w >= limit or (keep is not None and not keep[w]):
                    continue
                iw = index[w]
                if iw == -1:
                    positions[-1] = pos
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    nodes.append(w)
                    positions.append(starts[w])
                    pushed = True
                    break
                if iw < lv and not done[w]:
                    lv = iw
            low[v] = lv
            if pushed:
                continue
            nodes.pop()
            positions.pop()
            if nodes:
                u = nodes[-1]
                if lv < low[u]:
                    low[u] = lv
            if lv == index[v]:
                if stack[-1] == v:      # a lone node, most of them: no call
                    stack.pop()
                    done[v] = 1
                    yield [v]
                else:
                    yield _component(stack, done, v)


class _Judgement:
    """What the steps of a component say about one branch's conditions (one pass over the
    steps serves every branch of a :class:`FairSearch`)."""
    __slots__ = ("cond", "justice", "open_y", "y_hit", "x_broken")

    def __init__(self, cond: Conditions, enforced: tuple):
        self.cond = cond
        self.justice = list(cond.justice)
        self.open_y = [(i, x, y) for i, (x, y) in enumerate(cond.compassion)
                       if i not in enforced]
        self.y_hit: list = []
        self.x_broken: set = set()

    def feed(self, sb: int, eb: int) -> bool:
        """Take one step into account; False once no later step can change the verdict."""
        if self.justice:
            self.justice = [t for t in self.justice if not t.holds(sb, eb)]
        if self.open_y:
            rest = []
            for i, x, y in self.open_y:
                if y.holds(sb, eb):
                    self.y_hit.append(y)
                    continue
                if i not in self.x_broken and not x.holds(sb, eb):
                    self.x_broken.add(i)
                rest.append((i, x, y))
            self.open_y = rest
            return True
        return bool(self.justice)


class FairSearch:
    """The fair components of one product for the branches ``conds`` (which share their
    ``always`` conditions, so that the components are computed once for all of them)."""

    def __init__(self, product, conds: list, recorder=None, acyclic: bool = False):
        """``recorder``: the :class:`~tla.checker.liveness.atoms.AtomRecorder`, for atoms
        that wait until a component needs them; ``acyclic``: the state graph has no cycle
        through two states or more (then every component of the product is a lone node:
        no component search is needed)."""
        self.p = product
        self.conds = conds
        self.recorder = recorder
        self.acyclic = acyclic
        #: judgements of lone nodes, by what decides them (many nodes look alike)
        self._alone: dict = {}
        #: one branch's judgement of a lone node's loops, by the loops' bits its tests read
        self._branch_verdicts: dict = {}
        self._branch_masks: dict = {}

    @staticmethod
    def _cycle_tests(cond: Conditions, enforced: tuple) -> list:
        tests = list(cond.always) + [cond.compassion[i][0] for i in enforced]
        return [t for t in tests if not t.always]

    def allowed(self, cond: Conditions, enforced: tuple) -> Optional[Callable[[int, int], bool]]:
        """The test a step must pass to be part of a fair cycle (None: every step)."""
        tests = self._cycle_tests(cond, enforced)
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0].holds
        holds = [t.holds for t in tests]

        def every(sb: int, eb: int) -> bool:
            for test in holds:
                if not test(sb, eb):
                    return False
            return True
        return every

    def _state_only(self, cond: Conditions, enforced: tuple) -> bool:
        """Whether the cycle's test reads the source state's bits only."""
        return all(not (t.e_on or t.e_off) for test in self._cycle_tests(cond, enforced)
                   for t in test.terms)

    def find(self) -> list:
        """Per branch, the fair component closest to the initial nodes (the one containing
        the smallest node: states are numbered in breadth-first order), or None. Every
        component is judged, so that a counterexample has the shortest prefix
        available."""
        best: list = [None] * len(self.conds)
        work = [(None, (), tuple(range(len(self.conds))))]
        if self.acyclic:
            work = self._scan_alone(best)
        while work:
            region, enforced, which = work.pop()
            for i, found in self._search(region, enforced, which, work):
                if best[i] is None or min(found.nodes) < min(best[i].nodes):
                    best[i] = found
        return best

    def _scan_alone(self, best: list) -> list:
        """Judge the lone nodes that can loop and are reachable, in increasing order, each
        against the branches still without a fair component (the first found is the
        closest). Gives the refinements to search."""
        p = self.p
        open_ = tuple(range(len(self.conds)))
        allowed = self.allowed(self.conds[0], ())
        reach = p.reach
        work: list = []
        for v in p.looping_nodes():
            # an unreachable node is no counterexample, nor are its refinements (three in
            # four of nbacg_guer01's looping nodes)
            if not reach[v]:
                continue
            refine: list = []
            found = self._judge_alone(v, (), open_, allowed, refine)
            work.extend(refine)
            if found:
                for i, component in found:
                    best[i] = component
                open_ = tuple(i for i in open_ if best[i] is None)
                if not open_:
                    break
        return work

    def _search(self, region, enforced, which, work):
        p = self.p
        allowed = self.allowed(self.conds[which[0]], enforced)
        steps = p.steps
        sbits, nq = p.graph.state_bits, p.nq
        state_ok = passing = None
        if allowed is not None and self._state_only(self.conds[which[0]], enforced):
            state_ok = _remembered(lambda sb: allowed(sb, 0))
        if region is None:
            if state_ok is not None:
                # per explored state, whether it passes the cycle's test (on states only)
                passing = bytearray(map(state_ok, sbits[:p.done]))
            roots = p.nodes()
            if passing is not None:
                # a node whose state fails a test on states is a component of its own, and
                # judged as nothing below: not visited at all
                roots = (v for v in roots if passing[v // nq])
            if p.simple and (allowed is None or passing is not None):
                # the states and their steps as the graph stores them (the steps to a
                # state that fails the test are left out, as filtered_successors does)
                g = p.graph
                keep = None if p.trivial else p.reach
                if passing is not None:
                    keep = passing if keep is None else bytes(map(min, passing, keep))
                comps = tarjan_rows(roots, g.starts, g.targets, p.done, keep)
            else:
                if allowed is None:
                    succ = p.targets_of
                elif p.simple:
                    succ = p.filtered_successors(allowed, passing)
                else:
                    def succ(v):
                        return [w for w, sb, eb in steps(v) if allowed(sb, eb)]
                comps = tarjan(roots, succ, p.size)
        else:
            nodes = sorted(region)
            local = {v: i for i, v in enumerate(nodes)}

            def succ(i):
                out = []
                for w, sb, eb in steps(nodes[i]):
                    j = local.get(w)
                    if j is not None and (allowed is None or allowed(sb, eb)):
                        out.append(j)
                return out
            comps = ([nodes[i] for i in comp] for comp in tarjan(range(len(nodes)), succ,
                                                                    len(nodes)))
        for members in comps:
            if len(members) > 1:
                yield from self._judge_component(members, enforced, which, allowed, work)
                continue
            # a lone node whose state fails a test on states has no step to itself that
            # passes it: nothing to judge
            if state_ok is not None:
                s = members[0] // nq
                if not (passing[s] if passing is not None else state_ok(sbits[s])):
                    continue
                # a test on states that the node's state passes: every loop passes it
                found = self._judge_alone(members[0], enforced, which, None, work)
            else:
                found = self._judge_alone(members[0], enforced, which, allowed, work)
            if found:
                yield from found

    def _judge_alone(self, u: int, enforced: tuple, which: tuple, allowed, work) -> list:
        """[(branch, FairComponent)] for each branch of ``which`` for which node ``u``
        alone, looping on itself, is fair; refinements (compassion) go to ``work``."""
        p, recorder = self.p, self.recorder
        alone = None
        if recorder is not None:
            # the waiting ENABLED atoms of weak fairness read as FALSE here (their tests
            # hold); they are evaluated below only if the node looks fair
            alone = p.state_of(u)
            recorder.resolve_alone(alone)
        loops = p.loops(u)
        if allowed is not None:
            loops = [(sb, eb) for sb, eb in loops if allowed(sb, eb)]
        if not loops:
            return []                                      # a single node without a loop
        key = (u % p.nq, tuple(loops), enforced, which)
        outcome = self._alone.get(key)
        if outcome is None:
            outcome = self._alone[key] = self._judge_loops(u, loops, enforced, which)
        found, refine = outcome
        if not (found or refine):
            return []
        if alone is not None and recorder.alone_is_unfair(alone):
            return []                      # an action of weak fairness is enabled
        member_set = {u}
        work.extend((member_set, e, (i,)) for i, e in refine)
        return [(i, FairComponent(member_set, enforced, requirements,
                                  self.conds[i].accepting)) for i, requirements in found]

    def _judge_component(self, members: list, enforced: tuple, which: tuple, allowed, work):
        """(branch, FairComponent) for each branch of ``which`` for which the strongly
        connected ``members`` (two nodes or more) are fair; components to refine
        (compassion) go to ``work``."""
        p, recorder = self.p, self.recorder
        member_set = set(members)
        if recorder is not None:
            recorder.resolve({p.state_of(u) for u in members})
        edges = ((sb, eb) for u in members for w, sb, eb in p.steps(u)
                 if w in member_set and (allowed is None or allowed(sb, eb)))
        got = 0
        if any(self.conds[i].accepting for i in which):
            for u in members:
                got |= p.accepting_bits(u)
        judged = [(i, _Judgement(self.conds[i], enforced)) for i in which
                  if got & self.conds[i].accepting == self.conds[i].accepting]
        if not judged:
            return
        active = list(judged)
        nontrivial = False
        fed: set = set()
        for step in edges:
            nontrivial = True
            # the verdict depends on which patterns of bits the steps inside show, not on
            # how often or in which order (see _Judgement): each pattern is fed once
            if step in fed:
                continue
            fed.add(step)
            sb, eb = step
            active = [(i, j) for i, j in active if j.feed(sb, eb)]
            if not active:
                break
        if not nontrivial:
            return
        found, refine = [], []
        for i, j in judged:
            if j.justice:
                continue                   # a justice requirement unmet
            broken = sorted(k for k, _, _ in j.open_y if k in j.x_broken)
            if broken:
                refine.append((member_set, tuple(sorted(set(enforced) | set(broken))), (i,)))
                continue
            found.append((i, FairComponent(member_set, enforced,
                                           list(j.cond.justice) + j.y_hit,
                                           j.cond.accepting)))
        work.extend(refine)
        yield from found

    def _judge_loops(self, u: int, loops: list, enforced: tuple, which: tuple):
        """The judgement of lone node ``u`` with its ``loops`` (allowed steps to itself):
        ([(branch, step requirements)] of the branches it is fair for, [(branch, enforced
        compassion)] of those to refine)."""
        accepting = self.p.accepting_bits(u)
        found, refine = [], []
        verdicts = self._branch_verdicts
        masks = self._branch_masks
        one = loops[0] if len(loops) == 1 else None     # most often the stuttering step
        for i in which:
            cond = self.conds[i]
            if accepting & cond.accepting != cond.accepting:
                continue
            # the verdict depends on the loops' bits that the branch's tests read only
            # (states differ in many other atoms: Disruptor_SPMC's 5,526 lone nodes have
            # 5,526 different loops, and few patterns of the bits a branch reads)
            smask, emask = masks.get(i) or self._masks(i)
            if one is not None:
                key = (i, enforced, one[0] & smask, one[1] & emask)
            else:
                key = (i, enforced, tuple([(sb & smask, eb & emask) for sb, eb in loops]))
            verdict = verdicts.get(key)
            if verdict is None:
                if len(verdicts) >= 1 << 16:
                    verdicts.clear()
                verdict = verdicts[key] = self._judge_branch(cond, loops, enforced)
            kind, value = verdict
            if kind == "found":
                found.append((i, list(value)))
            elif kind == "refine":
                refine.append((i, value))
        return found, refine

    def _judge_branch(self, cond: Conditions, loops: list, enforced: tuple) -> tuple:
        """``("found", step requirements)``, ``("refine", enforced compassion)`` or
        ``("unfair", None)`` for branch ``cond`` on a lone node's loops."""
        j = _Judgement(cond, enforced)
        for sb, eb in loops:
            if not j.feed(sb, eb):
                break
        if j.justice:
            return "unfair", None
        broken = sorted(k for k, _, _ in j.open_y if k in j.x_broken)
        if broken:
            return "refine", tuple(sorted(set(enforced) | set(broken)))
        return "found", list(cond.justice) + j.y_hit

    def _masks(self, i: int) -> tuple:
        """The state and step bits the justice and compassion tests of branch ``i`` read."""
        masks = self._branch_masks.get(i)
        if masks is None:
            cond = self.conds[i]
            smask = emask = 0
            tests = list(cond.justice) + [t for pair in cond.compassion for t in pair]
            for test in tests:
                for t in test.terms:
                    smask |= t.s_on | t.s_off
                    emask |= t.e_on | t.e_off
            masks = self._branch_masks[i] = (smask, emask)
        return masks


def lasso(search: FairSearch, branch: int, comp: FairComponent) -> tuple[list, list]:
    """(prefix, cycle) as lists of product nodes: the prefix runs from an initial node to
    the first node of the cycle (inclusive), by a shortest path; the cycle lists the nodes
    after it, the last one having a step back to the first. The cycle is built greedily:
    from where it is, the shortest way inside the component to a step or node meeting a
    requirement still open, until none is, then the shortest way back."""
    p = search.p
    members = comp.nodes
    allowed = search.allowed(search.conds[branch], comp.enforced)
    prefix = p.shortest_path_to(members)
    start = prefix[-1]
    open_steps = list(comp.step_requirements)
    missing = comp.accepting & ~p.accepting_bits(start)

    def useful(sb, eb, w) -> bool:
        return bool(missing & p.accepting_bits(w)) or any(t.holds(sb, eb) for t in open_steps)

    def walk(src: int, goal: Optional[int]) -> list:
        """Steps (u, w, sb, eb) of a shortest path inside the component along allowed
        steps from ``src`` to ``goal`` (at least one step), or, when ``goal`` is None, to
        the first step that meets an open requirement."""
        prev = {src: None}
        queue = deque([src])
        while queue:
            u = queue.popleft()
            for w, sb, eb in p.steps(u):
                if w not in members or (allowed is not None and not allowed(sb, eb)):
                    continue
                if (w == goal) if goal is not None else useful(sb, eb, w):
                    out = [(u, w, sb, eb)]
                    while prev[u] is not None:
                        out.append(prev[u])
                        u = prev[u][0]
                    out.reverse()
                    return out
                if w not in prev:
                    prev[w] = (u, w, sb, eb)
                    queue.append(w)
        raise InternalError("liveness: no path inside a strongly connected component (a "
                            "bug in pytlc)")

    cycle: list = []
    cur = start
    while open_steps or missing:
        for u, w, sb, eb in walk(cur, None):
            open_steps = [t for t in open_steps if not t.holds(sb, eb)]
            missing &= ~p.accepting_bits(w)
            cycle.append(w)
            cur = w
    if cur != start or not cycle:
        cycle.extend(w for _, w, _, _ in walk(cur, start))
    cycle.pop()                               # the cycle's last step goes back to start
    return prefix, cycle
