"""TLC's message catalogue and the printer that renders messages the way TLC does.

Takes: a message code (:class:`codes.EC`), its string parameters and a message class.
Gives: the exact text TLC prints, and a :class:`Reporter` that writes it to a stream
(TLC writes everything, errors included, to stdout).

TLC rules implemented (``tlc2/output/MP.java``, tlc-interface.md sections 2.1-2.4):

* Message classes NONE=0, ERROR=1, TLCBUG=2, WARNING=3, STATE=4. Outside ``-tool`` the
  prefixes are ``Error: ``, ``TLC Bug: ``, ``State ``, ``Warning: ``; the first warning printed
  gets ``\\n(Use the -nowarning option to disable this warning.)``; a warning whose exact text
  (suffix included) was printed before is dropped. With ``-tool`` the body is framed by
  ``@!@!@STARTMSG <code>:<class> @!@!@`` and ``@!@!@ENDMSG <code> @!@!@`` lines instead.
* ``%n%`` placeholders are replaced by the parameters in order, every occurrence (HEAD).
* Every message is written with ``println``: a body that ends in a newline is followed by an
  empty line.
* ``<now>`` is ``yyyy-MM-dd HH:mm:ss`` local time, or ``NOW`` without timestamps.

The templates are those of TLC HEAD (2026-04), which the samples in tlc-samples/ show.
"""
from __future__ import annotations

import sys
import time
from enum import IntEnum
from typing import Any, Callable, Iterable, Sequence, TextIO

from tla.tlc_compat.codes import EC


class MessageClass(IntEnum):
    """TLC's message classes (severities)."""

    NONE = 0
    ERROR = 1
    TLCBUG = 2
    WARNING = 3
    STATE = 4


_PREFIX = {MessageClass.ERROR: "Error: ", MessageClass.TLCBUG: "TLC Bug: ",
           MessageClass.STATE: "State ", MessageClass.WARNING: "Warning: ",
           MessageClass.NONE: ""}
NOWARNING_SUFFIX = "\n(Use the -nowarning option to disable this warning.)"
DELIM = "@!@!@"
NOW = "%NOW%"  # stands for the current time in a template
_CFG = "TLC found an error in the configuration file at line %1%\n"
_DEFAULT = "Wrong invocation of TLC error printer. Error code not found."

