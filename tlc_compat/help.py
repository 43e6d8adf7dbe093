"""pytlc's help text for ``-h``, ``-help`` and ``--help``.

Takes: nothing (or the program name to show).
Gives: the text to print on stdout. The option names and meanings are TLC's; the wording
is pytlc's own. Options pytlc accepts without effect are marked as such (see
:data:`options.IGNORED_OPTIONS`), and so are those it refuses
(:data:`options.REFUSED_OPTIONS`). TLC exits 1 after ``-h``/``-help``; ``--help`` exits 0
(:attr:`options.Options.help_exit_status` carries the status).
"""
from __future__ import annotations

import textwrap

from tla.tlc_compat.options import IGNORED_OPTIONS, PARTLY_REFUSED_OPTIONS, REFUSED_OPTIONS

_WIDTH = 88

# (option, argument, description) in TLC's alphabetical order
_OPTIONS: list[tuple[str, str, str]] = [
    ("-aril", "num", "offset added to the simulation seed; default 0"),
    ("-checkpoint", "minutes", "minutes between checkpoints; default 30, 0 turns them off"),
    ("-cleanup", "", "delete the states directory before starting"),
    ("-config", "file", "the model configuration (.cfg may be left out); default SPEC.cfg"),
    ("-continue", "", "keep checking after an invariant or action property fails"),
    ("-coverage", "minutes",
     "report coverage (per action distinct:generated, per variable its distinct values) "
     "at the end and every so many minutes; not with -simulate"),
    ("-deadlock", "", "do NOT report deadlocks (same as CHECK_DEADLOCK FALSE in the cfg)"),
    ("-debug", "", "internal debugging output"),
    ("-debugger", "[port=N,nosuspend,nohalt]", "run under a debug-adapter front end"),
    ("-depth", "num", "steps of each simulated behavior; default 100, -1 for no bound"),
    ("-dfid", "num", "depth-first iterative deepening, levels 2 to num (TLC uses num as "
                     "the deepest level)"),
    ("-difftrace", "", "in traces, show only the variables that changed"),
    ("-dump", "[dot[,colorize,actionlabels,constrained,...]] file",
     "write every reachable state to file (as a GraphViz graph with dot)"),
    ("-dumpTrace", "format file",
     "after a violation also write the trace to file; format is json, tla, tlcplain, "
     "tlcaction or itf (pytlc's); may be repeated"),
    ("-fp", "N", "TLC's fingerprint polynomial index (0..130)"),
    ("-fpbits", "num", "TLC's nested fingerprint sets; default 1"),
    ("-fpmem", "num", "share of memory for TLC's fingerprints; default 0.25"),
    ("-generate", "[num=N]", "TLC's generator mode; pytlc draws behaviors as -simulate "
                             "does (config mode \"generate\")"),
    ("-generateSpecTE", "[nomonolith]", "always write the trace-exploration spec; implies -tool"),
    ("-gzip", "", "compress TLC's value streams"),
    ("-h, -help", "", "this text (exit status 1, as TLC); --help exits 0"),
    ("-inv", "expr", "check the state formula expr as an extra invariant (named by its "
                     "text); may be repeated"),
    ("-invlevel", "n", "the invariant TLCGet(\"level\") < n: a state n - 1 steps from an "
                       "initial state is a violation"),
    ("-lncheck", "strategy", "when to check liveness: default, final, seqfinal or off"),
    ("-loadTrace", "format file", "use a recorded trace (tlc or json) as a constraint"),
    ("-maxSetSize", "num", "largest set that will be enumerated; default 1000000"),
    ("-messagesAsErrors", "codes", "treat these message codes (comma-separated) as errors"),
    ("-metadir", "path", "where to keep run data; default SPEC-directory/states"),
    ("-modelcheck", "", "exhaustive breadth-first model checking (the default)"),
    ("-noGenerateSpecTE, -noTE", "", "do not write the trace-exploration spec "
                                     "Spec_TTrace_<time>.tla that follows a violation"),
    ("-noGenerateSpecTEBin, -noTEBin", "", "write the trace-exploration spec without its "
                                           ".bin (the trace for IODeserialize)"),
    ("-nowarning", "", "suppress all warnings"),
    ("-postCondition", "mod!oper", "evaluate the constant operator oper of module mod (the "
                                   "spec or a module it extends) at the end"),
    ("-recover", "id", "resume from the checkpoint with this id"),
    ("-seed", "num", "seed for simulation; default random. A seed gives TLC's behaviors"),
    ("-simulate", "[num=N,file=F]", "random simulation of N behaviors (default: until a "
                                    "violation or Ctrl-C); file=F writes each to F_0_<k>"),
    ("-suppressMessages", "codes", "do not print these message codes; not with -nowarning"),
    ("-teSpecOutDir", "dir", "directory for the trace-exploration spec (default: the "
                             "working directory); dir/Name.tla names the file"),
    ("-terse", "", "do not expand lazy values when printing"),
    ("-tool", "", "frame every message with @!@!@STARTMSG/ENDMSG lines and codes"),
    ("-userFile", "file", "write the output of Print and PrintT to file"),
    ("-view", "", "print states through the cfg's VIEW"),
    ("-workers", "num|auto", "number of worker processes; default 1, auto = one per core "
                             "(liveness, -dump and -coverage run with one)"),
]


