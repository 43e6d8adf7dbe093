"""The ``pytlc`` command.

``pytlc [TLC options] Spec[.tla]`` checks a model exactly as ``java tlc2.TLC`` would (same
flags, messages and exit codes; see :mod:`tla.tlc_compat.tlc_run`). Sub-commands add what
TLC's tool set has beside the checker:

* ``pytlc lint FILE...``: parse, resolve and check modules (SANY's checks and more);
* ``pytlc pcal [options] FILE``: translate a PlusCal algorithm (TLC's ``pcal.trans``);
* ``pytlc repl [FILE]``: evaluate TLA+ expressions interactively.

The library raises; this module renders errors and picks the exit status. An exception that
is not one of pytlc's own errors is a bug, and is reported as one.
"""
from __future__ import annotations

import sys
from typing import Optional, Sequence

SUBCOMMANDS = ("lint", "pcal", "repl")
#: Python's cycle collector while a command runs (a search sets its own, see
#: ``tla.checker.collector``): parsing and setting up a model build trees that
#: live as long as the run (modules, scopes, generated code), which Python's defaults
#: (700, 10, 10) walk again and again. SDP_Attack_Spec spent 43 ms of its 0.27 s collecting
#: (a full collection among them), 2-8 ms with these; Disruptor_SPMC 81 -> 45 ms.
GC_THRESHOLDS = (20000, 20, 1000)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``pytlc`` console script; returns (and exits with) the status."""
    # pytlc is started once per model checked, and compiling its modules from source at
    # every start doubles the start-up of a small model (0.14 s -> 0.27 s): Python's cache
    # of compiled modules is kept even where PYTHONDONTWRITEBYTECODE asks not to (an
    # editable install has none until a run writes it; pip writes it for a normal one)
    sys.dont_write_bytecode = False
    args = list(sys.argv[1:] if argv is None else argv)
    import gc
    saved_thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        if args and args[0] in SUBCOMMANDS:
            status = _subcommand(args[0], args[1:])
        else:
            status = _tlc(args)
    except KeyboardInterrupt:
        sys.stdout.write("\nInterrupted.\n")
        status = 130
    except BrokenPipeError:
        status = 1
    except Exception as exc:  # pytlc's own failure: say so plainly, no traceback
        status = _internal_error(exc)
    finally:
        gc.set_threshold(*saved_thresholds)
    sys.stdout.flush()
    if argv is None:
        # what the run built is left to the operating system: collecting its cycles at
        # exit took 0.2 s after benchmarks/specs/Tokens.tla N=5, Max=4 (a few ms after a
        # small model). Every file pytlc writes is closed by then; atexit handlers run.
        gc.freeze()
        sys.exit(status)
    return status


def _tlc(args: list[str]) -> int:
    # imports are local throughout: a run imports only what it uses (start-up time)
    from tla.tlc_compat.options import OptionError, parse_options
    from tla.tlc_compat.codes import EC
    from tla.tlc_compat.messages import Reporter
    try:
        opts = parse_options(args)
    except OptionError as exc:
        rep = Reporter(sys.stdout)
        from tla.tlc_compat.tlc_run import VERSION_TEXT
        rep.message(EC.TLC_VERSION, VERSION_TEXT)
        rep.command_line_error(exc.message)
        return 1
    if opts.help:
        from tla.tlc_compat.help import help_text
        sys.stdout.write(help_text())
        return opts.help_exit_status
    unsupported = _unsupported(opts)
    if unsupported:
        sys.stdout.write(f"Error: pytlc does not support {unsupported} yet.\n")
        return 1
    from tla.tlc_compat.tlc_run import Run
    return Run(opts).run()


def _unsupported(opts) -> str:
    """The first option given that pytlc cannot honour yet ('' when all can be)."""
    from tla.tlc_compat.options import unsupported_option
    return unsupported_option(opts)


def _subcommand(name: str, args: list[str]) -> int:
    if name == "lint":
        from tla.lint import run_lint
        if not args or args[0] in ("-h", "--help"):
            sys.stdout.write("usage: pytlc lint FILE.tla...\n"
                             "Parse, resolve and check TLA+ modules; print findings as\n"
                             "file:line:col: error|warning: message. Exit 1 when there are errors.\n")
            return 0 if args else 2
        return run_lint(args, sys.stdout)
    if name == "pcal":
        from tla.pcal.cli import main_pcal
        return main_pcal(args, sys.stdout)
    from tla.repl import main_repl
    return main_repl(args, sys.stdin, sys.stdout)


def _internal_error(exc: BaseException) -> int:
    import traceback
    sys.stdout.write(
        "Error: pytlc hit an internal error (this is a bug in pytlc, not in your spec).\n"
        f"{type(exc).__name__}: {exc}\n"
        "Please report it with the spec and cfg that caused it.\n")
    if _debug_enabled():
        traceback.print_exc(file=sys.stdout)
    return 255


def _debug_enabled() -> bool:
    import os
    return bool(os.environ.get("PYTLC_DEBUG"))


if __name__ == "__main__":
    main()
