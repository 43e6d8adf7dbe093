"""Repeated function applications and field reads of generated code computed once.

Takes the source of one generated unit; gives the same source where a function application
(``f[x]``) or record field read (``r.name``) that an earlier statement already computed from
the same names is replaced by that statement's result. A definition's body expanded at each
use reads the same values again and again: ``pc[i]`` five times in each iteration of
Bakery's ``\\A i \\in Procs : ...``, ``network[q][p]`` and ``Head(network[q][p]).clock``
in every branch of LamportMutex's ``ReceiveRequest``.

A statement ``name = expression`` followed by its ``if name is NOTIN: name = ap(...)`` (or
``fld(...)``) line, the inline fast path and the evaluator's fallback, becomes
``name = earlier`` when all of this holds, so that the value cannot differ:

- the earlier statement has the same text (the same expression of the same names) and
  dominates this one: it is at this statement's indentation or less, in a block this one
  is inside (a block is left when the indentation drops below it), and no ``def`` starts
  between them (a nested function binds its own names);
- every name the expression reads is bound once in the whole unit (a ``for`` target, the
  unpacked state, a parameter; a temporary counts once with its ``NOTIN`` line), or is a
  compiled constant: between the two statements, nothing rebinds what they read (a name
  bound in a loop body is a new binding in each iteration, but the earlier statement is
  then in that body too, and runs again first);
- the expression calls only ``type``, ``len``, a dict's ``.map.get`` (or a LazyFcn
  memo's ``.memo.get``: a value once remembered stays), a compiled
  constant's thunk and ``f.first_key_is_int()`` after reading ``f._ik`` (its answer, kept
  on f: no other effect; the ``NOTIN`` line calls ``ap`` or ``fld``), and reads values,
  which are never mutated.

Both statements would compute the same value or raise the same error, and the earlier
one has run without raising.
"""
from __future__ import annotations

import re

from tla.evaluator.codegen.hoist import (_ALLOWED, _ASSIGN, _CONSTANT, _KEYWORDS, _NAME,
                                         _STRING, FIRST_KEY_TEST, _assigned_names)

_FALLBACKS = ("ap(", "fld(")
#: the calls a reused expression may make
_CALLS = frozenset({"type", "len"})
#: whether a function's first key is an int (``f[1]`` may then be looked up in its dict:
#: Python's TRUE is key 1; ``exprs._not_boolean_key``): the answer, remembered on the
#: function, depends on its dict only
_HEAD, *_REST = FIRST_KEY_TEST.split("{f}")
_FIRST_KEY = re.compile(re.escape(_HEAD) + r"([a-z]+\d+)" + r"\1".join(map(re.escape, _REST)))
#: a string literal (left as it is) or a word (a name to resolve)
_STRING_OR_WORD = re.compile(_STRING.pattern + r"|(?<![\w.])[A-Za-z_]\w*")


def reuse_common_reads(source: str) -> str:
    """``source`` with repeated applications and field reads replaced (module docstring)."""
    if source.count(" is NOTIN: ") < 2:
        return source
    lines = source.split("\n")
    counts = _assigned_names(lines)
    pairs = _pair_names(lines)
    out: list[str] = []
    #: the statements that dominate the current line: (indentation, text, name)
    known: list[tuple[int, str, str]] = []
    #: temporaries replaced by an earlier one (bound once: the same value wherever read)
    alias: dict[str, str] = {}
    changed = False
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if not stripped:
            out.append(line)
            i += 1
            continue
        indent = len(line) - len(stripped)
        while known and known[-1][0] > indent:
            known.pop()
        if stripped.startswith(("def ", "class ")):
            known.clear()
        m = _ASSIGN.match(stripped)
        if m is not None and i + 1 < len(lines):
            name, expr = m.groups()
            fix = line[:indent] + f"if {name} is NOTIN: {name} = "
            nxt = lines[i + 1]
            if nxt.startswith(fix) and nxt[len(fix):].startswith(_FALLBACKS) and \
                    counts.get(name) == 2 and _stable(expr, counts, pairs):
                text = expr + "\n" + nxt[len(fix):]
                if alias:
                    # a temporary made equal to an earlier one reads as that one, so that
                    # ``network[q][p]`` is found once ``network[q]`` was
                    text = _STRING_OR_WORD.sub(
                        lambda w: alias.get(w.group(), w.group()), text)
                earlier = next((n for _, t, n in known if t == text), None)
                if earlier is not None:
                    out.append(f"{line[:indent]}{name} = {earlier}")
                    alias[name] = earlier
                    changed = True
                else:
                    out.append(line)
                    out.append(nxt)
                    known.append((indent, text, name))
                i += 2
                continue
        out.append(line)
        i += 1
    return "\n".join(out) if changed else source


def _pair_names(lines: list[str]) -> set[str]:
    """Temporaries bound by a statement and its ``NOTIN`` line (two bindings, one value)."""
    names = set()
    for line, nxt in zip(lines, lines[1:]):
        stripped = line.lstrip()
        m = _ASSIGN.match(stripped)
        if m is not None:
            name = m.group(1)
            if nxt.strip().startswith(f"if {name} is NOTIN: {name} = "):
                names.add(name)
    return names


def _stable(expr: str, counts: dict, pairs: set) -> bool:
    """Whether ``expr`` calls nothing but ``type``, ``len``, ``.map.get``, ``.memo.get``,
    constants' thunks and ``f.first_key_is_int()``, and every name it reads keeps one value
    once bound (see the module docstring)."""
    text = _FIRST_KEY.sub(r"\1", _STRING.sub("''", expr)).replace(".map.get(", "[") \
        .replace(".memo.get(", "[")
    if "." in text:
        return False                    # another attribute or method
    for name, call in _NAME.findall(text):
        if name in _KEYWORDS:
            continue                    # ``and (...)`` is no call
        if call:
            # a compiled constant's thunk computes it once, without effects
            if name not in _CALLS and not _CONSTANT.match(name):
                return False
            continue
        if name in _ALLOWED or _CONSTANT.match(name):
            continue
        bound = counts.get(name)
        if bound != 1 and not (bound == 2 and name in pairs):
            return False
    return True
