"""Native operators of the community module IOUtils (TLC's ``tlc2.overrides.IOUtils``).

Takes values, file names (see :func:`tla.modules.impl_common.resolve_path`: read from the
spec's directory or the working directory, written relative to the working directory) and
commands; gives values.

* ``IOSerialize(val, file, compress)`` / ``IODeserialize(file, compressed)`` store a value in
  pytlc's own format (a JSON encoding that keeps every kind of value apart, gzip-compressed
  on request): TLC's Java serialization format cannot be produced without a JVM, so files
  written by TLC cannot be read and vice versa.
* ``Serialize(value, dest, options)`` / ``Deserialize(src, options)`` support the formats
  ``"TXT"`` (a string written as it is; ``options.openOptions`` may contain ``"APPEND"``),
  ``"JSON"`` and ``"NDJSON"``; Serialize equals ``[exitValue |-> 0, stdout |-> "Finish
  writing to the file with success!", stderr |-> ""]`` for ``"TXT"`` (TLC's text serializer
  reports that message) and ``[exitValue |-> 0, stdout |-> "", stderr |-> ""]`` for the JSON
  formats; Deserialize equals the value read.
* ``IOExec``, ``IOEnvExec``, ``IOExecTemplate``, ``IOEnvExecTemplate`` run programs. pytlc
  refuses unless they are enabled: ``ctx.config["allow_ioexec"]`` set by the caller, or the
  environment variable ``PYTLC_ALLOW_IOEXEC=1``. They equal
  ``[exitValue |-> n, stdout |-> "...", stderr |-> "..."]``; templates use Java's
  ``String.format`` placeholders (``%s``, ``%1$s``).
* ``IOEnv`` is the record of the process's environment variables; ``atoi(s)`` the integer
  written in ``s``; ``zeroPadN(n, width)`` the decimal digits of ``n`` padded with zeros.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess

from tla.errors import EvalError
from tla.evaluator.values import (
    FSet, Fcn, LazyFcn, ModelValue, SetBase, enumerate_set, make_fcn, make_record,
    to_fcn_map,
)
from tla.modules.impl_common import (
    argument_error, as_fcn_map, io_error, java_format, one_argument_error, plain_text,
    resolve_path,
)
from tla.modules.impl_json import from_node, to_node, to_text
from tla.modules.registry import builtin

_EXEC_DISABLED = ("{op} is disabled: pytlc does not run external programs from a "
                  "specification unless this is enabled (set the environment variable "
                  "PYTLC_ALLOW_IOEXEC=1).")


# --------------------------------------------------------------------------------------
# Values to and from files
# --------------------------------------------------------------------------------------

def encode(v):
    """pytlc's serialization of a value as JSON-compatible data, kinds kept apart."""
    t = type(v)
    if t is bool:
        return {"b": v}
    if t is int:
        return {"i": v}
    if t is str:
        return {"s": v}
    if t is ModelValue:
        return {"m": v.name}
    if t is tuple:
        return {"q": [encode(x) for x in v]}
    if t is Fcn or t is LazyFcn:
        return {"f": [[encode(k), encode(x)] for k, x in to_fcn_map(v).items()]}
    if isinstance(v, SetBase):
        return {"e": [encode(x) for x in enumerate_set(v)]}
    raise EvalError(f"IOSerialize cannot store the value {plain_text(v)}")


def decode(d):
    (kind, x), = d.items()
    if kind in ("b", "i", "s"):
        return x
    if kind == "m":
        return ModelValue(x)
    if kind == "q":
        return tuple(decode(y) for y in x)
    if kind == "f":
        return make_fcn({decode(k): decode(y) for k, y in x})
    if kind == "e":
        return FSet(decode(y) for y in x)
    raise EvalError(f"IODeserialize found an unknown value kind {kind!r}")


def _file(ctx, p, position: str, op: str, write: bool) -> str:
    if type(p) is not str:
        raise argument_error(position, op, "string", p)
    return resolve_path(ctx, p, for_write=write)


def _flag(b, position: str, op: str) -> bool:
    if type(b) is not bool:
        raise argument_error(position, op, "boolean", b)
    return b


@builtin("IOUtils", "IOSerialize", context=True)
def io_serialize(ctx, val, filename, compress):
    path = _file(ctx, filename, "second", "IOSerialize", True)
    data = json.dumps(encode(val)).encode("utf-8")
    try:
        if _flag(compress, "third", "IOSerialize"):
            with gzip.open(path, "wb") as fh:
                fh.write(data)
        else:
            with open(path, "wb") as fh:
                fh.write(data)
    except OSError as e:
        raise io_error("IOSerialize", path, e)
    return True


