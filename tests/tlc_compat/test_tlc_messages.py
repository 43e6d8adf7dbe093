"""Message rendering against exact texts (fixtures/message_cases.txt, taken from the
tlc-samples outputs and MP.java), the Reporter's warning rules and the helper texts."""
from __future__ import annotations

import io
from datetime import datetime

import pytest

from tlc_compat_cases import FIXTURES
from tla.tlc_compat.codes import EC
from tla.tlc_compat.exitcodes import ExitStatus, exit_status_for_code, is_crash
from tla.tlc_compat.messages import (
    INITIAL_PREDICATE, MessageClass, Reporter, action_info, fill, fingerprint_stack_text,
    general_exception_text,
    location_text, nested_expressions_text, not_completely_specified_params, sany_parsing_line,
)

def CLOCK() -> datetime:
    return datetime(2026, 11, 24, 10, 33, 20)


def load_message_cases():
    cases = []
    text = (FIXTURES / "message_cases.txt").read_text()
    for chunk in text.split("\n=== ")[1:]:
        header, _, rest = chunk.partition("\n")
        code, cls, mode = header.split()
        head, _, body = rest.partition("---\n")
        # "param:  is" is the parameter " is": only the one space after the colon goes
        params = [_raw_param(line) for line in head.splitlines() if line.startswith("param:")]
        expected = body.partition("~~~")[0]
        cases.append((int(code), MessageClass[cls], mode == "tool", params, expected))
    return cases


def _raw_param(line: str) -> str:
    value = line[len("param:"):]
    if value.startswith(" "):
        value = value[1:]
    return value.replace("\\n", "\n")


CASES = load_message_cases()


@pytest.mark.parametrize("code,cls,tool,params,expected", CASES,
                         ids=[f"{c[0]}-{c[1].name}-{'tool' if c[2] else 'plain'}-{i}"
                              for i, c in enumerate(CASES)])
def test_message_text(code, cls, tool, params, expected):
    out = io.StringIO()
    reporter = Reporter(out, tool=tool, clock=CLOCK)
    {MessageClass.NONE: reporter.message, MessageClass.ERROR: reporter.error,
     MessageClass.STATE: reporter.state, MessageClass.WARNING: reporter.warning,
     MessageClass.TLCBUG: reporter.tlc_bug}[cls](code, *params)
    assert out.getvalue() == expected


def test_warning_hint_and_deduplication():
    out = io.StringIO()
    reporter = Reporter(out, clock=CLOCK)
    assert reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "first")
    assert reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "second")
    # TLC remembers whole texts: the first one carried the hint, so its repetition differs
    # once, then it is dropped for good
    assert reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "first")
    assert not reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "first")
    assert not reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "second")
    assert out.getvalue() == (
        "Warning: first\n(Use the -nowarning option to disable this warning.)\n"
        "Warning: second\nWarning: first\n")


def test_nowarning_suppresses_everything():
    out = io.StringIO()
    reporter = Reporter(out, warnings=False)
    assert not reporter.warning(EC.TLC_FEATURE_UNSUPPORTED, "x")
    assert out.getvalue() == ""


def test_no_timestamps():
    out = io.StringIO()
    Reporter(out, no_timestamps=True).message(EC.TLC_STARTING)
    assert out.getvalue() == "Starting... (NOW)\n"


def test_last_error_code_gives_exit_status():
    reporter = Reporter(io.StringIO(), clock=CLOCK)
    assert reporter.last_error_code == 0
    reporter.general_exception("boom")
    reporter.nested_expressions([(6, 9, 12, 62, "Err")])
    assert reporter.last_error_code == 2103
    assert exit_status_for_code(reporter.last_error_code) == ExitStatus.FAILURE_SPEC_EVAL


def test_err_dom_sample_error_block():
    """The GENERAL error, the trace header and the nested positions of err_dom.out."""
    out = io.StringIO()
    reporter = Reporter(out, clock=CLOCK)
    reporter.general_exception("In applying the function\n<<1, 2>>,\nthe first argument is:\n"
                               "3\nwhich is not in its domain.\n")
    reporter.error(EC.TLC_BEHAVIOR_UP_TO_THIS_POINT)
    reporter.trace_state(1, INITIAL_PREDICATE, "/\\ x = 0\n/\\ y = 0\n")
    reporter.nested_expressions([(6, 9, 12, 62, "Err"), (7, 30, 7, 73, "Err")])
    assert out.getvalue() == (
        "Error: TLC threw an unexpected exception.\n"
        "This was probably caused by an error in the spec or model.\n"
        "See the User Output or TLC Console for clues to what happened.\n"
        "The exception was a java.lang.RuntimeException\n"
        ": In applying the function\n<<1, 2>>,\nthe first argument is:\n3\n"
        "which is not in its domain.\n\n"
        "Error: The behavior up to this point is:\n"
        "State 1: <Initial predicate>\n/\\ x = 0\n/\\ y = 0\n\n"
        "Error: The error occurred when TLC was evaluating the nested\n"
        "expressions at the following positions:\n"
        "0. Line 6, column 9 to line 12, column 62 in Err\n"
        "1. Line 7, column 30 to line 7, column 73 in Err\n\n\n")


def test_cfg_syntax_error_block():
    text = general_exception_text(
        "TLC found an error in the configuration file at line 3\n"
        "It was expecting a keyword, but did not find it.", "tlc2.tool.ConfigFileException")
    out = io.StringIO()
    Reporter(out).error(EC.GENERAL, text)
    direct = io.StringIO()
    Reporter(direct).cfg_syntax_error("TLC found an error in the configuration file at line 3\n"
                                      "It was expecting a keyword, but did not find it.")
    assert direct.getvalue() == out.getvalue()
    assert out.getvalue() == (
        "Error: TLC threw an unexpected exception.\n"
        "This was probably caused by an error in the spec or model.\n"
        "See the User Output or TLC Console for clues to what happened.\n"
        "The exception was a tlc2.tool.ConfigFileException\n"
        ": TLC found an error in the configuration file at line 3\n"
        "It was expecting a keyword, but did not find it.\n")


