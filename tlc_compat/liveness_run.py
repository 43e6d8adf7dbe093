"""Liveness checking within a model-checking run, as TLC does it and says it.

Takes the :class:`~tla.tlc_compat.tlc_run.Run` (its plan, options, reporter, trace
printing) and the search it drives; gives the hooks the search calls and TLC's messages:

* at set-up, ``Implied-temporal checking--satisfiability problem has N branches.`` and the
  warnings about SYMMETRY, constraints and VIEW (``AbstractChecker``'s constructor);
* during the search (TLC's default, not with ``-lncheck final``), checks of the current
  state space when ``tla.checker.liveness.periodic`` says one is due: ``Checking temporal
  properties for the current state space with N total distinct states at (...)`` and
  ``Finished checking temporal properties in ...``; a violation found there is reported at
  once and ends the search (``ModelChecker.doPeriodicWork``);
* after the search, the progress report and the check of the complete state space
  (``ModelChecker.modelCheckImpl``, ``LiveCheck.finalCheck``; none with ``-lncheck off``).

The atoms of the properties are evaluated as the search finds states and steps
(``tla.checker.liveness.atoms``): what this module needs of the search is ``on_state``
(index and state of every new state), ``on_edge`` (indices of every step between states of
the model) with the states of those indices, and, to print a counterexample, the states and
levels of its indices.
"""
from __future__ import annotations

import time
from typing import Optional

from tla.errors import EvalError
from tla.tlc_compat.codes import EC
from tla.tlc_compat.report_format import format_duration, progress_params

#: TLC has no warning of its own for a VIEW; the risk is the same as with symmetry
LIVENESS_VIEW_WARNING = (
    "Declaring a VIEW during liveness checking is dangerous: states with the same view are "
    "merged into one node of the behavior graph, so TLC might miss violations of the stated "
    "liveness properties or report spurious ones. Please check liveness without VIEW.")


