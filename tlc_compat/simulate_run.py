"""A ``-simulate`` (or ``-generate``) run as TLC reports it.

Takes: a :class:`tla.tlc_compat.tlc_run.Run` whose model and plan are bound. Gives: TLC's
exit status, after printing what TLC's simulator prints (``tlc2.tool.Simulator``):

* ``Computed N initial states...`` (2269, N = all initial states), then
  ``Finished computing initial states: M distinct state generated at <now>.`` (2190, M =
  those within the state constraints; TLC passes an empty plural here whatever M is);
* on a violation: the error, ``The behavior up to this point is:`` and the behaviour,
  each state numbered by its level and labelled with its action, the initial state with
  the init predicate's name (``<Init line ... of module M>``); then the summary
  ``The number of states generated: N`` / ``Simulation using seed S and aril A`` (2210);
* at the end, always, the progress report ``Progress: N states checked, T traces
  generated (trace length: mean=..., var(x)=..., sd=...)`` (2209), preceded by the summary
  when no error stopped the simulation; every 60 seconds the same progress report;
* with ``-continue``: every recoverable violation is reported the same way and the
  simulation goes on; when the ``num=`` behaviours are done the postconditions decide the
  exit status (0 when they hold), as in TLC;
* with ``-simulate file=F,num=N``: every behaviour that ended without error is written to
  ``F_0_<k>`` (a module ``STATE_1 == ...``; ``k`` counts from 0).

``-depth -1`` lifts the bound on the length of behaviours; TLC then prints only the last
state of a counterexample (``The error state is:``).
"""
from __future__ import annotations

import os
from functools import partial

from tla.checker.search import Checks
from tla.checker.simulate import (SimulationAction, SimulationSettings, Simulator,
                                  SimViolation)
from tla.errors import AssertionFailure, EvalError
from tla.tlc_compat.codes import EC
from tla.tlc_compat.messages import not_completely_specified_params
from tla.tlc_compat.output_files import OutputFileError, write_text_file

#: violations whose report ends with the summary (TLC's printBehavior with a code)
_IN_BEHAVIOUR = {
    "invariant": EC.TLC_INVARIANT_VIOLATED_BEHAVIOR,
    "action_property": EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR,
    "deadlock": EC.TLC_DEADLOCK_REACHED,
    "invariant_error": EC.TLC_INVARIANT_EVALUATION_FAILED,
    "action_property_error": EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED,
}
LIVENESS_REFUSED = ("pytlc does not check temporal properties (liveness) in simulation "
                    "mode yet; check them with breadth-first model checking (without "
                    "-simulate), or remove them from the cfg's PROPERTY list.")


def init_label(model, init):
    """The label TLC's simulator gives initial states: the init predicate's definition
    name and the location of its body, or ``Initial predicate`` and the location of the
    expression when it is not a plain reference to a definition."""
    from tla.evaluator.actions import ActionLabel
    from tla.evaluator.scope import DefEntry
    from tla.parser import ast as A
    name = init if isinstance(init, str) else (
        init.name if isinstance(init, A.OpApp) and not init.args else None)
    if name is not None:
        entry = model.root_ns.lookup(name)
        if type(entry) is DefEntry and not entry.params:
            return ActionLabel(name, (), getattr(entry.body, "span", None))
    return ActionLabel("Initial predicate", (), getattr(init, "span", None))


def simulate(run) -> int:
    """Simulate the model of ``run`` as its options say; returns the exit status."""
    return SimulationRun(run).execute()