def help_text(program: str = "pytlc") -> str:
    """The full help text, ending in a newline."""
    lines = [
        "NAME",
        f"    {program} - a TLA+ model checker with TLC's command line and output",
        "",
        "SYNOPSIS",
        f"    {program} [-option ...] SPEC[.tla]",
        f"    {program} lint FILE...        check modules for errors without model checking",
        f"    {program} pcal FILE           translate the PlusCal algorithm in FILE",
        f"    {program} repl                evaluate TLA+ expressions interactively",
        "",
        "DESCRIPTION",
        "    Checks the specification SPEC against the model SPEC.cfg (or the one given",
        "    with -config) by breadth-first search of its reachable states, or simulates",
        "    random behaviors with -simulate. Messages, traces and exit statuses are those",
        "    of TLC; all output goes to standard output.",
        "",
        "OPTIONS",
    ]
    for option, argument, description in _OPTIONS:
        head = f"{option} {argument}".rstrip()
        names = [name.strip() for name in option.split(",")]
        ignored = [name for name in names if name in IGNORED_OPTIONS]
        refused = [name for name in names if name in REFUSED_OPTIONS]
        text = ("[ignored] " if ignored else "[not supported] " if refused else "") + description
        wrapped = textwrap.wrap(text, width=_WIDTH - 30) or [""]
        if len(head) < 26:
            lines.append(f"    {head:<26}{wrapped[0]}")
            wrapped = wrapped[1:]
        else:
            lines.append(f"    {head}")
        lines += [f"    {'':<26}{part}" for part in wrapped]
    lines += [
        "",
        "IGNORED OPTIONS",
        '    Options marked "[ignored]" only tune TLC\'s Java internals; pytlc accepts',
        "    them so that existing command lines keep working, and does nothing with them:",
    ]
    for option, reason in IGNORED_OPTIONS.items():
        wrapped = textwrap.wrap(reason, width=_WIDTH - 14)
        lines.append(f"    {option:<10}{wrapped[0]}")
        lines += [f"    {'':<10}{part}" for part in wrapped[1:]]
    lines += [
        "",
        "OPTIONS PYTLC REFUSES",
        '    Options marked "[not supported]", and the uses of others listed here, are',
        "    understood but not implemented yet; a command line with one of them ends at",
        '    once with "Error: pytlc does not support ..." and exit status 1, so nothing',
        "    is silently skipped:",
    ]
    for option, reason in (*REFUSED_OPTIONS.items(), *PARTLY_REFUSED_OPTIONS.items()):
        wrapped = textwrap.wrap(reason, width=_WIDTH - 18)
        lines.append(f"    {option:<14}{wrapped[0]}")
        lines += [f"    {'':<14}{part}" for part in wrapped[1:]]
    lines += [
        "",
        "FILES",
        "    After a violation (unless -noTE, -tool or -continue) pytlc writes the",
        "    trace-exploration spec Spec_TTrace_<seconds>.tla and its .bin to the working",
        "    directory (or -teSpecOutDir); `pytlc Spec_TTrace_<seconds>.tla` replays the",
        "    counterexample. A file that cannot be written (-dump, -dumpTrace, -userFile,",
        "    the trace-exploration spec) is reported with the reason, never skipped.",
        "",
        "EXIT STATUS",
        "    0 success, 10 assumption violated, 11 deadlock, 12 safety violation,",
        "    13 liveness violation, 14 Assert failed, 75-77 evaluation errors,",
        "    150 spec parse error, 151 model error, 255 other errors, 1 bad command line.",
    ]
    return "\n".join(lines) + "\n"