class LivenessRun:
    def __init__(self, run, checker):
        from tla.checker.liveness.atom_batch import batcher
        from tla.checker.liveness.periodic import final_enabled, periodic_enabled
        self.run = run
        self.checker = checker
        plan = run.plan
        merged = plan.view is not None or plan.symmetry is not None
        self.recorder = checker.start(
            exact_steps=not merged,
            all_successors=not (merged or plan.constraints or plan.action_constraints),
            cover=self._cover(run.model, plan.next),
            state_of=lambda index: self.search.store.states[index],
            batch=batcher(run.model))
        self.periodic = periodic_enabled(run.opts.lncheck)
        self.final = final_enabled(run.opts.lncheck)
        self.schedule = None
        self.search = None
        #: the exit code of a violation found by a periodic check (already reported)
        self.violation_code = 0

    @property
    def graph(self):
        return self.checker.graph

    @staticmethod
    def _cover(model, next_):
        """Which atoms the labels of the search's successors decide (None: no Next)."""
        if next_ is None:
            return None
        from tla.checker.liveness.labels import LabelIndex, action_of
        index = LabelIndex(model, next_)

        def cover(atom):
            found = action_of(atom)
            if found is None:
                return None
            action, _, scope, env = found
            return index.labels_of(action, scope, env)
        return cover

    @classmethod
    def setup(cls, run) -> Optional["LivenessRun"]:
        """The liveness part of ``run`` when PROPERTY asks for liveness checking, else None;
        prints TLC's branch count and the warnings about reductions that can hide liveness
        violations."""
        plan, rep = run.plan, run.rep
        if not plan.temporal_properties:
            return None
        from tla.checker.liveness import LivenessChecker
        checker = LivenessChecker(plan.temporal_properties, plan.liveness_assumptions)
        rep.message(EC.TLC_LIVE_IMPLIED, checker.count)
        if plan.symmetry is not None:
            rep.warning(EC.TLC_FEATURE_UNSUPPORTED_LIVENESS_SYMMETRY)
        if plan.constraints or plan.action_constraints:
            rep.warning(EC.TLC_FEATURE_LIVENESS_CONSTRAINTS)
        if plan.view is not None:
            rep.warning(EC.GENERAL, LIVENESS_VIEW_WARNING)
        return cls(run, checker)

    # ------------------------------------------------------------------ search hooks
    def add_edge(self, src: int, dst: int) -> None:
        """The search's ``on_edge``."""
        states = self.search.store.states
        self.recorder.add_edge(src, dst, states[src], states[dst])

    def attach(self, search) -> None:
        """Hook into ``search`` (after the run's own hooks are set: they are kept)."""
        from tla.checker.liveness.periodic import PeriodicSchedule
        self.search = search
        record = self.recorder.add_state
        other_state = search.on_state
        if other_state is None:
            search.on_state = lambda index, state, parent, label: record(index, state)
        else:
            def on_state(index, state, parent, label):
                record(index, state)
                other_state(index, state, parent, label)
            search.on_state = on_state
        if self.recorder.uses_labels:
            # the recorder sees every successor of the state explored, with its label (no
            # other part of a run sets this hook)
            search.on_successor = self.recorder.add_successor
        stop = search.stop_requested
        search.stop_requested = lambda: (self.violation_code != 0
                                         or self.recorder.error is not None
                                         or (stop is not None and stop()))
        if not self.periodic:
            return
        self.schedule = PeriodicSchedule.for_run(time.monotonic())
        tick = search.on_tick

        def on_tick(outcome, queue):
            if tick is not None:
                tick(outcome, queue)
            self.maybe_check(outcome, queue)
        search.on_tick = on_tick
        progress = search.on_progress
        if progress is not None:
            # TLC reports no progress once a periodic check found a violation
            search.on_progress = lambda outcome, queue: (
                None if self.violation_code else progress(outcome, queue))

    def maybe_check(self, outcome, queue: int) -> None:
        """A periodic check, if one is due now (a violation is reported and stops the
        search)."""
        if self.violation_code or self.recorder.error is not None:
            return
        explored = outcome.distinct - queue
        if explored <= 0 or not self.schedule.due(time.monotonic(), explored):
            return
        started = time.monotonic()
        self.violation_code = self.check(outcome, explored, complete=False)
        self.schedule.checked(explored, time.monotonic() - started)

    # ------------------------------------------------------------------ after the search
    def after_search(self, outcome) -> int:
        """What is left once the search is over: report an evaluation error of an atom, or
        the statistics after a violation found during the search, or run the final check.
        The error code, or 0."""
        rep = self.run.rep
        if self.recorder.error is not None:
            return self._report_error(outcome)
        if self.violation_code:
            self.print_tool_progress(outcome)
            self.run.print_stats(outcome)
            return self.violation_code
        self.graph.close(outcome.distinct)
        rep.message(EC.TLC_PROGRESS_STATS, *progress_params(
            outcome.depth, outcome.generated, outcome.distinct, outcome.queue_left))
        if not self.final:
            return 0
        code = self.check(outcome, outcome.distinct, complete=True)
        if self.recorder.error is not None:
            return self._report_error(outcome)
        if code:
            self.print_tool_progress(outcome)
            self.run.print_stats(outcome)
        return code

    def _report_error(self, outcome) -> int:
        """Report the evaluation error of an atom (``recorder.error``); its error code."""
        self.run.rep.general_exception(_located(self.recorder.error))
        self.run.print_stats(outcome)
        return EC.GENERAL

    def check(self, outcome, explored: int, complete: bool) -> int:
        """Check the graph of the first ``explored`` states, with TLC's messages; the error
        code of a violation (reported) or 0."""
        from tla.checker.liveness.counterexample import build_lasso
        run, rep, checker = self.run, self.run.rep, self.checker
        branches = checker.count
        rep.message(EC.TLC_CHECKING_TEMPORAL_PROPS, "complete" if complete else "current",
                    explored * branches, "" if branches == 1 else f"{branches} branches of ")
        started = time.monotonic()
        try:
            cx = checker.check(explored, outcome.init_distinct)
        except EvalError as exc:
            # an atom evaluated only when a check needs it (a fairness condition's ENABLED,
            # an action on a step of a cycle) fails as one evaluated during the search does
            self.recorder.error = exc
            return 0
        # TLC words this duration as outside -tool mode even in -tool mode
        elapsed = format_duration(int((time.monotonic() - started) * 1000))
        if cx is None:
            rep.message(EC.TLC_CHECKING_TEMPORAL_PROPS_END, elapsed)
            return 0
        code = rep.error(EC.TLC_TEMPORAL_PROPERTY_VIOLATED, cx.name)
        rep.error(EC.TLC_COUNTER_EXAMPLE)
        store = self.search.store
        lasso = build_lasso(cx, store.states.__getitem__, store.level_of, run.successors,
                            self.search.checks.key)
        run.print_trace(lasso.steps, header=False)
        run.record_error_trace(lasso.steps, lasso)
        if lasso.back_to is None:
            rep.stuttering(len(lasso.steps) + 1)
        else:
            rep.back_to_state(lasso.back_to, str(lasso.back_label))
        rep.message(EC.TLC_CHECKING_TEMPORAL_PROPS_END, elapsed)
        return code

    def print_tool_progress(self, outcome) -> None:
        """-tool mode adds a progress report with rates before the statistics."""
        run = self.run
        if not run.opts.tool:
            return
        ms = max(1, int((time.monotonic() - run.started) * 1000))
        run.rep.message(EC.TLC_PROGRESS_STATS, *progress_params(
            outcome.depth, outcome.generated, outcome.distinct, outcome.queue_left,
            outcome.generated * 60000 // ms, outcome.distinct * 60000 // ms))


def _located(exc: EvalError) -> str:
    if exc.span is None:
        return exc.message
    return f"{exc.message}\n{exc.span.tlc_location()}"
