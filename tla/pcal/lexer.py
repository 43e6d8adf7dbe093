"""Tokens of a PlusCal algorithm, with their file positions.

Takes the lines of a module and the position just after ``--algorithm`` / ``--fair``;
gives a list of :class:`AlgTok` (text, kind, 0-based line and column) covering the
algorithm. Comments inside the algorithm (``\\*`` to end of line and nested
``(* ... *)``) are skipped, as the translator's ``uncomment`` pass does; scanning stops at
the ``*)`` that closes the comment holding the algorithm. Tabs must already be expanded.

The same scanner splits single lines of generated TLA+ (:func:`tokenize_line`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from tla.pcal.exprs import BUILTIN, IDENT, NUMBER, STRING, Tok

# Longest symbols first: the scanner takes the first alternative that matches.
_SYMBOLS = [
    "<=>", "|->", "-+->", "::=", "...", "=>", "==", "=<", ">=", "<=", "/=", "->", "<-",
    "<<", ">>", "<>", "[]", "\\/", "/\\", "..", ":=", "||", "::", ":>", "@@", "~>", "|-",
    "|=", "-|", "=|", "++", "--", "**", "//", "^^", "%%", "&&", "$$", "??", "!!", "(+)",
    "(-)", "(.)", "(/)", "(\\X)",
]
_TOKEN_RE = re.compile(
    r"(?P<word>[A-Za-z0-9_]+)"
    r"|(?P<bs>\\[A-Za-z]+)"
    r"|(?P<sym>" + "|".join(re.escape(s) for s in _SYMBOLS) + r")"
    r"|(?P<one>\S)")


@dataclass
class AlgTok:
    """A token of the algorithm text. ``string`` is the text (without quotes for a
    string); ``line`` and ``col`` are 0-based positions in the module file."""

    string: str
    kind: str
    line: int
    col: int

    @property
    def width(self) -> int:
        return len(self.string) + 2 if self.kind == STRING else len(self.string)


def _word_kind(word: str) -> str:
    return IDENT if any(c.isalpha() for c in word) else NUMBER


def _scan_string(text: str, i: int) -> int:
    """Index just past the string literal starting at ``text[i] == '"'``."""
    j = i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == '"':
            return j + 1
        j += 1
    return len(text)


def scan_line(text: str, start: int = 0):
    """Yield ``(string, kind, col)`` for the tokens of one comment-free line."""
    i = start
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\f":
            i += 1
            continue
        if c == '"':
            j = _scan_string(text, i)
            yield text[i + 1:j - 1] if j - 1 > i else "", STRING, i
            i = j
            continue
        m = _TOKEN_RE.match(text, i)
        if m.group("word") is not None:
            yield m.group(0), _word_kind(m.group(0)), i
        else:
            yield m.group(0), BUILTIN, i
        i = m.end()


def tokenize_line(text: str) -> list[Tok]:
    """Tokens of one line of TLA+ text, with their columns."""
    return [Tok(s, c, k) for s, k, c in scan_line(text)]


def blank_comments(lines: list[str], line: int, col: int) -> tuple[list[str], int]:
    """Copy of ``lines`` with comments after (line, col) replaced by blanks; also the
    index of the line holding the ``*)`` that closes the algorithm's comment (or the
    last line)."""
    out = list(lines)
    depth = 0
    ln, i = line, col
    while ln < len(out):
        text = out[ln]
        chars = list(text)
        while i < len(chars):
            two = text[i:i + 2]
            if depth == 0 and two == "\\*":
                for k in range(i, len(chars)):
                    chars[k] = " "
                break
            if two == "(*":
                depth += 1
                chars[i] = chars[i + 1] = " "
                i += 2
                continue
            if two == "*)":
                if depth == 0:
                    out[ln] = "".join(chars)
                    return out, ln
                depth -= 1
                chars[i] = chars[i + 1] = " "
                i += 2
                continue
            if depth > 0:
                chars[i] = " "
                i += 1
                continue
            if text[i] == '"':
                i = _scan_string(text, i)
                continue
            i += 1
        out[ln] = "".join(chars)
        ln += 1
        i = 0
    return out, len(out) - 1


def tokenize_algorithm(lines: list[str], line: int, col: int) -> list[AlgTok]:
    """The tokens of the algorithm starting at (line, col) of the module lines."""
    clean, last = blank_comments(lines, line, col)
    toks: list[AlgTok] = []
    for ln in range(line, last + 1):
        text = clean[ln]
        start = col if ln == line else 0
        for s, k, c in scan_line(text, start):
            toks.append(AlgTok(s, k, ln, c))
    return toks
