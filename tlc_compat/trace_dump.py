"""Writes every ``-dumpTrace FORMAT FILE`` the command line asked for.

Takes: the ``(format, file)`` pairs of :attr:`options.Options.dump_traces`, the
counterexample (:class:`trace_model.Trace`), the variable names in TLC's ``vars`` order,
and the directory of the main spec.
Gives: the files, and the lines to print afterwards (``"CounterExample written: FILE"``,
quotes included, as TLC prints them through PrintT).

TLC rule implemented (``TLC -help``, ``-dumpTrace``): a relative file name is taken
relative to the directory of the main spec; several ``-dumpTrace`` options write several
files. Formats: ``json`` (:mod:`trace_json`), ``tla``, ``tlcplain`` and ``tlcaction``
(:mod:`trace_tla`), and pytlc's ``itf`` (:mod:`trace_itf`). TLC's ``tlc`` (Java-serialized
values), ``tlcTESpec`` and ``dot`` formats are refused with :class:`TraceDumpError`; the TE
spec has its own writer (:mod:`trace_te`).
"""
from __future__ import annotations

import os
from typing import Any, Callable, Sequence

from tla.errors import TLAError
from tla.tlc_compat.trace_itf import itf_value, write_itf_trace
from tla.tlc_compat.trace_json import tlc_json_value, write_json_trace
from tla.tlc_compat.trace_model import Trace
from tla.tlc_compat.trace_tla import write_tla_trace

SUPPORTED_FORMATS = ("json", "tla", "tlcplain", "tlcaction", "itf")


class TraceDumpError(TLAError):
    """A ``-dumpTrace`` format pytlc cannot write, or a file it cannot create."""


def resolve_trace_file(file: str, spec_dir: str) -> str:
    """Where TLC writes ``file``: as given when absolute, else in the spec's directory."""
    return file if os.path.isabs(file) else os.path.join(spec_dir, file)


def write_dump_traces(requests: Sequence[tuple[str, str]], trace: Trace,
                      variables: Sequence[str], spec_dir: str = ".",
                      json_value: Callable[[Any], Any] = tlc_json_value,
                      tla_value: Callable[[Any], str] | None = None,
                      itf_convert: Callable[[Any], Any] = itf_value,
                      source: str = "") -> list[str]:
    """Write each requested trace file; returns the lines to print, in request order.
    Raises :class:`TraceDumpError` for the first request that fails."""
    lines = []
    for fmt, file in requests:
        line, error = write_dump_trace(fmt, file, trace, variables, spec_dir, json_value,
                                       tla_value, itf_convert, source)
        if error is not None:
            raise error
        lines.append(line)
    return lines


def write_dump_trace(fmt: str, file: str, trace: Trace, variables: Sequence[str],
                     spec_dir: str = ".", json_value: Callable[[Any], Any] = tlc_json_value,
                     tla_value: Callable[[Any], str] | None = None,
                     itf_convert: Callable[[Any], Any] = itf_value,
                     source: str = "") -> tuple[str, TraceDumpError | None]:
    """Write one ``-dumpTrace FORMAT FILE``: (the line to print, None) when it was
    written, ("", the error) when the format is not supported or the file cannot be
    written (a missing directory, a full disk), so that the other requests still go on."""
    kind = fmt.lower()
    if kind not in SUPPORTED_FORMATS:
        return "", TraceDumpError(f"pytlc cannot write -dumpTrace format {fmt}")
    path = resolve_trace_file(file, spec_dir)
    try:
        if kind == "json":
            write_json_trace(path, trace, variables, json_value)
        elif kind == "itf":
            write_itf_trace(path, trace, variables, source, itf_convert)
        elif tla_value is None:
            write_tla_trace(path, trace, kind=kind, file_name=file)
        else:
            write_tla_trace(path, trace, tla_value, kind=kind, file_name=file)
    except OSError as exc:
        return "", TraceDumpError(f"Cannot write the trace file {path}: "
                                  f"{exc.strerror or exc}")
    return f'"CounterExample written: {file}"', None
