"""The trace-exploration (TE) spec TLC writes after a violation: ``<Spec>_TTrace_<epoch>.tla``.

Takes: the spec's name, the trace (states in TLC's print order), the variables in
declaration order, the cfg's raw CONSTANT entries and model values, and a value printer.
Gives: the text of the monolithic TE module and its file name, and the message 2501 text
``Trace exploration spec path: ./<file>``.

TLC rules implemented (tlc-interface.md section 6.5, ``TraceExplorationSpec``): one file
holding, in this order,

* module ``<Spec>_TTrace_<epoch>``: EXTENDS the set {Sequences, TLCExt, Toolbox, Naturals,
  TLC, <Spec>, <Spec>_TEConstants (only with model values)} listed in Java ``HashSet``
  order; ``_expression`` and ``_trace`` taken from the helper modules; ``_inv ==
  ~(TLCGet("level") = Len(_TETrace) /\\ v = (val) ...)`` built from the last state for a
  safety violation, or ``_prop == ~<>[](...)`` for a liveness one; ``_init`` and ``_next``
  replaying ``_TETrace`` variable by variable (declaration order); a commented-out ASSUME
  that would write the trace as JSON;
* module ``<Spec>_TEExpression`` with ``expression == [v |-> v, ...]`` (the ALIAS);
* a commented-out ``<Spec>_TETrace`` that would read the binary trace, then the real
  ``<Spec>_TETrace`` with ``trace == <<([v |-> val,...]), ...>>`` (print order);
* module ``<Spec>_TEConstants`` declaring the model values as CONSTANTS (when there are any);
* ``---- CONFIG <name> ----`` with the raw CONSTANT entries and ``m = m`` for each model
  value, ``INVARIANT _inv`` or ``PROPERTY _prop``, ``CHECK_DEADLOCK FALSE``, ``INIT _init``,
  ``NEXT _next``, ``CONSTANT _TETrace <- _trace``, ``ALIAS _expression``, and a last line
  ``\\* Generated on <Java Date.toString()>``.

The operators, module layout and configuration are TLC's; the explanatory comments TLC puts
between them are written in pytlc's own words. The ``.bin`` file beside the spec holds the
trace (``_TETrace``) in the format of pytlc's ``IOSerialize`` (TLC's holds Java-serialized
values, which only a JVM can produce), so the commented ``TETrace`` module reads it back.

After a violation (:func:`write_te_spec_after_violation`), TLC's rules for when and where:
no TE spec with ``-noTE``/``-noGenerateSpecTE``, ``-tool`` or ``-continue`` (unless
``-generateSpecTE``), for a trace of a single state, after ``-recover``, or when the spec is
itself a TE spec (its file name contains ``_TTrace``); it goes to ``-teSpecOutDir DIR``
(created if needed; a ``DIR`` ending in ``.tla`` names the file itself) or else to the
working directory, and message 2501 ``Trace exploration spec path: <dir>/<file>`` follows
"Finished in". A file that cannot be written gives TLC's message 2502 (``Failed to generate
trace exploration spec; error message: ...``) and does not change the exit status.
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Sequence

from tla.tlc_compat.trace_model import Trace
from tla.tlc_compat.varorder import java_string_hash

FormatValue = Callable[[Any], str]
_RULE = "=" * 77


def _default_format(value: Any) -> str:
    from tla.evaluator.printing import format_value
    return format_value(value)


def java_hashset_order(names: Sequence[str]) -> list[str]:
    """The iteration order of a ``java.util.HashSet`` holding ``names`` (added in this
    order): default capacity 16 doubling past 75% load, bucket ``(h ^ h >>> 16) & (n-1)``,
    buckets ascending, each bucket in insertion order."""
    unique = list(dict.fromkeys(names))
    capacity = 16
    while len(unique) > capacity * 0.75:
        capacity *= 2

    def bucket(name: str) -> int:
        h = java_string_hash(name) & 0xFFFFFFFF
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(unique, key=lambda name: (bucket(name), unique.index(name)))


def te_module_name(spec: str, epoch_seconds: int) -> str:
    """``<Spec>_TTrace_<epoch seconds>``."""
    return f"{spec}_TTrace_{epoch_seconds}"


def te_spec_path_message(file_name: str) -> str:
    """The parameter of message 2501: TLC shows the file relative to the spec's directory."""
    return f"./{file_name}"


def java_date_string(moment: datetime) -> str:
    """Java's ``Date.toString()``: ``Wed Apr 15 11:57:54 KST 2026``."""
    zone = moment.strftime("%Z") or "UTC"
    return moment.strftime(f"%a %b %d %H:%M:%S {zone} %Y")