# Plain templates: the text depends only on the code.
TEMPLATES: dict[int, str] = {
    EC.SYSTEM_STACK_OVERFLOW: (
        "This was a Java StackOverflowError. It was probably the result\n"
        "of an incorrect recursive function definition that caused TLC to enter\n"
        "an infinite loop when trying to compute the function or its application\n"
        "to an element in its putative domain."),
    EC.SYSTEM_OUT_OF_MEMORY: (
        "Java ran out of memory.  Running Java with a larger memory allocation\n"
        "pool (heap) may fix this.  But it won't help if some state has an enormous\n"
        "number of successor states, or if TLC must compute the value of a huge set."),
    EC.SYSTEM_OUT_OF_MEMORY_LIVENESS: (
        "Java ran out of memory during liveness checking.  Running Java with a larger memory\n"
        "allocation pool (heap) may fix this.  But it won't help if paths in the liveness graph\n"
        "have an enormous number of states."),
    EC.SYSTEM_OUT_OF_MEMORY_TOO_MANY_INIT: "Out Of Memory. There are probably too many initial states.",
    EC.SYSTEM_UNABLE_TO_OPEN_FILE: "Unable to open %1%.\n%2%",
    EC.SYSTEM_DISK_IO_ERROR_FOR_FILE: "Disk I/O error accessing the file for %1%.",
    EC.SYSTEM_METADIR_EXISTS: (
        "TLC writes its files to a directory whose name is generated from the current time.\n"
        "This directory should be %1%, but that directory already exists.\n"
        "Trying to run TLC again will probably fix this problem."),
    EC.SYSTEM_METADIR_CREATION_ERROR: "TLC could not make a directory %1% for the disk files it needs to write.",
    EC.SYSTEM_INTERRUPTED: "Thread has been interrupted.",
    EC.WRONG_COMMANDLINE_PARAMS_TLC: "%1%\nUsage: java tlc2.TLC [-help] [-option] inputfile",
    EC.WRONG_COMMANDLINE_PARAMS_SIMULATOR: "%1%\nUsage: java tlc2.Simulator [-help] [-option] inputfile",
    EC.TLC_VERSION: "TLC2 %1%",
    EC.TLC_PP_FORMATING_VALUE: "error while formating %1%\n%2%",
    EC.TLC_PP_PARSING_VALUE: "error while parsing %1%\n%2%",
    EC.TLC_METADIR_CAN_NOT_BE_CREATED: "TLC could not make a directory for the disk files it needs to write.\n",
    EC.TLC_INITIAL_STATE: "%1%\nWhile working on the initial state:\n%2%",
    EC.TLC_NESTED_EXPRESSION: (
        "The error occurred when TLC was evaluating the nested\n"
        "expressions at the following positions:\n%1%"),
    EC.TLC_ASSUMPTION_FALSE: "Assumption %1% is false.",
    # TLC's wording for the two postcondition errors could not be confirmed; these are
    # pytlc's, in the style of the assumption messages.
    EC.TLC_POSTCONDITION_FALSE: "Postcondition %1% is false.",
    EC.TLC_POSTCONDITION_EVALUATION_ERROR: "Evaluating postcondition %1% failed.\n%2%",
    EC.TLC_SANY_START: "Starting SANY...",
    EC.TLC_SANY_END: "SANY finished.",
    EC.TLC_ASSUMPTION_EVALUATION_ERROR: "Evaluating assumption %1% failed.\n%2%",
    EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_INITIAL: "State is not completely specified by the initial predicate:\n%1%",
    EC.TLC_INVARIANT_VIOLATED_INITIAL: "Invariant %1% is violated by the initial state:\n%2%",
    EC.TLC_PROPERTY_VIOLATED_INITIAL: "Property %1% is violated by the initial state:\n%2%",
    EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_LIVE: (
        "The action formula A appearing in a WF_v(A) or SF_v(A) operator does not specify "
        "the primed value of the variable %1% occurring in the state formula v.\n"),
    EC.TLC_INVARIANT_VIOLATED_BEHAVIOR: "Invariant %1% is violated.",
    EC.TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR: "Action property %1% is violated.",
    EC.TLC_DEADLOCK_REACHED: "Deadlock reached.",
    EC.TLC_COUNTER_EXAMPLE: "The following behavior constitutes a counter-example:\n",
    EC.TLC_STATES_AND_NO_NEXT_ACTION: "No next state actions defined to generate successor states from.",
    EC.TLC_FAILED_TO_RECOVER_NEXT: "Failed to recover the next state from its fingerprint.",
    EC.TLC_FAILED_TO_RECOVER_INIT: "Failed to recover the initial state from its fingerprint.",
    EC.TLC_BUG: "This is probably a TLC bug(%1%).",
    EC.TLC_FINGERPRINT_EXCEPTION: "TLC was unable to fingerprint.\n\nFingerprint Stack Trace:\n%1%\nReason:\n%2%",
    EC.TLC_NO_STATES_SATISFYING_INIT: "There is no state satisfying the initial state predicate.",
    EC.TLC_NO_STATES_SATISFYING_INIT_AND_CONSTRAINT: (
        "There is no state satisfying the initial state predicate and the state-constraint(s)."),
    EC.TLC_ERROR_STATE: "The error state is:\n",
    EC.TLC_BEHAVIOR_UP_TO_THIS_POINT: "The behavior up to this point is:",
    EC.TLC_REPORTER_DIED: "Progress report thread died.",
    EC.TLC_REGISTRY_INIT_ERROR: "TLA+ Registry initialization error. The name %1% is already in use.",
    EC.CHECK_PARAM_MISSING_TLA_MODULE: "Missing input TLA+ module.",
    EC.CHECK_PARAM_TOO_MANY_INPUT_FILES: "More than one input files: %1% and %2%",
    EC.TLC_PARSING_FAILED: "Parsing or semantic analysis failed.",
    EC.TLC_PARSING_FAILED2: "Parsing or semantic analysis failed.%1%",
    EC.TLC_VALUE_ASSERT_FAILED: "The first argument of Assert evaluated to FALSE; the second argument was:\n%1%",
    EC.TLC_FP_COMPLETED: "%1%, work completed. Thank you!",
    EC.TLC_COULD_NOT_DETERMINE_SUBSCRIPT: (
        "TLC could not determine if the subscript of the next-state relation contains\n"
        "all state variables. Proceed with fingers crossed."),
    EC.TLC_SUBSCRIPT_CONTAIN_NO_STATE_VAR: (
        "The subscript of the next-state relation specified by the specification\n"
        "does not seem to contain the state variable %1%"),
    EC.TLC_WRONG_TUPLE_FIELD_NAME: "Tuple field name %1% is not an integer.",
    EC.TLC_WRONG_RECORD_FIELD_NAME: "Record field name %1% is not a string.",
    EC.TLC_UNCHANGED_VARIABLE_CHANGED: "The variable %1% was changed while it is specified as UNCHANGED at\n%2%",
    EC.TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD: "The EXCEPT was applied to non-existing fields of the value at\n%1%",
    EC.TLC_SYMMETRY_SET_TOO_SMALL: (
        "The set%1% %2% %3% been defined to be a symmetry set but contain%4% less than two elements."),
    EC.TLC_SPECIFICATION_FEATURES_TEMPORAL_QUANTIFIER: (
        "TLC does not support temporal existential, nor universal, quantification over state variables."),
    EC.TLC_MODULE_TLCGET_UNDEFINED: "TLCGet(%1%) was undefined.",
    EC.TLC_MODULE_OVERFLOW: "Overflow when computing %1%",
    EC.TLC_MODULE_ONE_ARGUMENT_ERROR: "The argument of %1% should be a %2%, but instead it is:\n%3%",
    EC.TLC_MODULE_ARGUMENT_ERROR: "The %1% argument of %2% should be a %3%, but instead it is:\n%4%",
    EC.TLC_MODULE_ARGUMENT_ERROR_AN: "The %1% argument of %2% should be an %3%, but instead it is:\n%4%",
    EC.TLC_MODULE_ARGUMENT_NOT_IN_DOMAIN: (
        "The %1% argument of %2% must be in the domain of its %3% argument:\n%4%\n, but instead it is\n%5%"),
    EC.TLC_MODULE_DIVISION_BY_ZERO: "The second argument of \\div is 0.",
    EC.TLC_MODULE_NULL_POWER_NULL: "0^0 is undefined.",
    EC.TLC_MODULE_APPLYING_TO_WRONG_VALUE: "Applying %1% to the following value,\nwhich is not %2%:\n%3%",
    EC.TLC_MODULE_COMPARE_VALUE: "Attempted to compare %1% with the value\n%2%",
    EC.TLC_MODULE_APPLY_EMPTY_SEQ: "Attempted to apply %1% to the empty sequence.",
    EC.TLC_MODULE_CHECK_MEMBER_OF: "Attempted to check if the value:\n%1%\nis an element of %2%.",
    EC.TLC_MODULE_BAG_UNION1: (
        "Attempted to apply BagUnion to the following set, whose\nelement is not a bag:\n%1%"),
    EC.TLC_MODULE_TRANSITIVE_CLOSURE: (
        "Attempted to apply TransitiveClosure to a set containing\nthe following value:\n%1%"),
    EC.TLC_MODULE_COMPUTING_CARDINALITY: "Attempted to compute cardinality of the value\n%1%",
    EC.TLC_MODULE_EVALUATING: "Evaluating an expression of the form %1% when s is not a %2%:\n%3%",
    EC.TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE: (
        "Attempted to apply the operator overridden by the Java method\n%1%,\n"
        "but it produced the following error:\n%2%"),
    EC.TLC_FEATURE_UNSUPPORTED: "%1%",
    EC.TLC_FEATURE_UNSUPPORTED_LIVENESS_SYMMETRY: (
        "Declaring symmetry during liveness checking is dangerous. It might cause TLC to miss "
        "violations of the stated liveness properties. Please check liveness without symmetry "
        "defined."),
    EC.TLC_FEATURE_LIVENESS_CONSTRAINTS: (
        "Declaring state or action constraints during liveness checking is dangerous: Please "
        "read section 14.3.5 on page 247 of Specifying Systems "
        "(https://lamport.azurewebsites.net/tla/book.html) and optionally the discussion at "
        "https://discuss.tlapl.us/msg00994.html for more details."),
    EC.TLC_LIVE_BEGRAPH_FAILED_TO_CONSTRUCT: "BEGraph.GetPath: Failed to construct a path.",
    EC.TLC_LIVE_IMPLIED: "Implied-temporal checking--satisfiability problem has %1% branches.",
    EC.TLC_LIVE_WRONG_FORMULA_FORMAT: "Temporal formulas containing actions must be of forms <>[]A or []<>A.",
    EC.TLC_LIVE_ENCOUNTERED_ACTIONS: "TLC encountered actions when computing closure.",
    EC.TLC_LIVE_STATE_PREDICATE_NON_BOOL: "A state predicate was evaluated to a non-boolean value.",
    EC.TLC_LIVE_CANNOT_EVAL_FORMULA: "Can not evaluate a temporal formula %1%F.",
    EC.TLC_LIVE_ENCOUNTERED_NONBOOL_PREDICATE: "Encountered an action predicate that's not a boolean.",
    EC.TLC_LIVE_FORMULA_TAUTOLOGY: "Temporal formula is a tautology (its negation is unsatisfiable).",
    EC.TLC_EXPECTED_VALUE: "TLC expected a %1% value, but did not find one. %2%",
    EC.TLC_EXPECTED_EXPRESSION: "TLC expected a %1% expression, but did not find one.\n%2%",
    EC.TLC_EXPECTED_EXPRESSION_IN_COMPUTING: (
        "In computing %1%, TLC expected a %2% expression,\nbut instead found %3%.\n%4%"),
    EC.TLC_EXPECTED_EXPRESSION_IN_COMPUTING2: (
        "In computing %1%, TLC expected a %2% expression,\nbut didn't find one.\n%3%"),
    EC.TLC_CHOOSE_ARGUMENTS_WRONG: "The arguments to %1% are not appropriate.",
    EC.TLC_CHOOSE_UPPER_BOUND: "Choose can only deal with numbers up to %1%",
    EC.TLC_TOO_MNY_POSSIBLE_STATES: "Too many possible next states for the last state in the trace.",
    EC.TLC_STARTING: "Starting... (" + NOW + ")",
    EC.TLC_FINISHED: "Finished in %1% at (" + NOW + ")",
    EC.TLC_COMPUTING_INIT: "Computing initial states...",
    EC.TLC_COMPUTING_INIT_PROGRESS: "Computed %1% initial states...",
    EC.TLC_INIT_GENERATED1: "Finished computing initial states: %1% distinct state%2% generated at " + NOW + ".",
    EC.TLC_INIT_GENERATED2: (
        "Finished computing initial states: %1% state%2% generated, with %3% of them distinct at "
        + NOW + "."),
    EC.TLC_INIT_GENERATED3: (
        "Finished computing initial states: %1% states generated.\nBecause TLC recovers from a "
        "previous checkpoint, only %2% of them require further exploration at " + NOW + "."),
    EC.TLC_INIT_GENERATED4: "Finished computing initial states: %1% states generated, with %2% of them distinct.",
    EC.TLC_CHECKING_TEMPORAL_PROPS: (
        "Checking %3%temporal properties for the %1% state space with %2% total distinct states at ("
        + NOW + ")"),
    EC.TLC_CHECKING_TEMPORAL_PROPS_END: "Finished checking temporal properties in %1% at " + NOW,
    EC.TLC_SEARCH_DEPTH: "The depth of the complete state graph search is %1%.",
    EC.TLC_STATE_GRAPH_OUTDEGREE: (
        "The average outdegree of the complete state graph is %2% (minimum is %1%, the maximum "
        "%4% and the 95th percentile is %3%)."),
    EC.TLC_CHECKPOINT_START: "Checkpointing of run %1%",
    EC.TLC_CHECKPOINT_END: "Checkpointing completed at (" + NOW + ")",
    EC.TLC_CHECKPOINT_RECOVER_START: "Starting recovery from checkpoint %1%",
    EC.TLC_CHECKPOINT_RECOVER_END: "Recovery completed. %1% states examined. %2% states on queue.",
    EC.TLC_CHECKPOINT_RECOVER_END_DFID: "Recovery completed. %1% states examined.",
    EC.TLC_STATS: "%1% states generated, %2% distinct states found, %3% states left on queue.",
    EC.TLC_STATS_DFID: "%1% states generated, %2% distinct states found.",
    EC.TLC_STATS_SIMU: "The number of states generated: %1%\nSimulation using seed %2% and aril %3%",
    EC.TLC_PROGRESS_START_STATS_DFID: "Starting level %1%: %2% states generated, %3% distinct states found.",
    EC.TLC_COVERAGE_START: (
        "The coverage statistics at " + NOW + " (see "
        "https://explain.tlapl.us/module-coverage-statistics for how to interpret the following "
        "statistics)."),
    EC.TLC_COVERAGE_VALUE: "  %1%: %2%",
    EC.TLC_COVERAGE_VALUE_COST: "  %1%: %2%:%3%",
    EC.TLC_COVERAGE_INIT: "%1%: %2%:%3%",
    EC.TLC_COVERAGE_NEXT: "%1%: %2%:%3%",
    EC.TLC_COVERAGE_CONSTRAINT: "%1%: %2%:%3%",
    EC.TLC_COVERAGE_PROPERTY: "%1%",
    EC.TLC_COVERAGE_VAR: "<%1% %2%>: %3%",
    EC.TLC_COVERAGE_MISMATCH: (
        "CostModel lookup failed for expression <%1%>. Reporting costs into <%2%> instead "
        "(Safety and Liveness checking is unaffected. Please report a bug.)"),
    EC.TLC_COVERAGE_END: "End of statistics.",
    EC.TLC_COVERAGE_END_OVERHEAD: (
        "End of statistics (please note that for performance reasons large models\n"
        "are best checked with coverage and cost statistics disabled)."),
    EC.TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM: (
        "The constant parameter %1% is not assigned a value by the configuration file."),
    EC.TLC_CONFIG_RHS_ID_APPEARED_AFTER_LHS_ID: (
        "In the configuration file, the identifier %1% appears\non the right-hand side of a <- "
        "after already appearing on the\nleft-hand side of one."),
    EC.TLC_CONFIG_WRONG_SUBSTITUTION: (
        "The configuration file substitutes for %1% with the undefined identifier %2%."),
    EC.TLC_CONFIG_UNDEFINED_OR_NO_OPERATOR: (
        "In evaluation, the identifier %1% is either undefined or not an operator.\n%2%"),
    EC.TLC_CONFIG_SUBSTITUTION_NON_CONSTANT: (
        "The configuration file substitutes constant %1% with non-constant %2%%3%"),
    EC.TLC_CONFIG_WRONG_SUBSTITUTION_NUMBER_OF_ARGS: (
        "The configuration file substitutes for %1% with %2% of different number of arguments."),
    EC.TLC_CONFIG_ID_DOES_NOT_APPEAR_IN_SPEC: (
        "In the configuration file, the identifier %1% does not appear in the specification."),
    EC.TLC_CONFIG_NOT_BOTH_SPEC_AND_INIT: (
        "The configuration file cannot specify both INIT/NEXT and SPECIFICATION fields."),
    EC.TLC_CONFIG_SPECIFIED_NOT_DEFINED: (
        "The %1% %2% specified in the configuration file\nis not defined in the specification."),
    EC.TLC_CONFIG_ID_HAS_VALUE: "The %1% of %2% is equal to %3%",
    EC.TLC_CONFIG_MISSING_INIT: (
        "The configuration file did not specify the initial state predicate.\n"
        "Can also be caused by trying to run TLC on a specification from\n"
        "a module imported with a parameterized INSTANCE statement."),
    EC.TLC_CONFIG_MISSING_NEXT: "The configuration file did not specify the next state predicate.",
    EC.TLC_CONFIG_ID_MUST_NOT_BE_CONSTANT: "The %1% %2% cannot be a constant.",
    EC.TLC_CONFIG_OP_NO_ARGS: "The operator %1% cannot take any argument.",
    EC.TLC_CONFIG_OP_NOT_IN_SPEC: "The operator %1% is not defined in the spec.",
    EC.TLC_CONFIG_OP_IS_EQUAL: "The operator %1%, which equals %2%,\ncannot be used as a %3%",
    EC.TLC_CONFIG_SPEC_IS_TRIVIAL: "The spec is trivially false because %1% is false.",
    EC.TLC_CANT_HANDLE_SUBSCRIPT: "TLC cannot handle subscript %1%",
    EC.TLC_CANT_HANDLE_CONJUNCT: "TLC cannot handle this conjunct of the spec:\n%1%",
    EC.TLC_CANT_HANDLE_TOO_MANY_NEXT_STATE_RELS: (
        "The specification contains more than one conjunct of the form [][Next]_v,\n"
        "but TLC can handle only specifications with one next-state relation."),
    EC.TLC_TRACE_TOO_LONG: (
        "The specification contains one or more behaviors with 65536 or more states,\n"
        "but TLC can only handle behaviors of length up to 65535 states. The last\n"
        "state in the behavior is:\n%1%"),
    EC.TLC_CONFIG_PROPERTY_NOT_CORRECTLY_DEFINED: "The property %1% is not correctly defined.",
    EC.TLC_CONFIG_OP_ARITY_INCONSISTENT: (
        "The arity of the operator %1% is inconsistent in the configuration file."),
    EC.TLC_CONFIG_NO_STATE_TYPE: "The configuration file did not specify types for state variables.",
    EC.TLC_CANT_HANDLE_REAL_NUMBERS: "TLC can't handle real numbers.\n%1%",
    EC.TLC_INTEGER_TOO_BIG: "TLC can't handle a number this big.\n%1%",
    EC.TLC_NO_MODULES: (
        "In the configuration file, the module name %1% is not a module in the specification."),
    EC.TLC_ENABLED_WRONG_FORMULA: "In computing ENABLED, TLC encountered a temporal formula (%1%).\n%2%",
    EC.TLC_ENCOUNTERED_FORMULA_IN_PREDICATE: (
        "TLC encountered a temporal formula (%1%) when evaluating a predicate or action.\n%2%"),
    EC.TLC_ENVIRONMENT_JVM_GC: (
        "Please run the Java VM, which executes TLC with a throughput optimized garbage "
        "collector, by passing the \"-XX:+UseParallelGC\" property."),
    EC.TLC_STATE_PRINT1: "%1%:\n%2%",
    EC.TLC_STATE_PRINT2: "%1%: %2%\n%3%",
    EC.TLC_STATE_PRINT3: "%1%: Stuttering",
    EC.TLC_TE_SPEC_GENERATION_COMPLETE: "Trace exploration spec path: %1%",
    EC.TLC_TE_SPEC_GENERATION_ERROR: "Failed to generate trace exploration spec; error message: %1%",
    EC.CFG_MISSING_ID: _CFG + "The keyword %2% was not followed by an identifier.",
    EC.CFG_TWICE_KEYWORD: _CFG + "The keyword %2% appeared twice.",
    EC.CFG_EXPECT_ID: _CFG + "Expected an identifier after %2%.",
    EC.CFG_GENERAL: _CFG,
    EC.CFG_EXPECTED_SYMBOL: _CFG + "It was expecting %2%, but did not find it.",
    EC.CFG_ERROR_READING_FILE: (
        "TLC encountered the following error when trying to read the configuration file %1%:\n%2%"),
}


