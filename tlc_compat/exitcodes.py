"""TLC's process exit statuses and the mapping from message codes to them.

Takes: the code of the last error TLC reported (a message code of :mod:`messages`, or 0).
Gives: the process exit status TLC would return.

TLC rule implemented: ``EC.ExitStatus.errorConstantToExitStatus`` (``tlc2/output/EC.java``).
Every code the mapping does not name gives 255, which is why a cfg syntax error (reported as
GENERAL 1000) exits 255 while a cfg that does not fit the spec (codes 2222 ...) exits 151.
Argument-parsing failures and ``-help`` never reach the mapping: ``TLC.main`` exits 1.
"""
from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The exit statuses TLC defines (``EC.ExitStatus``), plus the literal 1 of ``TLC.main``."""

    SUCCESS = 0
    USAGE = 1  # bad command line, missing spec, -h/-help: System.exit(1) in TLC.main
    VIOLATION_ASSUMPTION = 10
    VIOLATION_DEADLOCK = 11
    VIOLATION_SAFETY = 12
    VIOLATION_LIVENESS = 13
    VIOLATION_ASSERT = 14
    FAILURE_SPEC_EVAL = 75
    FAILURE_SAFETY_EVAL = 76
    FAILURE_LIVENESS_EVAL = 77
    ERROR_SPEC_PARSE = 150
    ERROR_CONFIG_PARSE = 151
    ERROR_STATESPACE_TOO_LARGE = 152
    ERROR_SYSTEM = 153
    ERROR = 255


_CONFIG_CODES = frozenset(
    list(range(2222, 2238 + 1))      # TLC_CONFIG_* 2222-2237 and TLC_CANT_HANDLE_SUBSCRIPT 2238
    + [2239, 2240, 2241, 2242, 2243, 2244, 2245]
    + [2272, 2273, 2274, 2280, 2281]
)

_MAPPING: dict[int, ExitStatus] = {
    0: ExitStatus.SUCCESS,
    2253: ExitStatus.FAILURE_LIVENESS_EVAL,
    2109: ExitStatus.FAILURE_SPEC_EVAL,
    2115: ExitStatus.FAILURE_SPEC_EVAL,
    2103: ExitStatus.FAILURE_SPEC_EVAL,
    2147: ExitStatus.FAILURE_SPEC_EVAL,
    2111: ExitStatus.FAILURE_SAFETY_EVAL,
    2146: ExitStatus.FAILURE_SAFETY_EVAL,
    2107: ExitStatus.VIOLATION_SAFETY,
    2110: ExitStatus.VIOLATION_SAFETY,
    2112: ExitStatus.VIOLATION_LIVENESS,
    2113: ExitStatus.VIOLATION_LIVENESS,
    2116: ExitStatus.VIOLATION_LIVENESS,
    2108: ExitStatus.VIOLATION_LIVENESS,
    2114: ExitStatus.VIOLATION_DEADLOCK,
    2104: ExitStatus.VIOLATION_ASSUMPTION,
    2105: ExitStatus.VIOLATION_ASSUMPTION,
    2404: ExitStatus.VIOLATION_ASSUMPTION,
    2405: ExitStatus.VIOLATION_ASSUMPTION,
    2132: ExitStatus.VIOLATION_ASSERT,
    2171: ExitStatus.ERROR_SPEC_PARSE,
    3002: ExitStatus.ERROR_SPEC_PARSE,
    **{code: ExitStatus.ERROR_CONFIG_PARSE for code in _CONFIG_CODES},
}

#: Statuses TLC counts as an orderly end (``ExitStatus.exitStatusToCrash`` is false for them).
KNOWN_EXIT_STATUSES = frozenset({
    ExitStatus.SUCCESS, ExitStatus.FAILURE_LIVENESS_EVAL, ExitStatus.FAILURE_SPEC_EVAL,
    ExitStatus.FAILURE_SAFETY_EVAL, ExitStatus.VIOLATION_SAFETY, ExitStatus.VIOLATION_LIVENESS,
    ExitStatus.VIOLATION_DEADLOCK, ExitStatus.VIOLATION_ASSUMPTION, ExitStatus.VIOLATION_ASSERT,
    ExitStatus.ERROR_CONFIG_PARSE, ExitStatus.ERROR_SPEC_PARSE,
})


def exit_status_for_code(code: int) -> ExitStatus:
    """The exit status for the last error code, as ``errorConstantToExitStatus`` maps it.

    >>> int(exit_status_for_code(2110)), int(exit_status_for_code(1000))
    (12, 255)
    """
    return _MAPPING.get(code, ExitStatus.ERROR)


def is_crash(status: int) -> bool:
    """True when TLC would treat ``status`` as a crash rather than a result."""
    return status not in KNOWN_EXIT_STATUSES
