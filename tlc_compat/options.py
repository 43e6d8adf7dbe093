"""TLC's command line: ``pytlc [-option ...] SPEC[.tla]`` parsed as ``tlc2.TLC`` parses it.

Takes: the argument list (without the program name).
Gives: an :class:`Options` record, or raises :class:`OptionError` whose ``message`` is the
``%1%`` of TLC's message 1102 (it usually starts with ``Error: ``, so TLC prints
``Error: Error: unrecognized option: -bogus`` followed by the usage line; the exit status
is 1). A help request (``-h``, ``-help``, ``--help``) stops parsing like TLC does and
comes back as ``Options(help=True)``.

TLC rules implemented (``TLC.handleParameters``, tlc-interface.md section 5):

* Options are case-sensitive and start with ``-``; the one other argument is the spec, whose
  ``.tla`` suffix is stripped. A second spec is an error, as is none at all.
* ``-config X`` strips a ``.cfg`` suffix (and :attr:`Options.config_file` adds it back);
  the default cfg is the spec's name.
* ``-workers N|auto``, ``-simulate [num=N,file=F,stats=...,sched=...]`` (the parameter is
  taken only when it is not the last argument), ``-dump [dot,opts] FILE`` (``.dump`` or
  ``.dot`` appended; a later ``-dump`` replaces the file, ``dot`` stays on once given),
  ``-dumpTrace FMT FILE`` (repeatable), ``-lncheck`` (lower-cased); ``-noTE``, ``-noTEBin``,
  ``-dumpTrace``, ``-loadTrace`` and ``-postCondition`` match in any letter case.
* Numbers are parsed like Java's ``Integer.parseInt``/``Long.parseLong``.

Options that exist only in TLC HEAD (``-dumpTrace``, ``-loadTrace``, ``-postCondition``,
``-inv``, ``-invlevel``, ``-debugger``, ``-suppressMessages``, ``-messagesAsErrors``,
``-teSpecOutDir``, ``-generate``) are accepted with HEAD's error texts. What pytlc does not
support is refused after parsing (:func:`unsupported_option`).
"""
from __future__ import annotations

import os
import re

from tla.records import field, mutable_record
from tla.errors import TLAError

USAGE_LINE = "Usage: java tlc2.TLC [-help] [-option] inputfile"

#: Options pytlc accepts and then ignores, with the reason. They tune how TLC's JVM stores
#: fingerprints and value streams; pytlc has its own fingerprint set and no value streams.
IGNORED_OPTIONS: dict[str, str] = {
    "-fpmem": "share of memory for TLC's off-heap fingerprint set; pytlc sizes its own",
    "-fpbits": "number of nested fingerprint sets in TLC's MultiFPSet; no such structure here",
    "-gzip": "compression of TLC's Java value streams on disk; pytlc writes none",
    "-fp": "picks one of TLC's 131 FP64 polynomials; pytlc's fingerprints are its own "
           "(the number is still shown in the start-up banner)",
    "-debug": "prints TLC's internal Java debugging output",
}

#: Options pytlc parses but refuses, with what it cannot do; the help lists them
#: (a command line with one of them ends with ``Error: pytlc does not support ...``, exit 1)
REFUSED_OPTIONS: dict[str, str] = {
    "-loadTrace": "replaying a recorded trace as a constraint",
    "-debugger": "the debug-adapter (DAP) front end",
    "-terse": "printing lazy values unexpanded (pytlc always expands them as TLC does "
              "without -terse)",
}
#: Options pytlc supports only in some uses, refused in the others the same way
PARTLY_REFUSED_OPTIONS: dict[str, str] = {
    "-coverage": "coverage statistics of simulations and of -dfid (they are reported for "
                 "breadth-first model checking)",
    "-generateSpecTE": "nomonolith (the trace-exploration spec is always one file)",
}

_INT_MIN, _INT_MAX = -(2 ** 31), 2 ** 31 - 1
_LONG_MIN, _LONG_MAX = -(2 ** 63), 2 ** 63 - 1
_JAVA_INT = re.compile(r"[+-]?[0-9]+")
FP_POLYNOMIALS = 131
DUMP_TRACE_FORMATS = ("json", "tla", "tlc", "tlcplain", "tlctespec", "tlcaction", "dot", "itf")