def _general(params: Sequence[str], tool: bool) -> str:
    return "".join(f"%{i + 1}%" for i in range(len(params)))


def _by_count(**forms: str) -> Callable[[Sequence[str], bool], str]:
    """A template chosen by the number of parameters (``n1=..., n2=...``; ``other=``)."""
    def choose(params: Sequence[str], tool: bool) -> str:
        return forms.get(f"n{len(params)}", forms.get("other", ""))
    return choose


def _temporal_violated(params: Sequence[str], tool: bool) -> str:
    # HEAD (2026-03) names the violated properties; none given keeps the old wording
    if not params:
        return "Temporal properties were violated.\n"
    if len(params) == 1:
        return "Temporal property %1% was violated.\n"
    if len(params) == 2:
        return "Temporal properties %1% and %2% were violated.\n"
    names = ", ".join(f"%{i + 1}%" for i in range(len(params) - 1))
    return f"Temporal properties {names}, and %{len(params)}% were violated.\n"


def _back_to_state(params: Sequence[str], tool: bool) -> str:
    if tool:
        return "%1%: Back to state\n" if len(params) == 1 else "%1%: Back to state: %2%\n"
    return "Back to state %1%\n" if len(params) == 1 else "Back to state %1%: %2%\n"


def _progress(params: Sequence[str], tool: bool) -> str:
    if len(params) == 4:
        return ("Progress(%1%) at " + NOW + ": %2% states generated, %3% distinct states "
                "found, %4% states left on queue.")
    return ("Progress(%1%) at " + NOW + ": %2% states generated (%5% s/min), %3% distinct "
            "states found (%6% ds/min), %4% states left on queue.")


