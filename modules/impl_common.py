"""TLC's error messages for module operators, and argument checks the implementations share.

Takes values (``tla.evaluator.values``); gives :class:`tla.errors.EvalError` objects worded
exactly as TLC's ``tlc2/output/MP.java`` templates for the ``TLC_MODULE_*`` codes, and small
converters that either return a Python view of an argument or raise TLC's error for it.
Registers no operator itself (the registry imports it like the other ``impl_*`` modules).
"""
from __future__ import annotations

from tla.errors import EvalError
from tla.evaluator.values import (
    Fcn, FSet, LazyFcn, OpValue, SetBase, enumerate_set, is_set, pretty, to_fcn_map,
)

# TLC's EC codes (tlc2/output/EC.java) of the messages below.
TLCGET_UNDEFINED = 2145
COMPARE_VALUE = 2155
CHECK_MEMBER_OF = 2158
ARGUMENT_ERROR = 2169
APPLYING_TO_WRONG_VALUE = 2176
OVERFLOW = 2178
DIVISION_BY_ZERO = 2179
NULL_POWER_NULL = 2180
COMPUTING_CARDINALITY = 2181
EVALUATING = 2182
ARGUMENT_NOT_IN_DOMAIN = 2183
APPLY_EMPTY_SEQ = 2184
ARGUMENT_ERROR_AN = 2266
ONE_ARGUMENT_ERROR = 2283
GENERAL = 1000

#: the text of TLC's error for a CHOOSE that finds no element (Tool.java)
NO_CHOICE = ("Attempted to compute the value of an expression of form\n"
             "CHOOSE x \\in S: P, but no element of S satisfied P.")


def pp(v) -> str:
    """TLC's ``Values.ppr(v.toString())``."""
    return pretty(v)


def argument_error(position: str, op: str, expected: str, value) -> EvalError:
    """``The <first> argument of <op> should be a(n) <expected>, but instead it is:\\n<v>``
    (TLC_MODULE_ARGUMENT_ERROR, or _AN when ``expected`` starts with a vowel)."""
    article, code = ("an", ARGUMENT_ERROR_AN) if expected[0] in "aeiou" else ("a", ARGUMENT_ERROR)
    return EvalError(f"The {position} argument of {op} should be {article} {expected}, "
                     f"but instead it is:\n{pp(value)}", tlc_code=code)


def one_argument_error(op: str, expected: str, value) -> EvalError:
    """``The argument of <op> should be a(n) <expected>, but instead it is:\\n<v>``."""
    article = "an" if expected[0] in "aeiou" else "a"
    return EvalError(f"The argument of {op} should be {article} {expected}, but instead it "
                     f"is:\n{pp(value)}", tlc_code=ONE_ARGUMENT_ERROR)


def evaluating_error(form: str, expected: str, value) -> EvalError:
    """``Evaluating an expression of the form <form> when s is not a <expected>:\\n<v>``."""
    return EvalError(f"Evaluating an expression of the form {form} when s is not a "
                     f"{expected}:\n{pp(value)}", tlc_code=EVALUATING)


def not_in_domain(position: str, op: str, of: str, seq, value) -> EvalError:
    """TLC_MODULE_ARGUMENT_NOT_IN_DOMAIN (SubSeq's index errors)."""
    return EvalError(f"The {position} argument of {op} must be in the domain of its {of} "
                     f"argument:\n{pp(seq)}\n, but instead it is\n{pp(value)}",
                     tlc_code=ARGUMENT_NOT_IN_DOMAIN)


def empty_seq(op: str) -> EvalError:
    return EvalError(f"Attempted to apply {op} to the empty sequence.", tlc_code=APPLY_EMPTY_SEQ)


def overflow(what: str) -> EvalError:
    return EvalError(f"Overflow when computing {what}", tlc_code=OVERFLOW)


def cardinality_error(value) -> EvalError:
    # "Attemtped" is TLC's spelling.
    return EvalError(f"Attemtped to compute cardinality of the value\n{pp(value)}",
                     tlc_code=COMPUTING_CARDINALITY)