class OptionError(TLAError):
    """A command line TLC rejects. ``message`` is the text TLC passes to message 1102."""


@mutable_record
class DumpOption:
    """``-dump [dot[,colorize][,actionlabels][,snapshot][,constrained][,stuttering][,strict]] FILE``."""

    file: str
    dot: bool = False
    colorize: bool = False
    actionlabels: bool = False
    snapshot: bool = False
    constrained: bool = False
    stuttering: bool = False
    strict: bool = False


@mutable_record
class Options:
    """Everything TLC's command line can say, with TLC's defaults.

    ``spec`` has no ``.tla`` suffix; ``config`` has no ``.cfg`` suffix (None: the spec's
    name). ``workers`` is the resolved count (``auto`` gives the number of processors).
    ``check_deadlock`` is False when ``-deadlock`` was given (the cfg may still turn it off).
    ``mode`` is ``"modelcheck"``, ``"simulate"`` or ``"generate"``; ``dfid`` is the ``N`` of
    ``-dfid N``, the deepest level of the iterative deepening (TLC's help calls it the
    initial depth; its checker uses it as the last), None for breadth-first search. ``ignored`` lists the options given
    that pytlc accepts without effect (see IGNORED_OPTIONS).
    """

    spec: str | None = None
    config: str | None = None
    help: bool = False
    help_exit_status: int = 1
    mode: str = "modelcheck"
    dfid: int | None = None
    simulate_num: int | None = None
    simulate_file: str | None = None
    simulate_stats: str | None = None
    simulate_sched: str | None = None
    depth: int = 100
    seed: int | None = None
    aril: int = 0
    check_deadlock: bool = True
    continue_after_violation: bool = False
    workers: int = 1
    workers_auto: bool = False
    difftrace: bool = False
    terse: bool = False
    view: bool = False
    tool: bool = False
    nowarning: bool = False
    suppress_messages: list[int] = field(default_factory=list)
    messages_as_errors: list[int] = field(default_factory=list)
    coverage_minutes: int | None = None
    checkpoint_minutes: int = 30
    recover: str | None = None
    metadir: str | None = None
    cleanup: bool = False
    user_file: str | None = None
    dump: DumpOption | None = None
    dump_traces: list[tuple[str, str]] = field(default_factory=list)
    load_trace: tuple[str, str] | None = None
    postcondition: str | None = None
    inv: list[str] = field(default_factory=list)
    invlevel: int | None = None
    lncheck: str = "default"
    fp: int | None = None
    fpmem: float = 0.25
    fpbits: int = 1
    max_set_size: int = 1_000_000
    gzip: bool = False
    debug: bool = False
    debugger: str | None = None
    generate_spec_te: bool = False
    te_nomonolith: bool = False
    no_te: bool = False
    no_te_bin: bool = False
    te_spec_out_dir: str | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def config_file(self) -> str | None:
        """The cfg file TLC reads: ``-config`` (or the spec) with ``.cfg`` added; a
        ``-config X.tla`` names a monolithic spec whose embedded CONFIG is read."""
        base = self.config if self.config is not None else self.spec
        if base is None:
            return None
        return base if base.endswith(".tla") else base + ".cfg"

    @property
    def spec_file(self) -> str | None:
        return None if self.spec is None else self.spec + ".tla"

    @property
    def generates_te_spec(self) -> bool:
        """Whether a trace-exploration spec is written after a violation (not with -tool,
        -continue or -noTE, unless -generateSpecTE forces it)."""
        if self.generate_spec_te:
            return True
        return not (self.tool or self.continue_after_violation or self.no_te)


def _java_int(text: str, low: int = _INT_MIN, high: int = _INT_MAX) -> int:
    if not _JAVA_INT.fullmatch(text):
        raise ValueError(text)
    value = int(text)
    if not low <= value <= high:
        raise ValueError(text)
    return value