def _progress_dfid(params: Sequence[str], tool: bool) -> str:
    if tool:
        return ("Progress(-1) at " + NOW + ": %1% states generated, %2% distinct states found, "
                "-1 states left on queue.")
    return "Progress: %1% states generated, %2% distinct states found."


def _progress_simu(params: Sequence[str], tool: bool) -> str:
    if tool:
        return ("Progress(%2%) at " + NOW + ": %1% states generated, -1 distinct states found, "
                "-1 states left on queue.")
    return ("Progress: %1% states checked, %2% traces generated (trace length: mean=%3%, "
            "var(x)=%4%, sd=%5%)")


def _success(params: Sequence[str], tool: bool) -> str:
    head = ("Model checking completed. No error has been found.\n"
            "  Estimates of the probability that TLC did not check all reachable states\n"
            "  because two distinct states had the same fingerprint:\n"
            "  calculated (optimistic):  %1%")
    return head if len(params) == 1 else head + "\n  based on the actual fingerprints:  %2%"


def _mode(running: str, pid_index: int, tail: str) -> Callable[[Sequence[str], bool], str]:
    def choose(params: Sequence[str], tool: bool) -> str:
        pid = params[pid_index - 1] if len(params) >= pid_index else ""
        return running + (f" [pid: %{pid_index}%]" if pid else f"%{pid_index}%") + tail
    return choose