def test_general_exception_with_cause_and_no_message():
    assert general_exception_text(None, cause="computing initial states") == (
        "TLC threw an unexpected exception.\n"
        "This was probably caused by an error in the spec or model.\n"
        "The error occurred when TLC was computing initial states.\n"
        "The exception was a java.lang.RuntimeException\n")


def test_liveness_trace_ends():
    out = io.StringIO()
    reporter = Reporter(out)
    reporter.back_to_state(1, "<A line 5, col 6 to line 5, col 21 of module Live>")
    reporter.stuttering(2)
    assert out.getvalue() == ("Back to state 1: <A line 5, col 6 to line 5, col 21 of module "
                              "Live>\n\nState 2: Stuttering\n")
    out = io.StringIO()
    Reporter(out, tool=True).back_to_state(1, "<A>")
    assert out.getvalue() == ("@!@!@STARTMSG 2122:4 @!@!@\n1: Back to state: <A>\n\n"
                              "@!@!@ENDMSG 2122 @!@!@\n")


def test_sany_lines_are_never_framed():
    out = io.StringIO()
    reporter = Reporter(out, tool=True)
    reporter.sany_parsing_file("/d/Ok.tla")
    reporter.sany_parsing_file("/tmp/Naturals.tla", "jar:file:/x.jar!/Naturals.tla")
    reporter.sany_semantic_processing("Ok")
    reporter.sany_linting("Ok")
    assert out.getvalue() == ("Parsing file /d/Ok.tla\n"
                              "Parsing file /tmp/Naturals.tla (jar:file:/x.jar!/Naturals.tla)\n"
                              "Semantic processing of module Ok\nLinting of module Ok\n")
    assert sany_parsing_line("/a.tla") == "Parsing file /a.tla"


def test_helpers():
    loc = location_text(10, 11, 13, 28, "Counter")
    assert loc == "line 10, col 11 to line 13, col 28 of module Counter"
    assert action_info("Inc", loc, ["p1"]) == f"<Inc(p1) {loc}>"
    assert action_info("Send", loc, ["1", '"a"']) == f'<Send(1,"a") {loc}>'
    assert action_info(None, loc) == f"<Action {loc}>"
    assert nested_expressions_text([]) == "\n"
    assert not_completely_specified_params(["y", "x"], "A", True) == ["A", "s are", "x, y"]
    assert not_completely_specified_params(["y"], "A", False) == [" is", "y"]


def test_fill_replaces_every_occurrence():
    assert fill("%1% and %1% but %2%", ["a", "b"]) == "a and a but b"
    assert fill("%1%", ["%1%"]) == "%1%"


@pytest.mark.parametrize("code,status", [
    (0, 0), (2110, 12), (2107, 12), (2114, 11), (2116, 13), (2112, 13), (2108, 13),
    (2132, 14), (2104, 10), (2404, 10), (2103, 75), (2147, 75), (2109, 75), (2115, 75),
    (2111, 76), (2146, 76), (2253, 77), (3002, 150), (2171, 150), (2222, 151), (2229, 151),
    (2230, 151), (2245, 151), (2280, 151), (1000, 255), (2179, 255), (5001, 255), (5006, 255),
])
def test_exit_status_mapping(code, status):
    assert exit_status_for_code(code) == status


def test_crash_statuses():
    assert not is_crash(12) and not is_crash(0) and is_crash(255) and is_crash(1)


def test_suppressed_and_promoted_messages():
    from tla.tlc_compat.options import parse_options
    opts = parse_options(["-suppressMessages", "2189", "-messagesAsErrors", "2279", "Spec"])
    out = io.StringIO()
    reporter = Reporter.for_options(opts, out, clock=CLOCK)
    reporter.message(EC.TLC_COMPUTING_INIT)
    reporter.message(EC.TLC_STARTING)
    assert reporter.warning(EC.TLC_FEATURE_UNSUPPORTED_LIVENESS_SYMMETRY)
    assert reporter.last_error_code == 2279
    assert out.getvalue() == ("Starting... (2026-11-24 10:33:20)\n"
                              "Error: Declaring symmetry during liveness checking is dangerous. "
                              "It might cause TLC to miss violations of the stated liveness "
                              "properties. Please check liveness without symmetry defined.\n")
    assert not Reporter(io.StringIO(), suppress=[2279]).warning(2279)


def test_fingerprint_errors_of_the_samples():
    reason = "Attempted to access index 2 of tuple\n<<1>>\nwhich is out of bounds."
    out = io.StringIO()
    Reporter(out).error(EC.TLC_FINGERPRINT_EXCEPTION, nested_expressions_text(
        [(4, 9, 4, 20, "Ev2"), (4, 13, 4, 20, "Ev2"), (4, 13, 4, 17, "Ev2")]), reason)
    assert out.getvalue() == (
        "Error: TLC was unable to fingerprint.\n\nFingerprint Stack Trace:\n"
        "0. Line 4, column 9 to line 4, column 20 in Ev2\n"
        "1. Line 4, column 13 to line 4, column 20 in Ev2\n"
        "2. Line 4, column 13 to line 4, column 17 in Ev2\n\n\n"
        "Reason:\n" + reason + "\n")
    assert fingerprint_stack_text(["line 11, col 54 to line 11, col 63 of module Err"]) == (
        "0) line 11, col 54 to line 11, col 63 of module Err\n")