def applying_error(op: str, expected: str, value) -> EvalError:
    """``Applying <op> to the following value,\\nwhich is not <expected>:\\n<v>``."""
    return EvalError(f"Applying {op} to the following value,\nwhich is not {expected}:\n"
                     f"{pp(value)}", tlc_code=APPLYING_TO_WRONG_VALUE)


def java_override_error(method: str, message: str) -> EvalError:
    """TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE: how TLC reports a failure inside (or a wrong
    argument type for) an operator it implements in Java."""
    return EvalError("Attempted to apply the operator overridden by the Java method\n"
                     f"{method},\nbut it produced the following error:\n{message}",
                     tlc_code=2154)


# --------------------------------------------------------------------------------------
# Argument views
# --------------------------------------------------------------------------------------

def is_int(v) -> bool:
    return type(v) is int


def as_seq(v):
    """A tuple for a sequence value (any function with domain 1..n), else None; strings are
    not sequences here (callers that accept them test for ``str`` first)."""
    t = type(v)
    if t is tuple:
        return v
    if t is LazyFcn:
        v = v.materialize()
        return v if type(v) is tuple else None
    return None


def as_fcn_map(v):
    """The dict of a function value, or None if ``v`` is no function."""
    t = type(v)
    if t is tuple or t is Fcn or t is LazyFcn:
        return to_fcn_map(v)
    return None


def set_elements(v) -> list | None:
    """The elements of an enumerable set in TLC's order, or None for a non-set or a set
    that TLC cannot enumerate."""
    if type(v) is FSet:
        return v.sorted()
    if isinstance(v, SetBase):
        if not v.is_enumerable():
            return None
        return enumerate_set(v)
    return None


def call_op(op, *args):
    """Apply an operator argument (an :class:`OpValue` or any Python callable)."""
    return op(*args)


def truth(v, op: str, position: str, what: str = "boolean-valued operator"):
    """``v`` as a Python bool, or TLC's argument error naming the operator argument."""
    if type(v) is bool:
        return v
    raise argument_error(position, op, what, v)


def is_operator(v) -> bool:
    return isinstance(v, OpValue) or (callable(v) and not is_set(v) and type(v) not in
                                      (tuple, Fcn, LazyFcn))


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------

def resolve_path(ctx, path: str, *, for_write: bool = False) -> str:
    """The file a spec means by ``path``. Absolute paths stay as they are. A relative path
    that is read is looked up in the spec's directory (``ctx.spec_dir``) first and then in
    the working directory; a relative path that is written is relative to the working
    directory, as for TLC (a Java program writing ``new File(path)``), so that a run never
    writes into the directory of the specification unless asked to."""
    import os
    if os.path.isabs(path):
        return path
    if for_write:
        return os.path.abspath(path)
    base = getattr(ctx, "spec_dir", None) or os.getcwd()
    candidate = os.path.join(base, path)
    if os.path.exists(candidate) or not os.path.exists(path):
        return candidate
    return os.path.abspath(path)


def io_error(op: str, path: str, err: OSError) -> EvalError:
    """How an operator that reads or writes files reports an I/O failure."""
    reason = err.strerror or str(err)
    return EvalError(f"{op} could not access the file {path}: {reason}")


def plain_text(v) -> str:
    """A value as TLC's Java overrides turn it into text: a string without its quotes,
    anything else as TLC prints it."""
    from tla.evaluator.values import format_value
    return v if type(v) is str else format_value(v)


def java_format(template: str, args: list) -> str:
    """Java's ``String.format`` for the directives specs use: ``%s``/``%d`` (next argument),
    ``%1$s`` (argument by position), ``%n`` (newline) and ``%%``."""
    import re
    out = []
    pos = 0
    nxt = 0
    for m in re.finditer(r"%(?:(\d+)\$)?([sSdn%])", template):
        out.append(template[pos:m.start()])
        pos = m.end()
        kind = m.group(2)
        if kind == "%":
            out.append("%")
        elif kind == "n":
            out.append("\n")
        else:
            if m.group(1):
                i = int(m.group(1)) - 1
            else:
                i = nxt
                nxt += 1
            if not 0 <= i < len(args):
                raise EvalError(f"Format specifier '{m.group(0)}' has no argument in the "
                                f"template \"{template}\"")
            text = args[i]
            out.append(text.upper() if kind == "S" else text)
    out.append(template[pos:])
    return "".join(out)