def _java_double(text: str) -> float:
    stripped = text.strip()
    if stripped[-1:] in "dDfF" and stripped[:-1]:
        stripped = stripped[:-1]
    return float(stripped)


def _set(name: str, value: object = True):
    """A handler for an option without argument that sets ``name``."""
    def handler(parser: "_Parser") -> None:
        setattr(parser.opts, name, value)
    return handler


def _ignored(name: str):
    """A handler for a flag pytlc accepts and ignores (see IGNORED_OPTIONS)."""
    def handler(parser: "_Parser") -> None:
        setattr(parser.opts, name, True)
        parser.opts.ignored.append("-" + name)
    return handler


class _Parser:
    def __init__(self, args: list[str]):
        self.args = args
        self.i = 0
        self.opts = Options()

    def has_next(self) -> bool:
        return self.i < len(self.args)

    def take(self, missing: str) -> str:
        """The argument of the current option, or the error ``missing``."""
        if not self.has_next():
            raise OptionError(missing)
        value = self.args[self.i]
        self.i += 1
        return value

    def int_arg(self, missing: str, bad: str, low: int = _INT_MIN, high: int = _INT_MAX) -> int:
        value = self.take(missing)
        try:
            return _java_int(value, low, high)
        except ValueError:
            raise OptionError(bad + value) from None

    def parse(self) -> Options:
        while self.has_next():
            arg = self.args[self.i]
            self.i += 1
            handler = _HANDLERS.get(arg)
            if handler is None:
                handler = _ANY_CASE.get(arg.lower())
            if handler is not None:
                if handler(self) is _STOP:
                    return self.opts
            elif arg.startswith("-") or arg == "":
                raise OptionError(f"Error: unrecognized option: {arg}")
            else:
                self._spec(arg)
        if self.opts.spec is None:
            raise OptionError("Error: Missing input TLA+ module.")
        return self.opts

    def _spec(self, arg: str) -> None:
        if self.opts.spec is not None:
            raise OptionError(f"Error: more than one input files: {self.opts.spec} and {arg}")
        self.opts.spec = arg[: -len(".tla")] if arg.endswith(".tla") else arg

    # ------------------------------------------------------------------ flags
    def _help(self):
        self.opts.help = True
        return _STOP

    def _long_help(self):
        self.opts.help = True
        self.opts.help_exit_status = 0
        return _STOP

    def _no_te(self):
        self.opts.no_te = True

    def _generate_spec_te(self):
        self.opts.generate_spec_te = True
        self.opts.tool = True
        if self.has_next() and self.args[self.i] == "nomonolith":
            self.i += 1
            self.opts.te_nomonolith = True

    # ------------------------------------------------------------------ modes
    def _simulate(self, mode: str = "simulate"):
        self.opts.mode = mode
        keys = ("file=", "num=", "stats=", "sched=")
        if self.i + 1 < len(self.args) and any(k in self.args[self.i] for k in keys):
            for part in self.take("").split(","):
                if part.startswith("num="):
                    text = part[len("num="):]
                    try:
                        self.opts.simulate_num = _java_int(text)
                    except ValueError:
                        raise OptionError(
                            f"Error: An integer for num required. But encountered {text}") from None
                elif part.startswith("file="):
                    self.opts.simulate_file = part[len("file="):]
                elif part.startswith("stats="):
                    self.opts.simulate_stats = part[len("stats="):]
                elif part.startswith("sched="):
                    self.opts.simulate_sched = part[len("sched="):]

    def _generate(self):
        self._simulate("generate")

    def _dfid(self):
        value = self.take("Error: expect a nonnegative integer for -dfid option.")
        try:
            depth = _java_int(value)
        except ValueError:
            # TLC's text really lacks the ": " here
            raise OptionError("Errorexpect a nonnegative integer for -dfid option. "
                              f"But encountered {value}") from None
        if depth < 0:
            raise OptionError("Error: expect a nonnegative integer for -dfid option.")
        self.opts.dfid = depth

    # ------------------------------------------------------------------ valued options
    def _config(self):
        name = self.take("Error: expect a file name for -config option.")
        self.opts.config = name[: -len(".cfg")] if name.endswith(".cfg") else name

    def _lncheck(self):
        self.opts.lncheck = self.take(
            "Error: expect a strategy such as final for -lncheck option.").lower()

    def _dump(self):
        if self.i + 1 < len(self.args) and self.args[self.i].startswith("dot"):
            flags = self.take("").lower()
            file = self.take("")
            dump = DumpOption(file if file.endswith(".dot") else file + ".dot", dot=True)
            for name in ("colorize", "actionlabels", "snapshot", "constrained", "stuttering",
                         "strict"):
                setattr(dump, name, name in flags)
            self.opts.dump = dump
        else:
            file = self.take("Error: A file name for dumping states required.")
            previous = self.opts.dump
            if previous is not None and previous.dot:
                # TLC keeps "dot" (and its flags) once given; only the file changes
                previous.file = file if file.endswith(".dump") else file + ".dump"
            else:
                self.opts.dump = DumpOption(file if file.endswith(".dump") else file + ".dump")

    def _dump_trace(self):
        missing = "Error: A format and a file name for dumping traces required."
        fmt = self.take(missing)
        file = self.take(missing)
        if fmt.lower() not in DUMP_TRACE_FORMATS:
            raise OptionError(f"Error: Unknown format {fmt} given to -dumpTrace.")
        self.opts.dump_traces.append((fmt.lower(), file))

    def _load_trace(self):
        missing = "Error: A format and a file name for loading traces required."
        fmt = self.take(missing)
        file = self.take(missing)
        if fmt.lower() not in ("tlc", "json"):
            raise OptionError(f"Error: Unknown format {fmt} given to -loadTrace.")
        self.opts.load_trace = (fmt.lower(), file)

    def _coverage(self):
        minutes = self.int_arg("Error: coverage report interval required.",
                               "Error: An integer for coverage report interval required. "
                               "But encountered ")
        if minutes < 0:
            raise OptionError("Error: expect a nonnegative integer for -coverage option.")
        self.opts.coverage_minutes = minutes

    def _checkpoint(self):
        minutes = self.int_arg("Error: checkpoint interval required.",
                               "Error: An integer for checkpoint interval is required. "
                               "But encountered ")
        if minutes < 0:
            raise OptionError("Error: expect a nonnegative integer for -checkpoint option.")
        self.opts.checkpoint_minutes = minutes

    def _depth(self):
        self.opts.depth = self.int_arg("Error: trace length required.",
                                       "Error: An integer for trace length required. "
                                       "But encountered ")

    def _seed(self):
        self.opts.seed = self.int_arg("Error: seed required.",
                                      "Error: An integer for seed required. But encountered ",
                                      _LONG_MIN, _LONG_MAX)

    def _aril(self):
        self.opts.aril = self.int_arg("Error: aril required.",
                                      "Error: An integer for aril required. But encountered ",
                                      _LONG_MIN, _LONG_MAX)

    def _max_set_size(self):
        value = self.take("Error: maxSetSize required.")
        try:
            bound = _java_int(value)
        except ValueError:
            raise OptionError(
                f"Error: An integer for maxSetSize required. But encountered {value}") from None
        if bound < 0:
            raise OptionError(f"Error: Value in interval [0, {_INT_MAX}] for maxSetSize "
                              f"required. But encountered {value}")
        self.opts.max_set_size = bound

    def _recover(self):
        self.opts.recover = self.take(
            "Error: need to specify the metadata directory for recovery.")

    def _metadir(self):
        self.opts.metadir = self.take("Error: need to specify the metadata directory.")

    def _user_file(self):
        self.opts.user_file = self.take("Error: need to specify the full qualified file.")

    def _workers(self):
        value = self.take("Error: expect an integer or 'auto' for -workers option.")
        if value.strip().lower() == "auto":
            self.opts.workers = os.cpu_count() or 1
            self.opts.workers_auto = True
            return
        try:
            count = _java_int(value)
        except ValueError:
            raise OptionError(
                f"Error: worker number or 'auto' required. But encountered {value}") from None
        if count < 1:
            raise OptionError("Error: at least one worker required.")
        self.opts.workers = count

    def _fp(self):
        # TLC's text for a missing argument names -workers
        value = self.take("Error: expect an integer for -workers option.")
        try:
            index = _java_int(value)
        except ValueError:
            raise OptionError(f"Error: A number for -fp is required. But encountered {value}") from None
        if not 0 <= index < FP_POLYNOMIALS:
            raise OptionError(f"Error: The number for -fp must be between 0 and "
                              f"{FP_POLYNOMIALS - 1} (inclusive).")
        self.opts.fp = index
        self.opts.ignored.append("-fp")

    def _fpmem(self):
        value = self.take("Error: fpset memory size required.")
        bad = ("Error: An positive integer or a fraction for fpset memory size/percentage "
               f"required. But encountered {value}")
        try:
            size = _java_double(value)
        except ValueError:
            raise OptionError(bad) from None
        if size < 0:
            raise OptionError(bad)
        self.opts.fpmem = size
        self.opts.ignored.append("-fpmem")

    def _fpbits(self):
        value = self.take("Error: fpbits required.")
        try:
            bits = _java_int(value)
        except ValueError:
            raise OptionError(f"Error: An integer for fpbits required. But encountered {value}") from None
        if not 0 <= bits <= 30:
            raise OptionError(
                f"Error: Value in interval [0, 30] for fpbits required. But encountered {value}")
        self.opts.fpbits = bits
        self.opts.ignored.append("-fpbits")

    def _codes(self, option: str) -> list[int]:
        value = self.take(f"Error: expect a comma-separated list of message codes for {option}.")
        codes = []
        for part in value.split(","):
            try:
                codes.append(_java_int(part.strip()))
            except ValueError:
                raise OptionError(f"Error: expect a comma-separated list of message codes for "
                                  f"{option}. But encountered {value}") from None
        return codes

    def _suppress_messages(self):
        self.opts.suppress_messages = self._codes("-suppressMessages")

    def _messages_as_errors(self):
        self.opts.messages_as_errors = self._codes("-messagesAsErrors")

    def _postcondition(self):
        self.opts.postcondition = self.take(
            "Error: Module!Operator for postCondition required.")

    def _inv(self):
        self.opts.inv.append(self.take("Error: invariant expression required."))

    def _invlevel(self):
        self.opts.invlevel = self.int_arg("Error: An integer for -invlevel required.",
                                          "Error: An integer for -invlevel required. "
                                          "But encountered ")

    def _debugger(self):
        self.opts.debugger = ""
        if self.i + 1 < len(self.args) and re.fullmatch(
                r"(port=\d+|nosuspend|nohalt)(,(port=\d+|nosuspend|nohalt))*", self.args[self.i]):
            self.opts.debugger = self.take("")
        self.opts.workers = 1

    def _te_spec_out_dir(self):
        self.opts.te_spec_out_dir = self.take(
            "Error: expected a path for -teSpecOutDir option.")


