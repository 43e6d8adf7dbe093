"""Putting a translation into its module, checksums, the .cfg file, translation status.

Takes the text of a .tla module; gives the rewritten text (the translation between the
``\\* BEGIN TRANSLATION`` and ``\\* END TRANSLATION`` lines, everything else byte for byte)
and the status of an existing translation. As ``pcal.trans`` does:

* the BEGIN line records ``(chksum(pcal) = "..." /\\ chksum(tla) = "...")``, TLC's
  values: the tla checksum is the CRC-32 (lower-case hex, no leading zeros) of the
  translation's lines concatenated without line ends, so a hand-edited translation is
  detected; the pcal checksum is the CRC-32 of the algorithm's AST text
  (:mod:`tla.pcal.astdump`), or of the word ``fair`` for a ``--fair algorithm``. When the
  translation is unchanged the recorded BEGIN line is kept as it is (a module translated
  by an older TLC, whose AST text may differ, stays byte for byte identical);
* when the BEGIN/END lines are missing they are inserted after the line that closes the
  comment holding the algorithm; a BEGIN line without checksums gets them appended;
* ``PlusCal options (...)`` in the module adds options;
* the ``.cfg`` next to the module is (re)written as ``pcal.trans`` does (see
  :func:`cfg_text`), unless ``-nocfg``.
"""
from __future__ import annotations

import os
import re
import zlib
from dataclasses import dataclass, field, replace

from tla.errors import ParseError, Span
from tla.pcal.translate import (TranslateOptions, Translation, expand_tabs, find_algorithm,
                                translate_lines)

_BEGIN = re.compile(r"\\\*+\s*BEGIN\s+TRANSLATION")
_END = re.compile(r"\\\*+\s*END\s+TRANSLATION")
_CHECKSUMS = re.compile(
    r'\(\s*chksum\(pcal\)\s*=\s*"(?P<pcal>[0-9A-Fa-f]*)"\s*/\\\s*'
    r'chksum\(tla\)\s*=\s*"(?P<tla>[0-9A-Fa-f]*)"\s*\)')
_OPTIONS = re.compile(r"PlusCal\s+options\s*\(([^)]*)\)")
CFG_MARKER = "\\* Add statements after this line."


def checksum(text: str) -> str:
    """TLC's checksum: CRC-32 in lower-case hex without leading zeros."""
    return format(zlib.crc32(text.encode("utf-8")), "x")


def tla_checksum(lines: list[str]) -> str:
    return checksum("".join(lines))


def split_lines(text: str) -> tuple[list[str], str]:
    """The lines of ``text`` (without line ends) and the line end it uses."""
    nl = "\r\n" if "\r\n" in text else "\n"
    return text.split(nl), nl


def find_translation(lines: list[str], start: int = 0) -> tuple[int, int] | None:
    """(BEGIN line, END line) indices after ``start``, or None."""
    b = next((i for i in range(start, len(lines)) if _BEGIN.search(lines[i])), None)
    if b is None:
        return None
    e = next((i for i in range(b + 1, len(lines)) if _END.search(lines[i])), None)
    return None if e is None else (b, e)


def options_in_module(lines: list[str]) -> list[str]:
    for ln in lines:
        m = _OPTIONS.search(ln)
        if m:
            return m.group(1).replace(",", " ").split()
    return []


def _module_options(lines: list[str], opts: TranslateOptions | None, file: str,
                    module: str) -> TranslateOptions | None:
    """``opts`` plus the flags of a ``PlusCal options (...)`` line of the module."""
    extra = options_in_module(lines)
    if not extra:
        return opts
    from tla.pcal.cli import UsageError, apply_options
    try:
        return apply_options(extra, replace(opts or TranslateOptions()))
    except UsageError as e:
        n = next(i for i, ln in enumerate(lines) if _OPTIONS.search(ln)) + 1
        raise ParseError(f"PlusCal options: {e}", Span(file, n, 1, n, 1, module)) from None


def begin_line(pcal: str, tla: str) -> str:
    return f'\\* BEGIN TRANSLATION (chksum(pcal) = "{pcal}" /\\ chksum(tla) = "{tla}")'


@dataclass
class Rewritten:
    text: str
    translation: Translation
    inserted: bool                 # BEGIN/END lines were missing and have been added
    options: TranslateOptions      # the options used, with those of the module