_MEMORY = "MB heap and %{}%MB offheap memory"
SPECIAL: dict[int, Callable[[Sequence[str], bool], str]] = {
    EC.GENERAL: _general,
    EC.TLC_TEMPORAL_PROPERTY_VIOLATED: _temporal_violated,
    EC.TLC_BACK_TO_STATE: _back_to_state,
    EC.TLC_PROGRESS_STATS: _progress,
    EC.TLC_PROGRESS_STATS_DFID: _progress_dfid,
    EC.TLC_PROGRESS_SIMU: _progress_simu,
    EC.TLC_SUCCESS: _success,
    EC.TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT: _by_count(
        n3="Successor state is not completely specified by action %1% of the next-state "
           "relation. The following variable%2% not defined: %3%.\n",
        n2="Successor state is not completely specified by the next-state action. The "
           "following variable%1% not defined: %2%.\n",
        other="Successor state is not completely specified by the next-state action.\n"),
    EC.TLC_INVARIANT_VIOLATED_LEVEL: _by_count(
        n1="The invariant %1% is not a state predicate (one with no primes or temporal "
           "operators).",
        other="The invariant %1% is not a state predicate (one with no primes or temporal "
              "operators).\nNote that a bug can cause TLC to incorrectly report this error.\n"
              "If you believe your TLA+ or PlusCal specification to be correct,\n"
              "please check if this bug described in LevelNode.java starting at line 590ff "
              "affects you."),
    EC.TLC_INVARIANT_EVALUATION_FAILED: _by_count(
        n1="Evaluating invariant %1% failed.", n2="Evaluating invariant %1% failed.\n%2%"),
    EC.TLC_ACTION_PROPERTY_EVALUATION_FAILED: _by_count(
        n1="Evaluating action property %1% failed.",
        n2="Evaluating action property %1% failed.\n%2%"),
    EC.TLC_LIVE_CANNOT_HANDLE_FORMULA: _by_count(
        n1="TLC cannot handle the temporal formula %1%",
        other="TLC cannot handle the temporal formula %1%:\n%2%"),
    EC.TLC_CONFIG_ID_REQUIRES_NO_ARG: _by_count(
        n1="TLC requires %1% not to take any argument.",
        n2="TLC requires %1% not to take any argument, but one was given: %2%"),
    EC.CHECK_PARAM_UNRECOGNIZED: _by_count(
        n1="Unrecognized option: %1%", n2="Unrecognized option in file %2%: %1%"),
    EC.TLC_MODE_MC: _mode(
        "Running breadth-first search Model-Checking with fp %13% and seed %12% with %1% "
        "worker%2% on %3% cores with %10%" + _MEMORY.format(11), 14,
        " (%4% %5% %6%, %7% %8% %9%, %15%, %16%)."),
    EC.TLC_MODE_MC_DFS: _mode(
        "Running depth-first search Model-Checking with fp %13% and seed %12% with %1% "
        "worker%2% on %3% cores with %10%" + _MEMORY.format(11), 14,
        " (%4% %5% %6%, %7% %8% %9%)."),
    EC.TLC_MODE_SIMU: _mode(
        "Running %14% Simulation with seed %1% with %2% worker%3% on %4% cores with %11%"
        + _MEMORY.format(12), 13, " (%5% %6% %7%, %8% %9% %10%)."),
}


