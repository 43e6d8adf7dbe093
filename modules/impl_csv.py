"""Native operators of the community module CSV (TLC's ``tlc2.overrides.CSV``).

Takes templates, values and file names (see :func:`tla.modules.impl_common.resolve_path`:
read from the spec's directory or the working directory, written relative to the working
directory); gives booleans, integers and sequences of records.

* ``CSVWrite(template, val, file)`` appends one line: ``template`` with Java's
  ``String.format`` placeholders (``%1$s``, ``%s``) replaced by the elements of the sequence
  ``val`` (strings without quotes, other values as TLC prints them), and equals TRUE.
* ``CSVWriteRecord(record, delim, headers, file)`` appends the record's values separated by
  ``delim``, preceded by a line of its field names when ``headers`` is TRUE.
* ``CSVRead(columns, delimiter, file)`` equals the sequence of records, one per line, whose
  fields are ``columns`` and whose values are the line's fields (strings).
* ``CSVRecords(file)`` is the number of lines of ``file``, 0 if it does not exist.
"""
from __future__ import annotations

import os

from tla.evaluator.values import make_record
from tla.modules.impl_common import (
    argument_error, as_fcn_map, io_error, java_format, plain_text, resolve_path,
)
from tla.modules.registry import builtin


def _path(ctx, p, position: str, op: str, write: bool) -> str:
    if type(p) is not str:
        raise argument_error(position, op, "string", p)
    return resolve_path(ctx, p, for_write=write)


def _append(path: str, text: str, op: str) -> None:
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise io_error(op, path, e)


@builtin("CSV", "CSVWrite", context=True)
def csv_write(ctx, template, val, file):
    if type(template) is not str:
        raise argument_error("first", "CSVWrite", "string", template)
    if type(val) is not tuple:
        raise argument_error("second", "CSVWrite", "sequence", val)
    path = _path(ctx, file, "third", "CSVWrite", True)
    _append(path, java_format(template, [plain_text(v) for v in val]) + "\n", "CSVWrite")
    return True


@builtin("CSV", "CSVWriteRecord", context=True)
def csv_write_record(ctx, record, delim, headers, file):
    m = as_fcn_map(record)
    if m is None:
        raise argument_error("first", "CSVWriteRecord", "record", record)
    if type(delim) is not str:
        raise argument_error("second", "CSVWriteRecord", "string", delim)
    path = _path(ctx, file, "fourth", "CSVWriteRecord", True)
    text = ""
    if headers is True:
        text += delim.join(plain_text(k) for k in m) + "\n"
    text += delim.join(plain_text(v) for v in m.values()) + "\n"
    _append(path, text, "CSVWriteRecord")
    return True


@builtin("CSV", "CSVRead", context=True, constant=True)
def csv_read(ctx, columns, delimiter, file):
    if type(columns) is not tuple or not all(type(c) is str for c in columns):
        raise argument_error("first", "CSVRead", "sequence of strings", columns)
    if type(delimiter) is not str or not delimiter:
        raise argument_error("second", "CSVRead", "string", delimiter)
    path = _path(ctx, file, "third", "CSVRead", False)
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except OSError as e:
        raise io_error("CSVRead", path, e)
    rows = []
    for line in lines:
        cells = line.split(delimiter)
        rows.append(make_record(zip(columns, cells)))
    return tuple(rows)


@builtin("CSV", "CSVRecords", context=True, constant=True)
def csv_records(ctx, file):
    path = _path(ctx, file, "first", "CSVRecords", False)
    if not os.path.exists(path):
        return 0
    try:
        with open(path, encoding="utf-8") as fh:
            return sum(1 for _ in fh)
    except OSError as e:
        raise io_error("CSVRecords", path, e)