_STOP = object()

_HANDLERS = {
    "-h": _Parser._help,
    "-help": _Parser._help,
    "--help": _Parser._long_help,
    "-simulate": _Parser._simulate,
    "-generate": _Parser._generate,
    "-modelcheck": _set("mode", "modelcheck"),
    "-difftrace": _set("difftrace"),
    "-deadlock": _set("check_deadlock", False),
    "-cleanup": _set("cleanup"),
    "-nowarning": _set("nowarning"),
    "-gzip": _ignored("gzip"),
    "-terse": _set("terse"),
    "-continue": _set("continue_after_violation"),
    "-view": _set("view"),
    "-debug": _ignored("debug"),
    "-tool": _set("tool"),
    "-generateSpecTE": _Parser._generate_spec_te,
    "-noGenerateSpecTE": _Parser._no_te,
    "-noGenerateSpecTEBin": _set("no_te_bin"),
    "-noTEBin": _set("no_te_bin"),
    "-lncheck": _Parser._lncheck,
    "-config": _Parser._config,
    "-dump": _Parser._dump,
    "-dumpTrace": _Parser._dump_trace,
    "-loadTrace": _Parser._load_trace,
    "-coverage": _Parser._coverage,
    "-checkpoint": _Parser._checkpoint,
    "-depth": _Parser._depth,
    "-seed": _Parser._seed,
    "-aril": _Parser._aril,
    "-maxSetSize": _Parser._max_set_size,
    "-recover": _Parser._recover,
    "-metadir": _Parser._metadir,
    "-userFile": _Parser._user_file,
    "-workers": _Parser._workers,
    "-dfid": _Parser._dfid,
    "-fp": _Parser._fp,
    "-fpmem": _Parser._fpmem,
    "-fpbits": _Parser._fpbits,
    "-suppressMessages": _Parser._suppress_messages,
    "-messagesAsErrors": _Parser._messages_as_errors,
    "-postCondition": _Parser._postcondition,
    "-inv": _Parser._inv,
    "-invlevel": _Parser._invlevel,
    "-debugger": _Parser._debugger,
    "-teSpecOutDir": _Parser._te_spec_out_dir,
}