def rewrite(text: str, opts: TranslateOptions | None = None, file: str = "<string>",
            module: str = "") -> Rewritten:
    """The module text with a fresh translation of its algorithm."""
    lines, nl = split_lines(text)
    opts = _module_options(lines, opts, file, module)
    tr = translate_lines(lines, opts, file, module)
    pcal = tr.pcal_checksum
    tla = tla_checksum(tr.lines)
    found = find_translation(lines)
    if found is not None:
        b, e = found
        head = _begin_with_checksums(lines[b], lines[b + 1:e] == tr.lines, pcal, tla)
        new = lines[:b] + [head] + tr.lines + lines[e:]
        inserted = False
    else:
        close = _comment_end(expand_tabs(lines), tr.alg_line, file, module)
        new = (lines[:close + 1] + [begin_line(pcal, tla)] + tr.lines
               + ["\\* END TRANSLATION "] + lines[close + 1:])
        inserted = True
    return Rewritten(nl.join(new), tr, inserted, opts or TranslateOptions())


def _begin_with_checksums(line: str, unchanged: bool, pcal: str, tla: str) -> str:
    """The BEGIN TRANSLATION line with new checksums: the values are replaced where the
    line records some, otherwise the checksums are appended (as TLC does)."""
    m = _CHECKSUMS.search(line)
    if m is None:
        return line + " " + begin_line(pcal, tla)[len("\\* BEGIN TRANSLATION "):]
    if unchanged and m.group("tla") == tla:
        # Unchanged translation: keep the recorded values; the pcal one may come from
        # TLC's translator, whose value pytlc cannot compute.
        return line
    return (line[:m.start("pcal")] + pcal + line[m.end("pcal"):m.start("tla")] + tla
            + line[m.end("tla"):])


def _comment_end(lines: list[str], alg_line: int, file: str, module: str) -> int:
    """Index of the line holding the ``*)`` that closes the comment containing the
    algorithm; nothing but a ``\\*`` comment may follow it on that line."""
    found = find_algorithm(lines)
    line, col = (found[0], found[1]) if found else (alg_line, 0)
    depth = 1
    while line < len(lines):
        text = lines[line]
        while col < len(text) - 1:
            two = text[col:col + 2]
            if two == "(*":
                depth += 1
                col += 2
            elif two == "*)":
                depth -= 1
                col += 2
                if depth == 0:
                    rest = text[col:].strip()
                    if rest and not rest.startswith("\\*"):
                        raise ParseError("Text on same line following `*)' that ends the "
                                         "comment containing the algorithm.",
                                         Span(file, line + 1, col + 1, line + 1, col + 1,
                                              module))
                    return line
            else:
                col += 1
        line += 1
        col = 0
    raise ParseError("Algorithm not in properly terminated comment",
                     Span(file, alg_line + 1, 1, alg_line + 1, 1, module))


def cfg_text(existing: str | None, termination: bool, default_init: bool) -> str:
    """The .cfg file the translator writes (``pcal.trans``): what follows the line
    ``\\* Add statements after this line.`` in an existing file is kept (all of an
    existing file without that line), preceded by ``SPECIFICATION Spec`` (unless the kept
    part has a SPECIFICATION statement), ``PROPERTY Termination`` with ``-termination``
    and ``CONSTANT defaultInitValue = defaultInitValue`` when the algorithm uses it."""
    cfg = existing.split("\n") if existing else [CFG_MARKER]
    if cfg and cfg[-1] == "" and existing:
        cfg.pop()
    k = next((i for i, ln in enumerate(cfg) if CFG_MARKER in ln), None)
    if k is None:
        cfg.insert(0, CFG_MARKER)
    else:
        del cfg[:k]
    if default_init:
        cfg.insert(0, "CONSTANT defaultInitValue = defaultInitValue")
    if termination:
        cfg.insert(0, "PROPERTY Termination")
    has_spec = any("SPECIFICATION" in ln and ("\\*" not in ln
                                              or ln.index("\\*") > ln.index("SPECIFICATION"))
                   for ln in cfg)
    if not has_spec:
        cfg.insert(0, "SPECIFICATION Spec")
    return "\n".join(cfg) + "\n"