def _extends(spec: str, with_constants: bool) -> str:
    # TLC inserts these in this order into a HashSet; its iteration order is what is printed
    names = ["Toolbox", "Naturals", "TLC", "Sequences", "TLCExt"]
    if with_constants:
        names.append(f"{spec}_TEConstants")
    names.append(spec)
    return ", ".join(java_hashset_order(names))


def _trace_extends(spec: str, with_constants: bool, first: str) -> str:
    names = [first, "TLC", spec] + ([f"{spec}_TEConstants"] if with_constants else [])
    return ", ".join(java_hashset_order(names))


def _last_state_conjuncts(trace: Trace, fmt: FormatValue, indent: str) -> list[str]:
    lines = []
    for i, (name, value) in enumerate(trace.states[-1]):
        if i:
            lines.append(f"{indent}/\\")
        lines.append(f"{indent}{name} = ({fmt(value)})")
    return lines


def te_spec_text(spec: str, module: str, trace: Trace, declared_variables: Sequence[str],
                 raw_constants: Sequence[str] = (), model_values: Sequence[str] = (),
                 liveness: bool = False, fmt: FormatValue = _default_format,
                 generated: datetime | None = None) -> str:
    """The whole TE spec file for ``trace`` (at least one state)."""
    has_constants = bool(model_values)
    ext = _extends(spec, has_constants)
    out: list[str] = [f"---- MODULE {module} ----", f"EXTENDS {ext}", ""]
    out += ["_expression ==", f"    LET {spec}_TEExpression == INSTANCE {spec}_TEExpression",
            f"    IN {spec}_TEExpression!expression", "----", ""]
    out += ["_trace ==", f"    LET {spec}_TETrace == INSTANCE {spec}_TETrace",
            f"    IN {spec}_TETrace!trace", "----", ""]
    if liveness:
        out += ["_prop ==", "    ~<>[]("]
        out += _last_state_conjuncts(trace, fmt, "        ")
    else:
        out += ["_inv ==", "    ~(", '        TLCGet("level") = Len(_TETrace)', "        /\\"]
        out += _last_state_conjuncts(trace, fmt, "        ")
    out += ["    )", "----", ""]
    out += ["_init =="] + [f"    /\\ {v} = _TETrace[1].{v}" for v in declared_variables]
    out += ["----", ""]
    out += ["_next ==", "    /\\ \\E i,j \\in DOMAIN _TETrace:",
            "        /\\ \\/ /\\ j = i + 1", '              /\\ i = TLCGet("level")']
    for v in declared_variables:
        out += [f"        /\\ {v}  = _TETrace[i].{v}", f"        /\\ {v}' = _TETrace[j].{v}"]
    out += ["",
            "\\* To write the error trace as JSON, remove the comment marks from this ASSUME.",
            "    \\* ASSUME",
            "    \\*     LET J == INSTANCE Json",
            f'    \\*         IN J!JsonSerialize("{module}.json", _TETrace)',
            "", _RULE, ""]
    out += [f" The module `{spec}_TEExpression` below defines the ALIAS of this spec; a file",
            f" `{spec}_TEExpression.tla` next to this one takes its place.", ""]
    out += [f"---- MODULE {spec}_TEExpression ----", f"EXTENDS {ext}", "", "expression == ",
            "    ["]
    for i, v in enumerate(declared_variables):
        out.append(f"        {'' if i == 0 else ','}{v} |-> {v}")
    out += ["        \\* Add fields here to show more expressions in the trace.",
            "    ]", "", _RULE, "", "", "",
            " A long trace parses slowly; the commented module below reads it from the",
            " binary file written next to this one instead (pytlc's IOSerialize format).",
            "", "\\*",
            f"\\*---- MODULE {spec}_TETrace ----",
            f"\\*EXTENDS {_trace_extends(spec, has_constants, 'IOUtils')}", "\\*",
            f'\\*trace == IODeserialize("{module}.bin", TRUE)', "\\*", f"\\*{_RULE}", "\\*", ""]
    out += [f"---- MODULE {spec}_TETrace ----",
            f"EXTENDS {_trace_extends(spec, has_constants, 'TLC')}", "", "trace == ", "    <<"]
    rows = ["    ([" + ",".join(f"{name} |-> {fmt(value)}" for name, value in state) + "])"
            for state in trace.states]
    out += [row + ("," if i < len(rows) - 1 else "") for i, row in enumerate(rows)]
    out += ["    >>", "----", "", "", _RULE, ""]
    if has_constants:
        out += [f"---- MODULE {spec}_TEConstants ----", f"EXTENDS {spec}", "",
                f"CONSTANTS {', '.join(model_values)}", "", _RULE, ""]
    out.append(f"---- CONFIG {module} ----")
    constants = [*raw_constants, *(f"{m} = {m}" for m in model_values)]
    if constants:
        out += ["CONSTANTS"] + [f"    {entry}" for entry in constants] + [""]
    out += ["PROPERTY" if liveness else "INVARIANT", "    _prop" if liveness else "    _inv", ""]
    out += ["CHECK_DEADLOCK", "    \\* No deadlock check: the trace ends where the error was.",
            "    FALSE", "", "INIT", "    _init", "", "NEXT", "    _next", "",
            "CONSTANT", "    _TETrace <- _trace", "", "ALIAS", "    _expression", _RULE,
            f"\\* Generated on {java_date_string(generated or datetime.now().astimezone())}"]
    return "\n".join(out)