def template(code: int, params: Sequence[str] = (), tool: bool = False) -> str:
    """The raw template TLC uses for ``code`` with these parameters (placeholders kept)."""
    special = SPECIAL.get(code)
    if special is not None:
        return special(params, tool)
    return TEMPLATES.get(code, _DEFAULT)


def fill(text: str, params: Sequence[str]) -> str:
    """Replace ``%1%``, ``%2%``, ... by the parameters, in order, each everywhere it occurs
    (``MP.replaceString``; a placeholder inside an earlier parameter's text is replaced too)."""
    for i, param in enumerate(params):
        holder = f"%{i + 1}%"
        start = 0
        while (pos := text.find(holder, start)) >= 0:
            text = text[:pos] + param + text[pos + len(holder):]
            start = pos + len(param)
    return text


def timestamp(moment=None, no_timestamps: bool = False) -> str:
    """TLC's ``now()``: ``yyyy-MM-dd HH:mm:ss`` in local time (of ``moment``, a
    ``datetime``, when given), or ``NOW``."""
    if no_timestamps:
        return "NOW"
    if moment is None:
        # time.strftime: importing datetime would cost a small run more than the rest of
        # this module
        return time.strftime("%Y-%m-%d %H:%M:%S")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def message_body(code: int, params: Sequence[str] = (), tool: bool = False,
                 now: str = "") -> str:
    """The body of a message: template with parameters and time filled in, no prefix."""
    params = [str(p) for p in params]
    return fill(template(code, params, tool), params).replace(NOW, now)


def render(code: int, params: Sequence[str] = (), cls: MessageClass = MessageClass.NONE,
           tool: bool = False, now: str = "", first_warning: bool = False) -> str:
    """The full text of a message as TLC builds it, without the final newline of println.

    ``first_warning`` adds the ``-nowarning`` hint (the Reporter decides when).
    """
    body = message_body(code, params, tool, now)
    if tool:
        return f"{DELIM}STARTMSG {int(code)}:{int(cls)} {DELIM}\n{body}\n{DELIM}ENDMSG {int(code)} {DELIM}"
    text = _PREFIX[cls] + body
    if cls == MessageClass.WARNING and first_warning:
        text += NOWARNING_SUFFIX
    return text


