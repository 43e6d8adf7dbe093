"""A ``-dfid N`` run (depth-first iterative deepening) as TLC reports it.

Takes: a :class:`tla.tlc_compat.tlc_run.Run` whose model and plan are bound. Gives: TLC's
exit status, after printing what TLC's ``DFIDModelChecker`` prints:

* ``Finished computing initial states: G states generated, with D of them distinct.``
  (2208; no "Computing initial states..." before it);
* ``Starting level L: G states generated, D distinct states found.`` (2205) at the start of
  each iteration, and ``Progress: G states generated, D distinct states found.`` (2206)
  every 60 seconds;
* when an iteration finds nothing new at its bound: TLC's success message, then
  ``G states generated, D distinct states found.`` (2204; no depth or outdegree lines);
  after iteration N without that, only the statistics (the search is incomplete); with
  ``N`` < 2 no iteration runs and TLC ends with its GENERAL status;
* a violation: the error, ``The behavior up to this point is:`` and the path to it
  (depth-first, so not necessarily a shortest one), then the statistics.

Temporal properties are refused (TLC checks them on the depth-first graph; pytlc does not
yet).
"""
from __future__ import annotations

from tla.checker.dfid import DFIDSearch, DFIDViolation
from tla.checker.search import Checks
from tla.errors import AssertionFailure, EvalError
from tla.tlc_compat.codes import EC
from tla.tlc_compat.messages import not_completely_specified_params
from tla.tlc_compat.report_format import success_params

LIVENESS_REFUSED = ("pytlc does not check temporal properties (liveness) with -dfid yet; "
                    "check them with breadth-first model checking (without -dfid).")

_ERRORS = {
    "invariant": EC.TLC_INVARIANT_VIOLATED_BEHAVIOR,
    "action_property": EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR,
    "deadlock": EC.TLC_DEADLOCK_REACHED,
    "invariant_error": EC.TLC_INVARIANT_EVALUATION_FAILED,
    "action_property_error": EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED,
}


def model_check_dfid(run) -> int:
    """Check the model of ``run`` depth-first to ``-dfid N``; returns the exit status."""
    return DFIDRun(run).execute()


class DFIDRun:
    def __init__(self, run):
        self.run = run
        self.rep = run.rep
        self.search = None

    def make_search(self) -> DFIDSearch:
        run, plan, model = self.run, self.run.plan, self.run.model
        checks = Checks(invariants=plan.invariants, constraints=plan.constraints,
                        action_constraints=plan.action_constraints,
                        action_properties=plan.action_properties,
                        check_deadlock=plan.check_deadlock,
                        keep_going=run.opts.continue_after_violation, key=run.state_key())
        nxt = plan.next

        def successors(state, level):
            return () if nxt is None else model.next_states(nxt, state, level)
        search = DFIDSearch(lambda: model.init_states(plan.init), successors, checks,
                            run.opts.dfid, model.ctx)
        search.on_init_done = self.print_init_done
        search.on_level = self.print_level
        search.on_progress = self.print_progress
        search.on_violation = self.report
        search.control = run.control
        return search

    def execute(self) -> int:
        run, rep = self.run, self.rep
        if run.plan.temporal_properties:
            rep.error(EC.TLC_FEATURE_UNSUPPORTED, LIVENESS_REFUSED)
            return run.finish(EC.GENERAL)
        search = self.search = self.make_search()
        try:
            run.control.listening = True
            outcome = search.run()
        except EvalError as exc:
            return run.eval_failure(exc)
        finally:
            run.control.listening = False
        if outcome.interrupted is not None:
            import signal
            name = signal.Signals(outcome.interrupted).name
            rep.println(f"Interrupted by {name}: the search stopped before exploring every "
                        "state.")
            self.print_stats(outcome)
            run.finish(EC.GENERAL)
            return run.control.exit_status
        violation = outcome.violation
        if violation is not None:
            return self.report_final(violation, outcome)
        if run.plan.next is None:
            rep.success(*success_params(outcome.generated, outcome.distinct))
            self.print_stats(outcome)
            return run.finish(EC.NO_ERROR)
        if outcome.complete:
            code = run.check_postconditions()
            if code:
                return run.finish(code)
            rep.success(*success_params(outcome.generated, outcome.distinct))
            self.print_stats(outcome)
            return run.finish(EC.NO_ERROR)
        self.print_stats(outcome)
        # TLC's result when no level ran (N < 2) is its initial GENERAL; after level N
        # without completing, the last level's result, NO_ERROR
        return run.finish(EC.GENERAL if run.opts.dfid < 2 else EC.NO_ERROR)

    # ------------------------------------------------------------------ messages
    def print_init_done(self, outcome) -> None:
        self.rep.message(EC.TLC_INIT_GENERATED4, outcome.generated, outcome.initial)

    def print_level(self, level: int, outcome) -> None:
        self.rep.message(EC.TLC_PROGRESS_START_STATS_DFID, level, outcome.generated,
                         len(self.search.statuses.status))

    def print_progress(self, outcome) -> None:
        self.rep.message(EC.TLC_PROGRESS_STATS_DFID, outcome.generated, outcome.distinct)

    def print_stats(self, outcome) -> None:
        if self.run.opts.tool:
            self.rep.message(EC.TLC_PROGRESS_STATS_DFID, outcome.generated, outcome.distinct)
        self.rep.message(EC.TLC_STATS_DFID, outcome.generated, outcome.distinct)

    def report(self, v: DFIDViolation) -> int:
        """Print a violation (and its path); returns its error code."""
        run, rep = self.run, self.rep
        kind = v.kind
        if kind == "invariant_initial":
            return rep.error(EC.TLC_INVARIANT_VIOLATED_INITIAL, v.name,
                             run.state_text(v.steps[0][0]))
        if kind == "unspecified_init":
            return rep.error(EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_INITIAL,
                             run.state_text(v.steps[0][0]))
        if kind == "init_error":
            if isinstance(v.error, AssertionFailure):
                return rep.error(EC.TLC_VALUE_ASSERT_FAILED, v.error.value)
            rep.error(EC.GENERAL, "computing initial states\n" + v.error.message)
            return EC.GENERAL
        if kind in _ERRORS:
            params = (v.name, v.error.message) if v.error is not None else (
                (v.name,) if v.name else ())
            code = rep.error(_ERRORS[kind], *params)
        elif kind == "unspecified":
            last = v.steps[-1][0]
            missing = [n for n, x in zip(run.model.variables, last) if x is None]
            several = len(run.model.actions_of(run.plan.next)) > 1
            code = rep.error(EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT,
                             *not_completely_specified_params(
                                 missing, getattr(v.steps[-1][1], "name", None), several))
        elif kind == "next_error":
            if isinstance(v.error, AssertionFailure):
                code = rep.error(EC.TLC_VALUE_ASSERT_FAILED, v.error.value)
            else:
                rep.general_exception(v.error.message, cause="computing the set of next "
                                                             "states")
                code = EC.GENERAL
        else:
            from tla.errors import InternalError
            raise InternalError(f"unknown -dfid violation {kind}")
        from tla.checker.trace import TraceStep
        run.print_trace([TraceStep(state, label) for state, label in v.steps])
        return code

    def report_final(self, v: DFIDViolation, outcome) -> int:
        code = self.report(v)
        if v.kind not in ("invariant_initial", "unspecified_init"):
            self.print_stats(outcome)
        return self.run.finish(code)