def write_te_spec(directory: str | Path, spec: str, trace: Trace,
                  declared_variables: Sequence[str], raw_constants: Sequence[str] = (),
                  model_values: Sequence[str] = (), liveness: bool = False,
                  fmt: FormatValue = _default_format, now: datetime | None = None) -> str:
    """Write ``<Spec>_TTrace_<epoch>.tla`` into ``directory``; returns the parameter of
    message 2501 (``./<file name>``)."""
    moment = now or datetime.now().astimezone()
    module = te_module_name(spec, int(moment.timestamp()))
    text = te_spec_text(spec, module, trace, declared_variables, raw_constants, model_values,
                        liveness, fmt, moment)
    Path(directory, module + ".tla").write_text(text, encoding="utf-8")
    return te_spec_path_message(module + ".tla")


TE_SPEC_NAME = re.compile(r"^.*_TTrace.*(\.tla)?$")


def is_te_spec_file(tla_path: str) -> bool:
    """Whether ``tla_path`` is itself a trace-exploration spec (TLC's test on the file
    name), for which no further TE spec is written."""
    return TE_SPEC_NAME.match(os.path.basename(tla_path)) is not None


def te_spec_location(out_dir: str | None, spec: str, moment: datetime) -> tuple[str, str]:
    """(directory, module name) of the TE spec: ``-teSpecOutDir`` (a path ending in
    ``.tla`` names the file) or the working directory, and ``<Spec>_TTrace_<epoch>``."""
    if out_dir and out_dir.endswith(".tla"):
        return os.path.dirname(out_dir) or ".", os.path.splitext(os.path.basename(out_dir))[0]
    return out_dir or ".", te_module_name(spec, int(moment.timestamp()))


def trace_as_value(trace: Trace):
    """``_TETrace`` as a TLA+ value: the tuple of the states as records."""
    from tla.evaluator.values import make_record
    return tuple(make_record(list(state)) for state in trace.states)


def te_trace_bytes(trace: Trace) -> bytes:
    """The ``.bin`` file: ``_TETrace`` as ``IOSerialize(_TETrace, file, TRUE)`` writes it."""
    import gzip
    import json
    from tla.modules.impl_ioutils import encode
    return gzip.compress(json.dumps(encode(trace_as_value(trace))).encode("utf-8"))


def _reified_model_values(run) -> list[str]:
    """The cfg's model values that the spec does not itself define or declare: the TE
    spec declares them as constants (``<Spec>_TEConstants``)."""
    declared = {name for name, _ in run.model.declared_constants}
    return [m for m in run.cfg.model_values
            if m not in declared and not run.model.has_definition(m)]


def write_te_spec_after_violation(run) -> None:
    """Write the TE spec (and its ``.bin``) for the counterexample ``run`` printed last,
    and print message 2501, or 2502 when it cannot be written (TLC's rules above)."""
    from tla.tlc_compat.codes import EC
    from tla.tlc_compat.output_files import (OutputFileError, make_directories,
                                             write_bytes_file, write_text_file)
    from tla.tlc_compat.trace_model import trace_from_steps
    opts = run.opts
    steps, lasso = run.error_trace
    run.error_trace = None
    if not opts.generates_te_spec or opts.recover or len(steps) <= 1 or run.cfg is None:
        return
    tla_path = run.spec_paths()[0]
    if is_te_spec_file(tla_path):
        return
    model = run.model
    names = list(model.variables)
    trace = trace_from_steps(steps, names, run.var_order)
    spec = model.root.name
    moment = datetime.now().astimezone()
    directory, module = te_spec_location(opts.te_spec_out_dir, spec, moment)
    text = te_spec_text(spec, module, trace, names, run.cfg.raw_constants,
                        _reified_model_values(run), liveness=lasso is not None,
                        generated=moment)
    path = os.path.join(directory, module + ".tla")
    try:
        make_directories(directory)
        write_text_file(path, text + "\n")
        if not opts.no_te_bin:
            write_bytes_file(os.path.join(directory, module + ".bin"), te_trace_bytes(trace))
    except OutputFileError as exc:
        run.rep.message(EC.TLC_TE_SPEC_GENERATION_ERROR, exc.message)
        return
    run.rep.message(EC.TLC_TE_SPEC_GENERATION_COMPLETE, path)