#: options TLC recognizes whatever their letter case
_ANY_CASE = {
    "-note": _Parser._no_te,
    "-notebin": _set("no_te_bin"),
    "-dumptrace": _Parser._dump_trace,
    "-loadtrace": _Parser._load_trace,
    "-postcondition": _Parser._postcondition,
}

#: every option name the parser knows (those of _ANY_CASE also in other letter cases)
KNOWN_OPTIONS = frozenset(_HANDLERS) | {"-noTE"}


def parse_options(args: list[str]) -> Options:
    """Parse TLC's command line.

    >>> o = parse_options(["-workers", "2", "-config", "MC.cfg", "MC.tla"])
    >>> o.spec, o.config_file, o.workers
    ('MC', 'MC.cfg', 2)
    """
    opts = _Parser(list(args)).parse()
    if opts.nowarning and opts.suppress_messages:
        raise OptionError("Error: -nowarning and -suppressMessages cannot be combined.")
    return opts


def unsupported_option(opts: Options) -> str:
    """The first option of ``opts`` pytlc refuses (REFUSED_OPTIONS, PARTLY_REFUSED_OPTIONS),
    as it is named in
    the refusal (``-loadTrace (replaying a recorded trace as a constraint)``), or ''."""
    given = {
        "-loadTrace": opts.load_trace is not None,
        "-debugger": opts.debugger is not None,
        "-terse": opts.terse,
        "-generateSpecTE": opts.te_nomonolith,
        "-coverage": opts.coverage_minutes is not None and (opts.mode != "modelcheck"
                                                            or opts.dfid is not None),
    }
    for option, reason in (*REFUSED_OPTIONS.items(), *PARTLY_REFUSED_OPTIONS.items()):
        if given.get(option):
            return f"{option} ({reason})"
    return ""