# ---------------------------------------------------------------------- status
NO_ALGORITHM = "no-algorithm"
MISSING = "missing"
UP_TO_DATE = "up-to-date"
OUT_OF_DATE = "out-of-date"
EDITED = "edited"
ERROR = "error"


@dataclass
class TranslationStatus:
    """What :func:`translation_status` found.

    ``state`` is one of:

    * ``"no-algorithm"``: the module has no ``--algorithm`` / ``--fair algorithm``;
    * ``"missing"``: there is an algorithm but no BEGIN/END TRANSLATION block;
    * ``"up-to-date"``: re-translating gives the recorded translation (up to whitespace);
    * ``"out-of-date"``: the algorithm changed since it was translated (the recorded
      translation still matches its own tla checksum, or has none);
    * ``"edited"``: the recorded translation no longer matches its tla checksum, i.e.
      it was edited by hand (and differs from a fresh translation);
    * ``"error"``: the algorithm does not translate; ``error`` holds the ParseError.

    ``line`` is the 1-based line of the BEGIN TRANSLATION marker (or of the algorithm for
    ``missing`` / ``error``), for the linter to point at.
    """

    state: str
    message: str
    line: int = 0
    error: ParseError | None = None
    details: list[str] = field(default_factory=list)


def _squash(lines: list[str]) -> str:
    """The text with all whitespace runs made single blanks, and ``v' = v`` written
    ``UNCHANGED v`` (translators before 2011 wrote the latter for a single variable)."""
    text = " ".join(" ".join(lines).split())
    return _SAME_VALUE.sub(r"UNCHANGED \1", text)


_SAME_VALUE = re.compile(r"\b(\w+)' = \1(?= |$)")


def status_of_text(text: str, opts: TranslateOptions | None = None, file: str = "<string>",
                   module: str = "") -> TranslationStatus:
    lines, _ = split_lines(text)
    found_alg = find_algorithm(expand_tabs(lines))
    if found_alg is None:
        return TranslationStatus(NO_ALGORITHM, "The module has no PlusCal algorithm.")
    alg_line = found_alg[0] + 1
    try:
        opts = _module_options(lines, opts, file, module)
    except ParseError as err:
        return TranslationStatus(ERROR, err.message, err.span.line, err)
    found = find_translation(lines, found_alg[0])
    if found is None:
        return TranslationStatus(MISSING, "The PlusCal algorithm has no translation "
                                 "(no \\* BEGIN TRANSLATION / \\* END TRANSLATION lines).",
                                 alg_line)
    b, e = found
    recorded = lines[b + 1:e]
    m = _CHECKSUMS.search(lines[b])
    tla_ok = m is None or m.group("tla") == tla_checksum(recorded)
    try:
        fresh = translate_lines(lines, opts, file, module).lines
    except ParseError as err:
        return TranslationStatus(ERROR, f"The PlusCal algorithm does not translate: "
                                 f"{err.message}", alg_line, err)
    if _squash(fresh) != _squash(recorded) and "pc" in fresh[0]:
        # Translators before 1.8 declared pc after the global variables.
        legacy = translate_lines(lines, _with_pc_last(opts), file, module).lines
        if _squash(legacy) == _squash(recorded):
            fresh = legacy
    if _squash(fresh) == _squash(recorded):
        if not tla_ok:
            return TranslationStatus(UP_TO_DATE, "The translation is up to date (its "
                                     "recorded tla checksum is stale).", b + 1)
        return TranslationStatus(UP_TO_DATE, "The translation is up to date.", b + 1)
    if not tla_ok:
        return TranslationStatus(EDITED, "The translation was edited by hand: it does not "
                                 "match its recorded checksum.", b + 1)
    return TranslationStatus(OUT_OF_DATE, "The translation is out of date with the PlusCal "
                             "algorithm.", b + 1)


def _with_pc_last(opts: TranslateOptions | None) -> TranslateOptions:
    return replace(opts or TranslateOptions(), pc_first=False)


def translation_status(path: str, opts: TranslateOptions | None = None) -> TranslationStatus:
    """Whether the translation in the module at ``path`` is missing, up to date, out of
    date with the algorithm, or edited by hand. Never raises for bad PlusCal: that is
    the ``"error"`` state. See :class:`TranslationStatus`."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    module = os.path.splitext(os.path.basename(path))[0]
    return status_of_text(text, opts, path, module)