class Reporter:
    """Writes TLC messages to a stream, remembering what TLC's MP remembers.

    Args:
        out: where to write (TLC writes everything to stdout).
        tool: ``-tool`` mode framing.
        warnings: False for ``-nowarning``.
        clock: gives the current time (a ``datetime``, or None for the local time);
            tests pass a fixed one.
        no_timestamps: print ``NOW`` instead of times (``-Dtlc2.output.MP.noTimestamps``).
        suppress: codes not to print (``-suppressMessages``); errors are still recorded.
        as_errors: warning codes to print as errors instead (``-messagesAsErrors``).

    ``last_error_code`` is the code of the last ERROR message printed (0 if none). TLC's exit
    status is :func:`exitcodes.exit_status_for_code` of the code the run *returns*, which is
    usually that one but not always: after ``\\div`` by 0 TLC prints 2179, the trace and then
    2103, yet returns 2179 (exit 255; ``err_div.out``), while a failed function application
    prints GENERAL then 2103 and returns 2103 (exit 75; ``err_dom.out``).
    """

    def __init__(self, out: TextIO | None = None, tool: bool = False, warnings: bool = True,
                 clock: Callable[[], Any] | None = None, no_timestamps: bool = False,
                 suppress: Iterable[int] = (), as_errors: Iterable[int] = ()):
        self.out = out if out is not None else sys.stdout
        self.tool = tool
        self.warnings = warnings
        self.clock = clock
        self.no_timestamps = no_timestamps
        self.suppress = frozenset(int(c) for c in suppress)
        self.as_errors = frozenset(int(c) for c in as_errors)
        self.last_error_code = 0
        self._warning_history: set[str] = set()

    @classmethod
    def for_options(cls, options, out: TextIO | None = None, **kwargs) -> "Reporter":
        """A Reporter set up from :class:`options.Options` (-tool, -nowarning,
        -suppressMessages, -messagesAsErrors)."""
        return cls(out, tool=options.tool, warnings=not options.nowarning,
                   suppress=options.suppress_messages, as_errors=options.messages_as_errors,
                   **kwargs)

    def _emit(self, code: int, cls: MessageClass, params: Sequence[object]) -> None:
        if int(code) not in self.suppress:
            self.println(self.render(code, [str(p) for p in params], cls))

    def now(self) -> str:
        return timestamp(self.clock() if self.clock else None, self.no_timestamps)

    def render(self, code: int, params: Sequence[str] = (),
               cls: MessageClass = MessageClass.NONE) -> str:
        first = cls == MessageClass.WARNING and not self._warning_history
        return render(code, params, cls, self.tool, self.now(), first_warning=first)

    #: called before anything is written (a live progress line on the terminal erases
    #: itself there); None for nothing
    before_write = None

    def println(self, text: str = "") -> None:
        """Write a line without any framing (SANY's output, Print/PrintT, the help text)."""
        if self.before_write is not None:
            self.before_write()
        self.out.write(text + "\n")

    def message(self, code: int, *params: object) -> None:
        """A NONE-class message (``MP.printMessage``)."""
        self._emit(code, MessageClass.NONE, params)

    def error(self, code: int, *params: object) -> int:
        """An ERROR message (``MP.printError``); returns the code, as TLC does."""
        self._emit(code, MessageClass.ERROR, params)
        self.last_error_code = int(code)
        return int(code)

    def tlc_bug(self, code: int, *params: object) -> None:
        self._emit(code, MessageClass.TLCBUG, params)

    def state(self, code: int, *params: object) -> None:
        """A STATE message (``MP.printState``): trace states, back-to-state, stuttering."""
        self._emit(code, MessageClass.STATE, params)

    def warning(self, code: int, *params: object) -> bool:
        """A WARNING (``MP.printWarning``); False when suppressed or already printed.

        The history holds whole texts, the first one with its -nowarning hint, so a
        warning repeated once more is printed again without the hint, then never again.
        """
        if int(code) in self.as_errors:
            self.error(code, *params)
            return True
        if not self.warnings or int(code) in self.suppress:
            return False
        text = self.render(code, [str(p) for p in params], MessageClass.WARNING)
        if text in self._warning_history:
            return False
        self._warning_history.add(text)
        self.println(text)
        return True

    # ----------------------------------------------------------------- common sequences

    def general_exception(self, exception_message: str | None,
                          java_class: str = "java.lang.RuntimeException", cause: str = "") -> int:
        """The GENERAL error TLC prints for an exception (see :func:`general_exception_text`)."""
        return self.error(EC.GENERAL, general_exception_text(exception_message, java_class, cause))

    def command_line_error(self, message: str) -> int:
        """TLC's 1102 for a rejected command line (``options.OptionError.message``):
        ``Error: <message>\nUsage: java tlc2.TLC [-help] [-option] inputfile``. TLC prints
        the version banner first and exits 1."""
        return self.error(EC.WRONG_COMMANDLINE_PARAMS_TLC, message)

    def cfg_syntax_error(self, message: str,
                         java_class: str = "tlc2.tool.ConfigFileException") -> int:
        """A cfg file TLC cannot read or parse: reported as GENERAL (exit 255) with the
        exception text, e.g. ``cfg.CfgError.message`` and ``.java_class``."""
        return self.general_exception(message, java_class)

    def nested_expressions(self, locations: Iterable[tuple[int, int, int, int, str]]) -> int:
        """Error 2103 with the numbered positions (see :func:`nested_expressions_text`)."""
        return self.error(EC.TLC_NESTED_EXPRESSION, nested_expressions_text(locations))

    def trace_state(self, number: int, info: str, state_text: str) -> None:
        """One state of an error trace (2217): ``State n: <info>`` then the state's text
        (which ends in a newline, so an empty line follows)."""
        self.state(EC.TLC_STATE_PRINT2, number, info, state_text)

    def back_to_state(self, number: int, info: str | None = None) -> None:
        """The end of a lasso (2122): ``Back to state n: <info>`` (``n: Back to state: ...``
        in -tool mode, where it is a STATE message)."""
        params = [str(number)] if info is None else [str(number), info]
        if self.tool:
            self.state(EC.TLC_BACK_TO_STATE, *params)
        else:
            self.message(EC.TLC_BACK_TO_STATE, *params)

    def stuttering(self, number: int) -> None:
        """The end of a stuttering counterexample (2218): ``State n: Stuttering``."""
        self.state(EC.TLC_STATE_PRINT3, number)

    def success(self, optimistic: str, actual: str | None = None) -> None:
        """2193 with ``val = ...`` texts from :mod:`report_format`."""
        if actual is None:
            self.message(EC.TLC_SUCCESS, optimistic)
        else:
            self.message(EC.TLC_SUCCESS, optimistic, actual)

    def sany_parsing_file(self, path: str, origin: str | None = None) -> None:
        """SANY's ``Parsing file <path>`` line (never framed, even with -tool); ``origin``
        is the jar URL TLC adds for a standard module copied out of its jar."""
        self.println(sany_parsing_line(path, origin))

    def sany_semantic_processing(self, module: str) -> None:
        self.println(f"Semantic processing of module {module}")

    def sany_linting(self, module: str) -> None:
        self.println(f"Linting of module {module}")

    def parsing_failed(self) -> int:
        """3002, printed after SANY's own error text and ``Starting...``."""
        return self.error(EC.TLC_PARSING_FAILED)