def resolve_config_path(config_file: str, tla_path: str) -> str:
    """The file TLC reads the model configuration from: ``config_file`` (the ``-config``
    argument, or the spec's name, with ``.cfg``) when it exists or was named explicitly
    as a ``.tla``; otherwise, when the spec itself embeds ``---- CONFIG <Spec> ----`` (a
    monolithic spec, such as the trace-exploration specs TLC writes), the spec file."""
    if config_file.endswith(".tla") or os.path.exists(config_file):
        return config_file
    default = tla_path[: -len(".tla")] + ".cfg" if tla_path.endswith(".tla") else None
    if config_file == default and _embeds_config(tla_path):
        return tla_path
    return config_file


def _embeds_config(tla_path: str) -> bool:
    name = re.escape(os.path.splitext(os.path.basename(tla_path))[0])
    try:
        with open(tla_path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    return re.search(rf"^\s*-{{4,}}\s*CONFIG\s+{name}\s*-{{4,}}\s*$", text, re.M) is not None


def usage_error_text(error: OptionError) -> str:
    """The body of TLC's message 1102 for ``error`` (printed as an ERROR: ``Error: `` +
    this), e.g. ``Error: unrecognized option: -bogus\\nUsage: java tlc2.TLC ...``."""
    return f"{error.message}\n{USAGE_LINE}"