class SimulationRun:
    """The rendering side of one simulation (TLC's ``Simulator`` reporting)."""

    def __init__(self, run):
        self.run = run
        self.rep = run.rep
        self.opts = run.opts
        self.outcome = None
        self.simulator = None

    # ------------------------------------------------------------------ setup
    def settings(self) -> SimulationSettings:
        opts = self.opts
        return SimulationSettings(seed=self.run.seed, aril=opts.aril,
                                  depth=None if opts.depth == -1 else opts.depth,
                                  traces=opts.simulate_num)

    def publish_config(self, settings: SimulationSettings, check_deadlock: bool) -> None:
        """``TLCGet("config")`` of a simulation (TLC's ``Simulator.createConfig``)."""
        traces = settings.traces if settings.traces is not None else 2 ** 63 - 1
        self.run.model.ctx.config.update(
            mode=self.opts.mode, depth=-1 if settings.depth is None else settings.depth,
            traces=_java_int(traces), deadlock=check_deadlock, seed=str(settings.seed),
            aril=str(settings.aril), worker=1, install="", sched="random")

    def make_simulator(self) -> Simulator:
        run, plan, model = self.run, self.run.plan, self.run.model
        checks = Checks(invariants=plan.invariants, constraints=plan.constraints,
                        action_constraints=plan.action_constraints,
                        action_properties=plan.action_properties,
                        check_deadlock=plan.check_deadlock,
                        keep_going=self.opts.continue_after_violation)
        actions = [] if plan.next is None else [
            SimulationAction(a.label, partial(model.successors_of_action, a))
            for a in model.actions_of(plan.next)]
        settings = self.settings()
        self.publish_config(settings, plan.check_deadlock)
        simulator = Simulator(lambda: model.init_states(plan.init), actions, checks, settings,
                              init_label(model, plan.init), model.ctx)
        simulator.on_init_done = self.print_init_done
        simulator.on_violation = self.report_continued
        simulator.on_progress = self.print_progress
        if self.opts.simulate_file:
            simulator.on_trace = self.write_trace_file
        registers = model.ctx.registers
        simulator.stop_requested = lambda: registers.get("exit") is True
        simulator.control = run.control
        return simulator

    # ------------------------------------------------------------------ the run
    def execute(self) -> int:
        run, rep = self.run, self.rep
        if run.plan.temporal_properties:
            rep.error(EC.TLC_FEATURE_UNSUPPORTED, LIVENESS_REFUSED)
            return run.finish(EC.GENERAL)
        try:
            simulator = self.simulator = self.make_simulator()
        except EvalError as exc:
            return run.eval_failure(exc)
        try:
            run.control.listening = True
            outcome = self.outcome = simulator.run()
        except EvalError as exc:
            # outside any behaviour (the VIEW, a constraint on an initial state ...)
            return run.eval_failure(exc)
        except OutputFileError as exc:
            # a -simulate file= trace could not be written: TLC's worker fails with the
            # Java exception, reported as GENERAL after the summary
            rep.general_exception(exc.message, exc.java_class)
            self.print_summary()
            return run.finish(EC.GENERAL)
        finally:
            run.control.listening = False
        if outcome.interrupted is not None:
            return self.interrupted()
        violation = outcome.violation
        if violation is not None:
            code, at_once = self.report(violation)
            if at_once:
                return run.finish(code)
            code = max(code, self.postconditions())
            self.print_progress(outcome)
            return run.finish(code)
        code = self.postconditions()
        self.print_progress(outcome)
        if code == EC.NO_ERROR:
            self.print_summary()
        return run.finish(code)

    def interrupted(self) -> int:
        import signal
        name = signal.Signals(self.outcome.interrupted).name
        self.rep.println(f"Interrupted by {name}: the simulation stopped before its end.")
        self.print_progress(self.outcome)
        self.print_summary()
        self.run.finish(EC.GENERAL)
        return self.run.control.exit_status

    def postconditions(self) -> int:
        self.run.model.ctx.stats.update(diameter=self.outcome.traces)
        return self.run.check_postconditions()

    # ------------------------------------------------------------------ messages
    def print_init_done(self, outcome, within: int) -> None:
        rep = self.rep
        rep.message(EC.TLC_COMPUTING_INIT_PROGRESS, outcome.initial)
        rep.message(EC.TLC_INIT_GENERATED1, within, "", rep.now())

    def print_progress(self, outcome) -> None:
        self.rep.message(EC.TLC_PROGRESS_SIMU, outcome.generated, outcome.traces,
                         outcome.mean, outcome.variance, outcome.deviation)

    def print_summary(self) -> None:
        outcome, rep = self.outcome or self.simulator.outcome, self.rep
        if self.opts.tool:
            rep.message(EC.TLC_PROGRESS_SIMU, outcome.generated, outcome.traces)
        rep.message(EC.TLC_STATS_SIMU, outcome.generated, self.run.seed, self.opts.aril)

    def report_continued(self, violation: SimViolation) -> None:
        """With ``-continue``: a violation that does not stop the simulation."""
        self.report(violation)

    def report(self, v: SimViolation) -> tuple[int, bool]:
        """Print a violation as TLC's simulator does. Returns its error code and whether
        the run ends at once (errors before any behaviour) rather than with the
        postconditions and the final progress report."""
        run, rep = self.run, self.rep
        kind = v.kind
        if kind == "invariant_initial":
            return rep.error(EC.TLC_INVARIANT_VIOLATED_INITIAL, v.name,
                             run.state_text(v.state)), True
        if kind == "unspecified_init":
            return rep.error(EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_INITIAL,
                             run.state_text(v.state)), True
        if kind == "no_init":
            return rep.error(EC.TLC_NO_STATES_SATISFYING_INIT), True
        if kind == "no_init_in_model":
            return rep.error(EC.TLC_NO_STATES_SATISFYING_INIT_AND_CONSTRAINT), True
        if kind == "init_error":
            if v.state is not None:
                code = rep.error(EC.TLC_INITIAL_STATE, v.error.message, run.state_text(v.state))
            else:
                code = self.evaluation_error(v.error)
            self.print_summary()
            return code, True
        if kind in _IN_BEHAVIOUR:
            params = (v.name, v.error.message) if v.error is not None else (
                (v.name,) if v.name else ())
            code = rep.error(_IN_BEHAVIOUR[kind], *params)
            self.print_behaviour(v.steps)
        elif kind == "unspecified":
            last = v.steps[-1].state
            missing = [n for n, x in zip(run.model.variables, last) if x is None]
            several = len(self.simulator.actions) > 1
            code = rep.error(EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT,
                             *not_completely_specified_params(
                                 missing, getattr(v.label, "name", None), several))
            self.print_behaviour(v.steps)
        elif kind == "next_error":
            code = self.evaluation_error(v.error)
            self.print_behaviour(v.steps)
            run.print_nested(v.error)
        else:
            from tla.errors import InternalError
            raise InternalError(f"unknown simulation violation {kind}")
        self.print_summary()
        return code, False

    def evaluation_error(self, exc: EvalError) -> int:
        rep = self.rep
        if isinstance(exc, AssertionFailure):
            return rep.error(EC.TLC_VALUE_ASSERT_FAILED, exc.value)
        if exc.tlc_code in (EC.TLC_MODULE_DIVISION_BY_ZERO,):
            return rep.error(exc.tlc_code, exc.message)
        rep.general_exception(exc.message)
        # the nested-expression report that follows decides the code, as in TLC
        return EC.TLC_NESTED_EXPRESSION

    def print_behaviour(self, steps: list) -> None:
        """``The behavior up to this point is:`` and the states of ``steps``, numbered by
        level; with ``-difftrace``, a repeated state is left out (TLC then says how many)
        and the others show only what changed."""
        run, rep = self.run, self.rep
        if self.opts.depth == -1:
            rep.message(EC.TLC_ERROR_STATE)
            rep.println(run.state_text(steps[-1].state))
            run.record_error_trace(steps)
            return
        rep.error(EC.TLC_BEHAVIOR_UP_TO_THIS_POINT)
        diff = self.opts.difftrace
        omitted = 0
        previous = None
        from tla.evaluator.values import eq
        for i, step in enumerate(steps):
            after = steps[min(i + 1, len(steps) - 1)].state
            if diff and previous is not None and _same_state(eq, step.state, previous):
                omitted += 1
                continue
            text = run.state_text(step.state, after, previous if diff else None)
            rep.trace_state(step.level, str(step.label), text)
            previous = step.state
        if omitted:
            rep.message(EC.GENERAL, "difftrace requested: Shortened behavior by omitting "
                        f"finite stuttering ({omitted} states), which is an artifact of "
                        "simulation mode.\n")
        run.record_error_trace(steps)
        if self.opts.dump_traces:
            with run.control.critical():
                run.dump_traces(steps)

    # ------------------------------------------------------------------ trace files
    def write_trace_file(self, steps: list, number: int) -> None:
        """``-simulate file=F``: the behaviour as module ``F_0_<number>``, written where
        TLC writes it (relative to the working directory)."""
        name = f"{self.opts.simulate_file}_0_{number}"
        lines = [f"---------------- MODULE {os.path.basename(name)} -----------------"]
        for i, step in enumerate(steps):
            if step.label is not None:
                lines.append(f"\\* {step.label}")
            lines += [f"STATE_{i + 1} == ", self.run.state_text(step.state) + "\n"]
        lines.append("=================================================")
        write_text_file(name, "\n".join(lines) + "\n")


def _same_state(eq, a, b) -> bool:
    try:
        return all(eq(x, y) for x, y in zip(a, b))
    except EvalError:
        return False


def _java_int(value: int) -> int:
    """Java's narrowing ``(int)`` of a long."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >> 31 else value