def general_exception_text(exception_message: str | None,
                           java_class: str = "java.lang.RuntimeException", cause: str = "") -> str:
    """The parameter of TLC's GENERAL error for an exception (``MP.ECGeneralMsg``).

    ``cause`` is the "when TLC was ..." phrase if the location is known. Evaluation errors
    print ``java.lang.RuntimeException`` (TLC disguises its TLCRuntimeException); cfg syntax
    errors print ``tlc2.tool.ConfigFileException``.

    >>> print(general_exception_text("boom"))
    TLC threw an unexpected exception.
    This was probably caused by an error in the spec or model.
    See the User Output or TLC Console for clues to what happened.
    The exception was a java.lang.RuntimeException
    : boom
    """
    text = ("TLC threw an unexpected exception.\n"
            "This was probably caused by an error in the spec or model.")
    if cause:
        text += f"\nThe error occurred when TLC was {cause}."
    else:
        text += "\nSee the User Output or TLC Console for clues to what happened."
    text += f"\nThe exception was a {java_class}\n"
    if exception_message is not None:
        text += ": " + exception_message
    return text


def nested_expressions_text(locations: Iterable[tuple[int, int, int, int, str]]) -> str:
    """The positions of 2103 (``tlc2/tool/CallStack.java``): one line per enclosing
    expression, outermost first, ``N. Line L1, column C1 to line L2, column C2 in Module``,
    each ending in a newline, and one more empty line. ``locations`` are
    (line, col, end_line, end_col, module) tuples."""
    lines = [f"{i}. Line {l1}, column {c1} to line {l2}, column {c2} in {mod}\n"
             for i, (l1, c1, l2, c2, mod) in enumerate(locations)]
    return "".join(lines) + "\n"


def fingerprint_stack_text(locations: Iterable[str]) -> str:
    """The first parameter of 2147 when a value could not be fingerprinted: one line
    ``N) <location>`` per enclosing expression (``err_typeerr.out``). When the failure
    happened while evaluating, TLC passes the call stack instead, in the form of
    :func:`nested_expressions_text` (``init_eval_error.out``)."""
    return "".join(f"{i}) {where}\n" for i, where in enumerate(locations))


def location_text(line: int, col: int, end_line: int, end_col: int, module: str) -> str:
    """TLC's location wording: ``line 10, col 11 to line 13, col 28 of module Counter``."""
    return f"line {line}, col {col} to line {end_line}, col {end_col} of module {module}"


INITIAL_PREDICATE = "<Initial predicate>"


def action_info(name: str | None, location: str, params: Sequence[str] = ()) -> str:
    """The ``<info>`` of a successor state in a trace (``TLCStateInfo``/``Action``):
    ``<Inc(p1) line 10, col 11 to line 13, col 28 of module Counter>``. ``name`` None
    prints ``Action``; ``params`` are the printed values of the operator's parameters."""
    args = "(" + ",".join(params) + ")" if params else ""
    return f"<{name or 'Action'}{args} {location}>"


def sany_parsing_line(path: str, origin: str | None = None) -> str:
    """``Parsing file <path>`` or ``Parsing file <path> (<origin>)``."""
    return f"Parsing file {path}" + (f" ({origin})" if origin else "")


def not_completely_specified_params(variables: Sequence[str], action: str | None,
                                    several_actions: bool) -> list[str]:
    """Parameters of 2109 for the unassigned ``variables`` (sorted, joined by ``", "``)."""
    names = ", ".join(sorted(variables))
    verb = " is" if len(variables) == 1 else "s are"
    if several_actions and action is not None:
        return [action, verb, names]
    return [verb, names]


def init_generated(generated: int, distinct: int) -> tuple[EC, list[str]]:
    """The message ending initial-state computation: 2190 when every generated initial
    state is distinct (``1 distinct state`` / ``5 distinct states``), else 2191."""
    if generated == distinct:
        return EC.TLC_INIT_GENERATED1, [str(distinct), "" if distinct == 1 else "s"]
    return EC.TLC_INIT_GENERATED2, [str(generated), "" if generated == 1 else "s", str(distinct)]


def temporal_check_params(distinct: int, complete: bool = True, branches: int = 1) -> list[str]:
    """Parameters of 2192: ``complete``/``current``, the state count, and ``"<n> branches of "``
    when more than one liveness checker runs."""
    return ["complete" if complete else "current", str(distinct),
            "" if branches <= 1 else f"{branches} branches of "]


def is_power_of_two_progress(count: int) -> bool:
    """Whether ``Computed <count> initial states...`` (2269) is printed at this count:
    at every power of two from 2 on."""
    return count >= 2 and count & (count - 1) == 0
