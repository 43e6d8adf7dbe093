"""Mutations of TLA+ (and cfg) text for fuzzing, and the check every fuzzed call must pass.

Takes: a seed text and a ``random.Random``. Gives: a mutated text, made by a few of these
steps: delete, duplicate or swap tokens, insert a TLA+ token, truncate, insert random
characters or raw bytes (decoded as Latin-1 so that any byte value can appear), and repeat a
bracket many times. Tokens are found with a rough regular expression: mutations only need to
look like the edits people (and broken tools) make, not to respect the grammar.

:func:`outcome` runs one call under a time limit and classifies the result: a value, a
``TLAError`` with a location, or a failure (any other exception, a ``TLAError`` without a
location, or a hang) described with the innermost pytlc frame, for the report.

Used by ``tests/robustness`` (short, seeded runs in CI) and ``scripts/fuzz.py`` (long runs).
"""
from __future__ import annotations

import random
import re
import signal
import traceback
from typing import Any, Callable, Optional

from tla.errors import TLAError

TOKEN = re.compile(r"\\[A-Za-z]+|[A-Za-z_][A-Za-z0-9_]*|\d+|\"(?:[^\"\\\n]|\\.)*\"|"
                   r"\(\*|\*\)|\\\*|<<|>>|\|->|->|<-|==|/\\|\\/|=>|<=>|\[\]|<>|'|\S|\s+")

#: tokens worth inserting: keywords, brackets, operators, comment and string starts
VOCABULARY = [
    "MODULE", "EXTENDS", "VARIABLE", "VARIABLES", "CONSTANT", "CONSTANTS", "ASSUME",
    "THEOREM", "LOCAL", "INSTANCE", "WITH", "LET", "IN", "IF", "THEN", "ELSE", "CASE", "OTHER",
    "CHOOSE", "SUBSET", "UNION", "DOMAIN", "EXCEPT", "ENABLED", "UNCHANGED", "LAMBDA",
    "RECURSIVE", "TRUE", "FALSE", "BOOLEAN", "STRING", "Nat", "Int", "@",
    "(", ")", "[", "]", "{", "}", "<<", ">>", ",", ":", "::", "|->", "->", "<-", "==", "=",
    "#", "/=", "/\\", "\\/", "~", "=>", "<=>", "\\A", "\\E", "\\in", "\\notin", "\\cup",
    "\\cap", "\\X", "\\o", "\\div", "%", "+", "-", "*", "^", "..", ".", "'", "!", "[]", "<>",
    "~>", "-+->", "_", "(*", "*)", "\\*", '"', "----", "====", "---- MODULE X ----",
    "0", "1", "2", "-1", "2147483647", "99999999999999999999", "x", "y", "f", "S",
    "\n", "\t", "  ", "\r\n",
    # cfg keywords
    "INIT", "NEXT", "SPECIFICATION", "INVARIANT", "INVARIANTS", "PROPERTY", "PROPERTIES",
    "CONSTRAINT", "ACTION_CONSTRAINT", "SYMMETRY", "VIEW", "CHECK_DEADLOCK", "ALIAS",
    "POSTCONDITION",
]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def mutate(text: str, rng: random.Random, steps: int = 3) -> str:
    """``text`` after ``steps`` random edits."""
    toks = tokens(text) or [""]
    for _ in range(steps):
        op = rng.randrange(9)
        i = rng.randrange(len(toks)) if toks else 0
        if op == 0 and len(toks) > 1:                       # delete
            del toks[i]
        elif op == 1:                                       # duplicate
            toks.insert(i, toks[i] if toks else "")
        elif op == 2 and len(toks) > 1:                     # swap
            j = rng.randrange(len(toks))
            toks[i], toks[j] = toks[j], toks[i]
        elif op == 3:                                       # insert a TLA+ token
            toks.insert(i, rng.choice(VOCABULARY))
        elif op == 4:                                       # truncate
            cut = rng.randrange(len("".join(toks)) + 1)
            toks = [ "".join(toks)[:cut] ] or [""]
        elif op == 5:                                       # random characters
            toks.insert(i, "".join(chr(rng.choice([rng.randrange(32, 127),
                                                   rng.randrange(0, 0x3000)]))
                                   for _ in range(rng.randrange(1, 6))))
        elif op == 6:                                       # raw bytes, seen as Latin-1
            toks.insert(i, bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
                        .decode("latin-1"))
        elif op == 7:                                       # a bracket many times
            opener = rng.choice(["(", "{", "[", "<<", "(*", '"', "\\/ ", "/\\ ", "~", "-"])
            toks.insert(i, opener * rng.randrange(50, 400))
        else:                                               # replace a token
            toks[i] = rng.choice(VOCABULARY)
    return "".join(toks)


class Hang(BaseException):
    """Raised by the timer when a fuzzed call runs too long (not an Exception, so that no
    ``except Exception`` in the code under test swallows it)."""


def outcome(call: Callable[[], Any], seconds: float = 5.0,
            located: tuple[type, ...] = (TLAError,)) -> tuple[str, Optional[str]]:
    """Run ``call``; returns ``("value", None)``, ``("error", None)`` for a ``TLAError``
    (which must have a location when it is one of ``located``), or
    ``("failure", description)``."""
    def on_alarm(signum, frame):
        raise Hang()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            call()
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return "value", None
    except TLAError as exc:
        if exc.span is None and isinstance(exc, located):
            return "failure", f"{type(exc).__name__} without a location: {exc.message[:120]}"
        return "error", None
    except Hang:
        return "failure", f"no result within {seconds:g} s (hang)"
    except BaseException as exc:          # noqa: BLE001 - every other exception is the finding
        return "failure", f"{type(exc).__name__}: {str(exc)[:120]}{_where(exc)}"
    finally:
        signal.signal(signal.SIGALRM, previous)


def _where(exc: BaseException) -> str:
    """`` at file:line`` of the innermost frame in pytlc's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if "/site-packages/" not in f.filename and "/robustness/" not in f.filename]
    if not frames:
        return ""
    f = frames[-1]
    return f" at {f.filename}:{f.lineno} ({f.name})"