@builtin("IOUtils", "IODeserialize", context=True, constant=True)
def io_deserialize(ctx, filename, compressed):
    path = _file(ctx, filename, "first", "IODeserialize", False)
    try:
        opener = gzip.open if _flag(compressed, "second", "IODeserialize") else open
        with opener(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise io_error("IODeserialize", path, e)
    try:
        return decode(json.loads(data.decode("utf-8")))
    except (ValueError, AttributeError, TypeError) as e:
        raise EvalError(f"IODeserialize: the file {path} was not written by IOSerialize ({e})")


def _options(options, position: str, op: str) -> dict:
    m = as_fcn_map(options)
    if m is None or "format" not in m:
        raise argument_error(position, op, "record with a format field", options)
    return m


_OK = (("exitValue", 0), ("stderr", ""), ("stdout", ""))
#: what TLC's text serializer (format "TXT") reports after writing the file
TXT_WRITTEN = "Finish writing to the file with success!"


def text_written_record():
    """The value of a successful ``Serialize`` in format ``"TXT"`` (also ``SVGSerialize``)."""
    return make_record([("exitValue", 0), ("stderr", ""), ("stdout", TXT_WRITTEN)])


@builtin("IOUtils", "Serialize", context=True)
def serialize(ctx, value, dest, options):
    opts = _options(options, "third", "Serialize")
    path = _file(ctx, dest, "second", "Serialize", True)
    fmt = opts["format"]
    open_options = opts.get("openOptions", ())
    append = type(open_options) is tuple and "APPEND" in open_options
    if fmt == "TXT":
        text = plain_text(value)
    elif fmt == "JSON":
        text = to_text(to_node(value))
    elif fmt == "NDJSON":
        if type(value) is not tuple:
            raise argument_error("first", "Serialize", "sequence", value)
        text = "".join(to_text(to_node(v)) + "\n" for v in value)
    else:
        raise EvalError(f"Serialize does not know the format {plain_text(fmt)}")
    parent = os.path.dirname(path)
    try:
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(path, "a" if append else "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as e:
        raise io_error("Serialize", path, e)
    return text_written_record() if fmt == "TXT" else make_record(_OK)


@builtin("IOUtils", "Deserialize", context=True, constant=True)
def deserialize(ctx, src, options):
    opts = _options(options, "second", "Deserialize")
    path = _file(ctx, src, "first", "Deserialize", False)
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        raise io_error("Deserialize", path, e)
    fmt = opts["format"]
    try:
        if fmt == "TXT":
            return text
        if fmt == "JSON":
            return from_node(json.loads(text))
        if fmt == "NDJSON":
            return tuple(from_node(json.loads(line)) for line in text.splitlines()
                         if line.strip())
    except ValueError as e:
        raise EvalError(f"Deserialize: the file {path} does not hold valid JSON: {e}")
    raise EvalError(f"Deserialize does not know the format {plain_text(fmt)}")


# --------------------------------------------------------------------------------------
# Processes and the environment
# --------------------------------------------------------------------------------------

def _exec_allowed(ctx) -> bool:
    return bool(ctx.config.get("allow_ioexec")) or os.environ.get("PYTLC_ALLOW_IOEXEC") == "1"


def _run(ctx, op: str, argv: list, env_pairs) -> object:
    if not _exec_allowed(ctx):
        raise EvalError(_EXEC_DISABLED.format(op=op))
    env = dict(os.environ)
    for pair in env_pairs:
        if type(pair) is not tuple or len(pair) != 2:
            raise argument_error("first", op, "set of pairs <<name, value>>", pair)
        env[plain_text(pair[0])] = plain_text(pair[1])
    try:
        done = subprocess.run(argv, capture_output=True, text=True, env=env,
                              cwd=getattr(ctx, "spec_dir", None) or None)
    except OSError as e:
        raise EvalError(f"{op} could not run {argv[0] if argv else '<nothing>'}: "
                        f"{e.strerror or e}")
    return make_record([("exitValue", done.returncode), ("stderr", done.stderr),
                        ("stdout", done.stdout)])


def _command(command, op: str, position: str = "first") -> list:
    if type(command) is not tuple:
        raise argument_error(position, op, "sequence", command)
    return [plain_text(x) for x in command]


def _template(template, parameters, op: str, position: str) -> list:
    if type(parameters) is not tuple:
        raise argument_error(position, op, "sequence", parameters)
    params = [plain_text(p) for p in parameters]
    if type(template) is str:
        template = (template,)
    parts = _command(template, op, "first" if position == "second" else "second")
    return [java_format(p, params) for p in parts]


def _env(env, op: str) -> list:
    if not isinstance(env, SetBase):
        raise argument_error("first", op, "set", env)
    return enumerate_set(env)


@builtin("IOUtils", "IOExec", context=True)
def io_exec(ctx, command):
    argv = _command(command, "IOExec")
    return _run(ctx, "IOExec", argv, [])


@builtin("IOUtils", "IOEnvExec", context=True)
def io_env_exec(ctx, env, command):
    pairs = _env(env, "IOEnvExec")
    return _run(ctx, "IOEnvExec", _command(command, "IOEnvExec", "second"), pairs)


@builtin("IOUtils", "IOExecTemplate", context=True)
def io_exec_template(ctx, command_template, parameters):
    argv = _template(command_template, parameters, "IOExecTemplate", "second")
    return _run(ctx, "IOExecTemplate", argv, [])


@builtin("IOUtils", "IOEnvExecTemplate", context=True)
def io_env_exec_template(ctx, env, command_template, parameters):
    pairs = _env(env, "IOEnvExecTemplate")
    argv = _template(command_template, parameters, "IOEnvExecTemplate", "third")
    return _run(ctx, "IOEnvExecTemplate", argv, pairs)


@builtin("IOUtils", "IOEnv")
def io_env():
    return make_record(sorted(os.environ.items()))


@builtin("IOUtils", "atoi")
def atoi(s):
    if type(s) is not str:
        raise one_argument_error("atoi", "string", s)
    try:
        return int(s.strip())
    except ValueError:
        raise EvalError(f"atoi: the string {plain_text(s)!r} is not an integer.")


@builtin("IOUtils", "zeroPadN")
def zero_pad_n(n, width):
    if type(n) is not int:
        raise argument_error("first", "zeroPadN", "natural number", n)
    if type(width) is not int:
        raise argument_error("second", "zeroPadN", "natural number", width)
    return str(n).rjust(width, "0")
