"""A model-checking run as TLC performs and reports it: ``pytlc [options] Spec``.

Takes parsed :class:`~tla.tlc_compat.options.Options`; prints TLC's messages (start-up
banner, SANY's lines, initial states, progress, errors with traces, statistics) on the given
stream and returns TLC's exit status. The checking itself is ``tla.checker``; this module
only decides what to run and renders what happened, in TLC's words and order
(``tlc2.TLC``, ``ModelChecker.modelCheckImpl``, tlc-interface.md section 2).
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

from tla import __version__
from tla.errors import (AssertionFailure, EvalError, InternalError, ModelError, SourceError,
                        TLAError)
from tla.tlc_compat.codes import EC
from tla.tlc_compat.live_progress import LiveProgress
from tla.tlc_compat.exitcodes import exit_status_for_code
from tla.tlc_compat.messages import INITIAL_PREDICATE, Reporter
from tla.tlc_compat.output_files import OutputFileError
from tla.tlc_compat.report_format import (OutdegreeStatistics, format_duration,
                                          progress_params, success_params)

VERSION_TEXT = f"Version {__version__} of pytlc"


class Run:
    """One invocation. ``run()`` returns the exit status."""

    def __init__(self, options, out: TextIO | None = None):
        self.opts = options
        self.out = out or sys.stdout
        self.rep = Reporter.for_options(options, self.out)
        self.started = time.monotonic()
        self.model = None
        self.plan = None
        self.search = None
        self.var_order: list[int] = []
        self.cfg = None
        #: the seed shown in the banner (and used by -simulate)
        self.seed = 0
        #: worker processes of the search (decided with the banner)
        self.workers = 1
        #: the last counterexample printed, (steps, lasso), for the trace-exploration spec
        self.error_trace = None
        #: the -dump file (output_files.OutputStream) and what went wrong writing it
        self.dump_stream = None
        self.dump_error = None
        #: -userFile: where Print/PrintT write (output_files.UserOutput), or None
        self.user_output = None
        #: -coverage: the counters (coverage.CoverageCollector) and when they were printed
        self.coverage = None
        self.coverage_printed = time.monotonic()
        from tla.checker.interrupt import SearchControl
        #: SIGINT/SIGTERM become a request the search polls (installed by ``run``)
        self.control = SearchControl()

    # ------------------------------------------------------------------ helpers
    def finish(self, code: int) -> int:
        """Print ``Finished in ...`` and turn TLC's last error code into the exit status;
        after a violation, write the trace-exploration spec (TLC does it last)."""
        if self.user_output is not None:
            self.user_output.close()
        elapsed = int((time.monotonic() - self.started) * 1000)
        self.rep.message(EC.TLC_FINISHED, format_duration(elapsed, self.opts.tool), self.rep.now())
        if self.error_trace is not None:
            from tla.tlc_compat.trace_te import write_te_spec_after_violation
            write_te_spec_after_violation(self)
        self.out.flush()
        return int(exit_status_for_code(code))

    def record_error_trace(self, steps, lasso=None) -> None:
        """Remember the counterexample just printed, for the trace-exploration spec
        (``lasso`` is the liveness counterexample's loop, if any)."""
        self.error_trace = (list(steps), lasso)

    def spec_paths(self) -> tuple[str, str]:
        spec = self.opts.spec
        tla_path = spec if spec.endswith(".tla") else spec + ".tla"
        from tla.tlc_compat.options import resolve_config_path
        return tla_path, resolve_config_path(self.opts.config_file, tla_path)

    # ------------------------------------------------------------------ the run
    def run(self) -> int:
        from tla.evaluator.model import run_with_big_stack
        try:
            with self.control:
                return run_with_big_stack(self._run)
        except KeyboardInterrupt:
            self.out.flush()
            raise
        except RecursionError:
            # a recursive definition without a base case for the values it meets: TLC's
            # StackOverflowError report (its wording), not a Python traceback
            code = self.rep.error(EC.SYSTEM_STACK_OVERFLOW)
            return self.finish(code)

    def _run(self) -> int:
        rep, opts = self.rep, self.opts
        rep.message(EC.TLC_VERSION, VERSION_TEXT)
        if opts.dump is not None and not self.create_dump_file():
            return 1
        if opts.user_file is not None and not self.create_user_file():
            return 1
        self.banner()
        tla_path, cfg_path = self.spec_paths()
        from tla.tlc_compat.cfg import CfgError, read_cfg
        try:
            cfg = read_cfg(cfg_path)
        except CfgError as exc:
            rep.cfg_syntax_error(exc.message, exc.java_class)
            return self.finish(EC.GENERAL)
        if opts.tool:
            rep.message(EC.TLC_SANY_START)
        tree = self.parse(tla_path)
        if opts.tool and tree is not None:
            rep.message(EC.TLC_SANY_END)
        rep.message(EC.TLC_STARTING, rep.now())
        if tree is None:
            rep.parsing_failed()
            return self.finish(EC.TLC_PARSING_FAILED)
        return self.check(tree, cfg)

    def banner(self) -> None:
        from tla.tlc_compat.banner import (current_runtime, depth_first_params,
                                           model_checking_params, simulation_params)
        opts = self.opts
        workers = self.workers = self.search_workers()
        if opts.mode in ("simulate", "generate"):
            from tla.checker.simulate import random_seed
            self.seed = opts.seed if opts.seed is not None else random_seed()
            self.rep.message(EC.TLC_MODE_SIMU, *simulation_params(self.seed, workers,
                                                                  current_runtime()))
            return
        # TLC's seed (63 random bits) and choice of fingerprint polynomial (0 .. 130),
        # from os.urandom: the random module would be imported for these two numbers
        self.seed = opts.seed if opts.seed is not None else \
            int.from_bytes(os.urandom(8), "big") >> 1
        fp = opts.fp if opts.fp is not None else int.from_bytes(os.urandom(2), "big") % 131
        if opts.dfid is not None:
            self.rep.message(EC.TLC_MODE_MC_DFS, *depth_first_params(workers, self.seed, fp,
                                                                     current_runtime()))
            return
        self.rep.message(EC.TLC_MODE_MC, *model_checking_params(workers, self.seed, fp,
                                                                 current_runtime()))

    def search_workers(self) -> int:
        """The worker processes of the breadth-first search: ``-workers``, except that a
        run which needs every state in one process (liveness checking, which the cfg's
        PROPERTY may ask for, ``-dump``, ``-coverage``) and the other modes use one."""
        opts = self.opts
        if opts.workers <= 1 or opts.mode != "modelcheck" or opts.dfid is not None \
                or opts.dump is not None or opts.coverage_minutes is not None:
            return 1
        from tla.tlc_compat.cfg import CfgError, read_cfg
        try:
            properties = read_cfg(self.spec_paths()[1]).properties
        except (CfgError, OSError):
            return 1                          # reported as the run goes on
        return 1 if properties else opts.workers

    def parse(self, tla_path: str):
        """SANY's part: parse the spec and what it uses, check it, print SANY's lines.
        None when parsing or semantic analysis failed (the errors are printed)."""
        from tla.parser.loader import load_tree
        from tla.parser.semantic import check_tree
        rep = self.rep
        try:
            tree = load_tree(tla_path)
        except SourceError as exc:
            self.print_sany_error(exc, tla_path)
            return None
        except OSError as exc:
            rep.println(f"Cannot find source file for module {tla_path}: {exc.strerror}.")
            return None
        for name in tree.order[::-1]:
            path = tree.paths.get(name)
            if path is not None:
                rep.sany_parsing_file(os.path.abspath(path))
        stem = os.path.splitext(os.path.basename(tla_path))[0]
        if tree.root.name != stem:
            # SANY refuses a root file whose module has another name
            rep.println(f"File name '{stem}' does not match the name '{tree.root.name}' of "
                        f"the top level module in it.\n")
            rep.println(f"Fatal errors while parsing TLA+ spec in file {stem}\n")
            return None
        errors = check_tree(tree)
        if errors:
            rep.println("Semantic errors:\n")
            for err in errors:
                rep.println(_sany_location(err) + "\n\n" + err.message + "\n")
            rep.println(f"*** Errors: {len(errors)}\n")
            return None
        for name in tree.order:
            rep.sany_semantic_processing(name)
        rep.sany_linting(tree.root.name)
        return tree

    def print_sany_error(self, exc: SourceError, tla_path: str) -> None:
        """SANY's report of a module that does not parse (its layout, our message)."""
        module = os.path.splitext(os.path.basename(tla_path))[0]
        where = exc.span.file if exc.span is not None else tla_path
        failed = os.path.splitext(os.path.basename(where))[0]
        self.rep.sany_parsing_file(os.path.abspath(where))
        self.rep.println(f"***Parse Error***\n{exc.message}\n")
        self.rep.println(f"{_sany_location(exc)}\n\n")
        self.rep.println(f"Fatal errors while parsing TLA+ spec in file {module}\n")
        self.rep.println(f"In module {failed}\n")
        self.rep.println(f"Could not parse module {failed} from file {os.path.basename(where)}")
        self.rep.println("*** Errors: 1\n\n")

    # ------------------------------------------------------------------ checking
    def check(self, tree, cfg) -> int:
        from tla.checker.setup import PlanError, Unsupported, bind_model, make_plan
        from tla.evaluator.context import CallContext
        rep, opts = self.rep, self.opts
        ctx = CallContext(out=rep.println)
        from tla.evaluator.values import set_max_set_size
        set_max_set_size(opts.max_set_size)
        # TLC's feature switches (JVM -D properties) that pytlc's behaviour always matches:
        # action composition A \cdot B is always available.
        ctx.config["properties"] = {"tlc2.tool.impl.Tool.cdot": "true"}
        ctx.config["deadlock"] = bool(opts.check_deadlock)
        ctx.config["worker"] = self.workers
        if self.user_output is not None:
            ctx.out = self.user_output.line
        from tla.tlc_compat.runtime_checks import (CommandLineCheckError,
                                                   add_command_line_checks)
        try:
            self.model = bind_model(tree, cfg, ctx)
            # TLC evaluates what follows a complete successor without branching, except
            # under -nowarning (TLCGlobals.warn guards that shortcut)
            self.model.assigned_shortcut = not opts.nowarning
            self.var_order = self.variable_print_order(tree)
            self.plan = make_plan(self.model, cfg, opts.check_deadlock)
            add_command_line_checks(self.model, self.plan, opts)
        except CommandLineCheckError as exc:
            rep.error(EC.GENERAL, exc.message)
            return self.finish(EC.TLC_PARSING_FAILED if exc.parse_failure
                               else EC.TLC_CONFIG_SPECIFIED_NOT_DEFINED)
        except PlanError as exc:
            rep.error(exc.code, *exc.params)
            return self.finish(exc.code)
        except Unsupported as exc:
            rep.error(EC.TLC_FEATURE_UNSUPPORTED, exc.message)
            return self.finish(EC.GENERAL)
        except EvalError as exc:
            return self.eval_failure(exc)
        except (ModelError, SourceError) as exc:
            rep.error(EC.GENERAL, _located(exc))
            return self.finish(EC.GENERAL)
        self.cfg = cfg
        code = self.check_assumptions()
        if code:
            return self.finish(code)
        if self.plan.init is not None:
            if self.opts.mode in ("simulate", "generate"):
                from tla.tlc_compat.simulate_run import simulate
                return simulate(self)
            if self.opts.dfid is not None:
                from tla.tlc_compat.dfid_run import model_check_dfid
                return model_check_dfid(self)
            return self.model_check()
        return self.finish_constant_model()

    def check_assumptions(self) -> int:
        rep = self.rep
        for span, holds in self.model.assumptions():
            try:
                ok = holds()
            except AssertionFailure as exc:
                return rep.error(EC.TLC_VALUE_ASSERT_FAILED, exc.value)
            except EvalError as exc:
                return rep.error(EC.TLC_ASSUMPTION_EVALUATION_ERROR, span.tlc_location(),
                                 exc.message)
            if ok is not True:
                return rep.error(EC.TLC_ASSUMPTION_FALSE, span.tlc_location())
        return 0

    def finish_constant_model(self) -> int:
        """A model without variables: the assumptions were all there was to check."""
        rep = self.rep
        rep.message(EC.TLC_COMPUTING_INIT)
        rep.message(EC.TLC_INIT_GENERATED1, 0, "s", rep.now())
        rep.success(*success_params(0, 0))
        rep.message(EC.TLC_STATS, 0, 0, 0)
        rep.message(EC.TLC_SEARCH_DEPTH, 0)
        rep.message(EC.TLC_STATE_GRAPH_OUTDEGREE, 0, 0, 0, 0)
        return self.finish(EC.NO_ERROR)

    def model_check(self) -> int:
        from tla.checker.search import Checks, Search
        from tla.checker.properties import InitialPropertyViolation, checked_initial
        rep, plan, model = self.rep, self.plan, self.model
        from tla.tlc_compat.liveness_run import LivenessRun
        liveness = LivenessRun.setup(self)
        if not self.opts.recover:
            rep.message(EC.TLC_COMPUTING_INIT)
        checks = Checks(invariants=plan.invariants, constraints=plan.constraints,
                        action_constraints=plan.action_constraints,
                        action_properties=plan.action_properties,
                        check_deadlock=plan.check_deadlock,
                        keep_going=self.opts.continue_after_violation,
                        key=self.state_key())
        init, nxt = plan.init, plan.next
        ctx = model.ctx

        def initial():
            states = model.init_states(init)
            # TLCGet("level") is 0 while Init is evaluated and 1 for the initial states'
            # invariants and properties
            ctx.level = 1
            if plan.state_properties:
                return checked_initial(states, plan.state_properties)
            return states

        if nxt is None:
            def successors(state, level):
                return ()
        else:
            def successors(state, level):
                return model.next_states(nxt, state, level)
            # Model.next_states marks a list with an unbound variable in a successor
            successors.complete_lists = True

        search_class, extra = Search, {}
        if self.workers > 1 and not liveness:
            from tla.checker.parallel import ParallelSearch
            search_class, extra = ParallelSearch, {"workers": self.workers}
        search = search_class(initial, successors, checks,
                              on_progress=self.progress,
                              on_init_progress=lambda n: rep.message(
                                  EC.TLC_COMPUTING_INIT_PROGRESS, n),
                              on_violation=self.report_continued,
                              on_edge=liveness.add_edge if liveness else None,
                              context=model.ctx, **extra)
        if extra:
            search.child_totals = lambda: {
                "intermediate_generated": getattr(model, "intermediate_generated", 0)}
        dump = self.open_state_dump(search)
        dump_error = None
        if self.opts.coverage_minutes is not None:
            from tla.tlc_compat.coverage import attach_coverage
            self.coverage = attach_coverage(search, len(model.variables))
        search.on_init_done = self.print_init_done
        live = None if self.opts.tool else LiveProgress.for_stream(sys.stderr)
        if live is not None:
            search.on_tick = lambda out, queue: live.update(out.distinct, out.generated,
                                                            queue, out.depth)
            self.rep.before_write = live.clear
        registers = model.ctx.registers
        search.stop_requested = lambda: registers.get("exit") is True
        if liveness:
            liveness.attach(search)
        self.search = search
        self.successors = successors
        try:
            self.checkpoints = self.setup_checkpoints(search, liveness)
        except TLAError as exc:
            rep.error(EC.GENERAL, exc.message)
            return self.finish(EC.GENERAL)
        try:
            self.control.listening = True
            if self.coverage is not None:
                self.coverage.active = True
            outcome = search.run()
            # TLC counts the intermediate states of A \cdot B as generated too
            outcome.generated += getattr(model, "intermediate_generated", 0) + \
                getattr(search, "worker_totals", {}).get("intermediate_generated", 0)
        except InitialPropertyViolation as exc:
            code = rep.error(EC.TLC_PROPERTY_VIOLATED_INITIAL, exc.name, self.state_text(exc.state))
            return self.finish(code)
        except EvalError as exc:
            outcome = search.outcome
            outcome.violation = _violation("next_error", error=exc)
        except OutputFileError as exc:
            outcome, dump_error = search.outcome, exc
        except TLAError as exc:
            # A name that does not resolve in an action compiled on first use, etc.
            rep.error(EC.GENERAL, _located(exc))
            self.print_stats(search.outcome)
            return self.finish(EC.GENERAL)
        finally:
            self.control.listening = False
            self.control.stop_timer()
            if self.coverage is not None:
                self.coverage.active = False
            closing_error = _closing_error(dump) if dump is not None else None
        if dump_error is not None:
            return self.dump_failed(dump_error, outcome)
        if closing_error is not None:
            # the search is complete: report the dump's failure, then its result, and do
            # not end with success
            self.dump_error = closing_error
            rep.error(EC.GENERAL, dump_failure_text(closing_error))
        if outcome.interrupted is not None:
            return self.interrupted(outcome)
        violation = outcome.violation
        if violation is not None:
            return self.report_violation(outcome, violation)
        if nxt is None and outcome.distinct:
            code = rep.error(EC.TLC_STATES_AND_NO_NEXT_ACTION)
            return self.finish(code)
        if liveness:
            code = liveness.after_search(outcome)
            if code:
                return self.finish(code)
        code = self.check_postconditions()
        if code:
            return self.finish(code)
        rep.success(*success_params(outcome.generated, outcome.distinct,
                                    self.actual_collision_probability(outcome)))
        self.print_stats(outcome, outdegree=True)
        return self.finish(EC.NO_ERROR if self.dump_error is None else EC.GENERAL)

    # ------------------------------------------------------------------ checkpoints
    def setup_checkpoints(self, search, liveness):
        """Hook checkpoints (``-checkpoint``, ``-metadir``, ``-cleanup``) into ``search`` and,
        with ``-recover DIR``, restore it from DIR; returns the Checkpoints object."""
        from tla.checker.checkpoint import Checkpoints
        return Checkpoints.for_run(self, search, liveness.graph if liveness else None)

    def interrupted(self, outcome) -> int:
        """The search stopped on SIGINT/SIGTERM: checkpoint (when checkpoints are on), say
        so, print the statistics so far, exit with the signal's status."""
        import signal
        name = signal.Signals(outcome.interrupted).name
        where = self.checkpoints.write_final()
        self.rep.println(f"Interrupted by {name}: the search stopped before exploring every "
                         "state.")
        if where:
            self.rep.println(f"Resume it with: -recover {where}")
        self.print_stats(outcome)
        self.finish(EC.GENERAL)
        return self.control.exit_status

    def actual_collision_probability(self, outcome):
        """TLC's estimate "based on the actual fingerprints" (one over the smallest distance
        between two of them), computed only when the success message prints it."""
        from tla.tlc_compat.report_format import (ACTUAL_ESTIMATE_THRESHOLD,
                                                  optimistic_probability)
        if optimistic_probability(outcome.generated, outcome.distinct) < \
                ACTUAL_ESTIMATE_THRESHOLD:
            return None
        distance = self.search.store.seen.min_distance()
        return 1.0 / distance if distance else None

    def print_init_done(self, outcome) -> None:
        rep = self.rep
        generated, distinct = outcome.init_generated, outcome.init_distinct
        plural = "" if generated == 1 else "s"
        if generated == distinct:
            rep.message(EC.TLC_INIT_GENERATED1, generated, plural, rep.now())
        else:
            rep.message(EC.TLC_INIT_GENERATED2, generated, plural, distinct, rep.now())

    def print_stats(self, outcome, outdegree: bool = False) -> None:
        rep = self.rep
        if self.coverage is not None:
            self.print_coverage(outcome)
        rep.message(EC.TLC_STATS, outcome.generated, outcome.distinct, outcome.queue_left)
        rep.message(EC.TLC_SEARCH_DEPTH, outcome.depth)
        if outdegree:
            stats = OutdegreeStatistics()
            stats.counts = list(outcome.outdegree)
            stats.observations = sum(stats.counts)
            if stats.observations:
                rep.message(EC.TLC_STATE_GRAPH_OUTDEGREE, *stats.params())
            else:
                rep.message(EC.TLC_STATE_GRAPH_OUTDEGREE, 0, 0, 0, 0)

    def progress(self, outcome, queue: int) -> None:
        self.publish_stats(outcome, queue)
        self.rep.message(EC.TLC_PROGRESS_STATS, *progress_params(
            outcome.depth, outcome.generated, outcome.distinct, queue,
            outcome.generated, outcome.distinct))
        if self.coverage is not None and self.coverage_due():
            self.print_coverage(outcome)

    def coverage_due(self) -> bool:
        """``-coverage N``: a report rides on the first progress report N minutes after
        the last one (every progress report with N = 0)."""
        now = time.monotonic()
        if now - self.coverage_printed >= self.opts.coverage_minutes * 60:
            self.coverage_printed = now
            return True
        return False

    def print_coverage(self, outcome) -> None:
        from tla.tlc_compat.coverage import coverage_report, print_coverage
        variables, entries = coverage_report(
            self.model, self.plan, self.model.tree, self.coverage, self.var_order,
            outcome.init_generated, outcome.init_distinct)
        print_coverage(self.rep, variables, entries,
                       with_overhead_note=time.monotonic() - self.started > 300)

    def publish_stats(self, outcome, queue: int | None = None) -> None:
        """What ``TLCGet("stats")``, ``TLCGet("diameter")`` etc. return from now on."""
        self.model.ctx.stats.update(
            diameter=outcome.depth, distinct=outcome.distinct, generated=outcome.generated,
            queue=outcome.queue_left if queue is None else queue,
            duration=int(time.monotonic() - self.started))

    def check_postconditions(self) -> int:
        if self.search is not None:
            self.publish_stats(self.search.outcome)
        for name, holds in self.plan.postconditions:
            try:
                ok = holds()
            except EvalError as exc:
                return self.rep.error(EC.TLC_POSTCONDITION_EVALUATION_ERROR, name, exc.message)
            if ok is not True:
                return self.rep.error(EC.TLC_POSTCONDITION_FALSE, name)
        return 0

    # ------------------------------------------------------------------ states
    def state_key(self):
        """What identifies a state for the search: the VIEW, the symmetry class, or the
        state itself. With both, the symmetry applies to the VIEW's value, as in TLC
        (``TLCStateMut.fingerPrint``)."""
        plan = self.plan
        view = plan.view
        if plan.symmetry is not None:
            from tla.checker.symmetry import symmetry_key
            orbit_key = symmetry_key(plan.symmetry)
            if view is not None:
                def view_orbit_key(state):
                    return orbit_key((view(state),))
                view_orbit_key.gives_fingerprints = True
                return view_orbit_key
            return orbit_key
        if view is not None:
            return lambda state: view(state)
        return None

    def variable_print_order(self, tree) -> list[int]:
        """Indices of the variables in the order TLC prints them (Java Hashtable order)."""
        names = list(self.model.variables)
        try:
            from tla.tlc_compat.varorder import print_order_for_tree
        except ImportError:
            return list(range(len(names)))
        ordered = print_order_for_tree(tree, names)
        return [names.index(n) for n in ordered]

    def state_text(self, state, next_state=None, previous=None) -> str:
        """A state as TLC prints it; with ``previous`` (``-difftrace``), only the variables
        whose value differs from ``previous``; with ``-view`` and a VIEW, the view's value
        (TLCStateMut.toString: no variable names, no final newline)."""
        from tla.evaluator.values import pretty
        model = self.model
        if self.opts.view and self.plan is not None and self.plan.view is not None:
            return pretty(self.plan.view(state))
        if self.plan is not None and self.plan.alias is not None:
            try:
                record = self.plan.alias(state, next_state if next_state is not None else state)
                from tla.evaluator.values import to_fcn_map
                pairs = list(to_fcn_map(record).items())
            except EvalError:
                pairs = None
            if pairs is not None:
                return _conjuncts([(str(k), pretty(v)) for k, v in pairs])
        pairs = []
        for i in self.var_order:
            value = state[i]
            if previous is not None and value is not None and previous[i] is not None \
                    and _same(value, previous[i]):
                continue
            pairs.append((model.variables[i], "null" if value is None else pretty(value)))
        return _conjuncts(pairs, bullets=len(self.var_order) > 1)

    def print_trace(self, steps, header: bool = True) -> None:
        rep = self.rep
        if header:
            rep.error(EC.TLC_BEHAVIOR_UP_TO_THIS_POINT)
        diff = self.opts.difftrace
        for number, step in enumerate(steps, start=1):
            info = INITIAL_PREDICATE if step.label is None else str(step.label)
            nxt = steps[number].state if number < len(steps) else None
            previous = steps[number - 2].state if diff and number > 1 else None
            rep.trace_state(number, info, self.state_text(step.state, nxt, previous))
        self.record_error_trace(steps)
        if self.opts.dump_traces:
            with self.control.critical():     # a signal waits until the files are whole
                self.dump_traces(steps)

    def dump_traces(self, steps) -> None:
        """``-dumpTrace FORMAT FILE``: write the counterexample in each requested format."""
        from tla.tlc_compat.trace_dump import write_dump_trace
        from tla.tlc_compat.trace_model import trace_from_steps
        names = list(self.model.variables)
        trace = trace_from_steps(steps, names, self.var_order)
        spec_dir = os.path.dirname(os.path.abspath(self.spec_paths()[0]))
        for fmt, file in self.opts.dump_traces:
            # a file that cannot be written is reported; the run's result stands
            line, error = write_dump_trace(fmt, file, trace,
                                           [names[i] for i in self.var_order], spec_dir)
            if error is not None:
                self.rep.error(EC.GENERAL, error.message)
            else:
                self.rep.println(line)

    def create_user_file(self) -> bool:
        """``-userFile FILE``: create it first, as TLC does (a file that cannot be created
        is TLC's command-line error, exit status 1); Print and PrintT write there."""
        from tla.tlc_compat.output_files import UserOutput

        def failed(exc):
            self.rep.error(EC.GENERAL, f"Writing the user output to {exc.path} failed: "
                                       f"{exc.reason}.")
        try:
            self.user_output = UserOutput(self.opts.user_file, failed)
        except OutputFileError:
            self.rep.command_line_error("Error: Failed to create user output log file.")
            return False
        return True

    def create_dump_file(self) -> bool:
        """Create the ``-dump`` file first, as TLC does; when it cannot be created, TLC's
        command-line error (exit status 1) and False."""
        from tla.tlc_compat.output_files import OutputStream
        try:
            self.dump_stream = OutputStream(self.opts.dump.file)
        except OutputFileError:
            self.rep.command_line_error(
                f"Error: Given file name {self.opts.dump.file} for dumping states invalid.")
            return False
        return True

    def dump_failed(self, exc, outcome) -> int:
        """Writing the ``-dump`` file failed during the search (a full disk): say which
        file and why, print the statistics so far, end with TLC's GENERAL status."""
        self.rep.error(EC.GENERAL, dump_failure_text(exc))
        self.print_stats(outcome)
        return self.finish(EC.GENERAL)

    def open_state_dump(self, search):
        """``-dump [dot,...] FILE``: hook a writer of every state (or of the state graph) into
        the search; None without -dump."""
        option = self.opts.dump
        if option is None:
            return None
        from tla.evaluator.fingerprint import state_fingerprint
        from tla.tlc_compat.state_dump import DotDumpWriter, StateDumpWriter
        stream = self.dump_stream
        if not option.dot:
            writer = StateDumpWriter(stream)
            search.on_state = lambda index, state, parent, label: writer.write_state(
                self.state_text(state))
            return writer
        writer = DotDumpWriter.from_option(stream, option)

        def on_state(index, state, parent, label):
            if parent < 0:
                writer.write_initial(state_fingerprint(state), self.state_text(state))

        def on_transition(source, target, label, new, level):
            source_fp, target_fp = state_fingerprint(source), state_fingerprint(target)
            writer.write_transition(
                source_fp, target_fp, self.state_text(target), not new,
                action=None if label is None else label.name, level=level,
                stuttering=source_fp == target_fp,
                label_text=None if label is None else str(label)[1:-1])
        search.on_state = on_state
        search.on_transition = on_transition
        return writer
    def trace_to(self, index: int, then=None, then_label=None, last=None):
        """The counterexample to stored state ``index`` (then ``then``), found again by
        replaying the spec from the stored fingerprints (``last``: that state, if known)."""
        from tla.checker.trace import TraceReplayError, rebuild
        try:
            return rebuild(self.search, index, then=then, then_label=then_label, last=last)
        except TraceReplayError as exc:
            self.rep.error(EC.TLC_FAILED_TO_RECOVER_INIT if exc.initial
                           else EC.TLC_FAILED_TO_RECOVER_NEXT)
            return exc.steps

    # ------------------------------------------------------------------ violations
    def report_continued(self, violation, store) -> None:
        """With -continue: report an invariant violation and keep going."""
        rep = self.rep
        if violation.kind == "invariant_initial":
            rep.error(EC.TLC_INVARIANT_VIOLATED_INITIAL, violation.name,
                      self.state_text(violation.successor))
            return
        code = (EC.TLC_INVARIANT_VIOLATED_BEHAVIOR if violation.kind == "invariant"
                else EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR)
        rep.error(code, violation.name)
        self.print_trace(self.trace_to(violation.index, violation.successor, violation.label,
                                       violation.state),
                         header=False)

    def report_violation(self, outcome, v) -> int:
        rep = self.rep
        kind = v.kind
        if kind == "invariant_initial":
            code = rep.error(EC.TLC_INVARIANT_VIOLATED_INITIAL, v.name, self.state_text(v.successor))
            return self.finish(code)
        if kind == "init_error":
            return self.init_failure(v.error, outcome)
        if kind == "unspecified_init":
            rep.error(EC.TLC_INITIAL_STATE, "current state is not a legal state",
                      self.state_text(v.successor))
            self.print_stats(outcome)
            return self.finish(EC.TLC_INITIAL_STATE)
        if kind == "invariant":
            code = rep.error(EC.TLC_INVARIANT_VIOLATED_BEHAVIOR, v.name)
            self.print_trace(self.trace_to(v.index, last=v.state))
        elif kind == "action_property":
            code = rep.error(EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR, v.name)
            self.print_trace(self.trace_to(v.index, v.successor, v.label, v.state))
        elif kind == "deadlock":
            code = rep.error(EC.TLC_DEADLOCK_REACHED)
            self.print_trace(self.trace_to(v.index, last=v.state))
        elif kind == "unspecified":
            missing = [n for n, x in zip(self.model.variables, v.successor) if x is None]
            several = len(self.model.actions_of(self.plan.next)) > 1
            from tla.tlc_compat.messages import not_completely_specified_params
            params = not_completely_specified_params(
                missing, v.label.name if v.label is not None else None, several)
            code = rep.error(EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT, *params)
            self.print_trace(self.trace_to(v.index, v.successor, v.label, v.state))
        elif kind in ("next_error", "invariant_error", "action_property_error"):
            return self.next_failure(outcome, v)
        else:
            raise InternalError(f"unknown violation {kind}")
        self.print_stats(outcome)
        return self.finish(code)

    def next_failure(self, outcome, v) -> int:
        rep = self.rep
        exc = v.error
        if v.kind == "invariant_error":
            code = rep.error(EC.TLC_INVARIANT_EVALUATION_FAILED, v.name, exc.message)
            self.print_trace(self.trace_to(v.index, last=v.state))
            self.print_stats(outcome, outdegree=True)
            return self.finish(code)
        if v.kind == "action_property_error":
            code = rep.error(EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED, v.name, exc.message)
            self.print_trace(self.trace_to(v.index, v.successor, v.label, v.state))
            self.print_stats(outcome)
            return self.finish(code)
        if isinstance(exc, AssertionFailure):
            code = rep.error(EC.TLC_VALUE_ASSERT_FAILED, exc.value)
        elif exc.tlc_code in (2179,):
            code = rep.error(exc.tlc_code, exc.message)
        else:
            rep.general_exception(exc.message)
            code = EC.TLC_NESTED_EXPRESSION
        if v.index >= 0:
            self.print_trace(self.trace_to(v.index, last=v.state))
        self.print_nested(exc)
        self.print_stats(outcome)
        return self.finish(code)

    def print_nested(self, exc: EvalError) -> None:
        spans = [s for s in (exc.trace or ([exc.span] if exc.span else [])) if s is not None]
        if spans:
            self.rep.nested_expressions(
                (s.line, s.col, s.end_line, s.end_col, s.module) for s in spans)

    def init_failure(self, exc: EvalError, outcome) -> int:
        rep = self.rep
        if isinstance(exc, AssertionFailure):
            code = rep.error(EC.TLC_VALUE_ASSERT_FAILED, exc.value)
            self.print_nested(exc)
        else:
            rep.error(EC.GENERAL, exc.message)
            spans = [s for s in (exc.trace or ([exc.span] if exc.span else [])) if s is not None]
            stack = "".join(f"{i}. Line {s.line}, column {s.col} to line {s.end_line}, column "
                            f"{s.end_col} in {s.module}\n" for i, s in enumerate(spans)) + "\n"
            code = rep.error(EC.TLC_FINGERPRINT_EXCEPTION, stack, exc.message)
        self.print_stats(outcome)
        return self.finish(code)

    def eval_failure(self, exc: EvalError) -> int:
        if isinstance(exc, AssertionFailure):
            code = self.rep.error(EC.TLC_VALUE_ASSERT_FAILED, exc.value)
        else:
            self.rep.general_exception(_located(exc))
            code = EC.GENERAL
        return self.finish(code)


def dump_failure_text(exc: OutputFileError) -> str:
    return f"The states could not be dumped to {exc.path}: {exc.reason}."


def _closing_error(writer):
    """Close a dump writer; the OutputFileError that closing met, or None."""
    try:
        writer.close()
    except OutputFileError as exc:
        return exc
    return None


def _violation(kind, **kw):
    from tla.checker.search import Violation
    return Violation(kind, **kw)


def _same(a, b) -> bool:
    """Equal TLA+ values (never an error: values of different kinds simply differ)."""
    from tla.evaluator.values import eq
    try:
        return eq(a, b)
    except EvalError:
        return False


def _conjuncts(pairs: list[tuple[str, str]], bullets: bool | None = None) -> str:
    """TLC's state text: ``x = v`` for a state of one variable, else one ``/\\ x = v`` line
    each (``bullets`` overrides the choice, for -difftrace's partial states)."""
    if bullets is None:
        bullets = len(pairs) != 1
    if not bullets:
        return "".join(f"{name} = {value}\n" for name, value in pairs)
    return "".join(f"/\\ {name} = {value}\n" for name, value in pairs)


def _sany_location(exc: TLAError) -> str:
    span = exc.span
    if span is None:
        return "Unknown location"
    return (f"line {span.line}, col {span.col} to line {span.end_line}, col {span.end_col} "
            f"of module {span.module or os.path.splitext(os.path.basename(span.file))[0]}")


def _located(exc: TLAError) -> str:
    if exc.span is None:
        return exc.message
    return f"{exc.message}\n{exc.span.tlc_location()}"


