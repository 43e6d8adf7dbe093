"""Lint one spec: load it with the modules it uses, run SANY's checks, then the lint rules.

Takes: the path of a ``.tla`` file (modules are looked up next to it, then on TLA_PATH, then
in pytlc's own ``modules/`` folder, as :func:`tla.parser.loader.load_tree` does).
Gives: the :class:`~tla.lint.findings.Finding` list for it. Every failure becomes a finding
(unreadable or non-UTF-8 file, lexical and syntax errors, missing modules, a malformed cfg,
even a bug in pytlc), never an exception.
"""
from __future__ import annotations

import os
import re
import sys

from tla.errors import ConfigError, SemanticError, TLAError
from tla.parser.semantic import Analysis, analyze_tree

from .cfgcheck import cfg_names, check_cfg
from .pluscal import check_translation
from .findings import ERROR, WARNING, Finding, from_error
from .nextstate import check_next_state
from .unused import check_unused

_RULE_OF = {"LexError": "syntax", "ParseError": "syntax", "SemanticError": "semantic"}


def _io_error(path: str, message: str) -> Finding:
    return Finding(path, 0, 0, ERROR, message, "io")


def _check_readable(path: str) -> Finding | None:
    """A finding when ``path`` cannot be read as UTF-8 text, else None."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return _io_error(path, "file not found")
    except IsADirectoryError:
        return _io_error(path, "is a directory, not a .tla file")
    except OSError as exc:
        return _io_error(path, f"cannot read file: {exc.strerror or exc}")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return Finding(path, line, col, ERROR,
                       f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})", "io")
    return None


def _load(path: str):
    from tla.parser.loader import load_tree
    return load_tree(path)


def _read_cfg(path: str):
    from tla.tlc_compat.cfg import read_cfg
    return read_cfg(path)


def lint_file(path: str) -> list[Finding]:
    """Every finding for the spec at ``path`` (errors and warnings, unsorted)."""
    problem = _check_readable(path)
    if problem is not None:
        return [problem]
    try:
        tree = _load(path)
    except TLAError as err:
        return [from_error(err, path, _RULE_OF.get(type(err).__name__, "semantic"))]
    except RecursionError:
        return [_io_error(path, "expression nested too deeply to parse")]
    except UnicodeDecodeError as exc:
        return [_io_error(path, f"a module it uses is not valid UTF-8: {exc}")]
    except OSError as exc:
        return [_io_error(getattr(exc, "filename", None) or path,
                          f"cannot read file: {exc.strerror or exc}")]
    except Exception as exc:  # a bug in pytlc must still end as a finding
        return [_io_error(path, f"internal error in pytlc while parsing: "
                                f"{type(exc).__name__}: {exc}")]
    try:
        analysis = analyze_tree(tree)
    except RecursionError:
        return [_io_error(path, "expression nested too deeply to analyse")]
    except Exception as exc:  # a bug in pytlc must still end as a finding
        return [_io_error(path, f"internal error in pytlc during semantic analysis: "
                                f"{type(exc).__name__}: {exc}")]
    findings = [from_error(err, path) for err in analysis.errors]
    findings.extend(from_error(w, path, severity=WARNING) for w in analysis.warnings)
    stem = os.path.splitext(os.path.basename(path))[0]
    if tree.root.name != stem:
        findings.append(from_error(SemanticError(
            f"File name '{stem}' does not match the name '{tree.root.name}' of the top level "
            f"module it contains.", tree.root.span), path))
    try:
        findings.extend(_lint_rules(path, analysis))
        findings.extend(check_translation(path))
    except Exception as exc:  # a bug in pytlc must still end as a finding
        findings.append(_io_error(path, f"internal error in pytlc's lint rules: "
                                        f"{type(exc).__name__}: {exc}"))
    return findings


def _cfg_unreadable(cfg_path: str, err: Exception) -> Finding:
    """A warning for a cfg TLC cannot read (another tool's cfg, or a typo): the spec itself
    may still be fine, so this is not an error of the spec."""
    message = " ".join(str(getattr(err, "message", None) or err).split())
    found = re.search(r"at line (\d+)", message)
    line = int(found.group(1)) if found else 0
    return Finding(cfg_path, line, 1 if line else 0, WARNING,
                   f"TLC cannot read this model configuration: {message}", "cfg")


def _lint_rules(path: str, analysis: Analysis) -> list[Finding]:
    findings: list[Finding] = []
    cfg_path = os.path.splitext(path)[0] + ".cfg"
    cfg = None
    if os.path.isfile(cfg_path):
        try:
            cfg = _read_cfg(cfg_path)
        except (ConfigError, OSError, UnicodeDecodeError) as err:
            findings.append(_cfg_unreadable(cfg_path, err))
    names = cfg_names(cfg) if cfg is not None else set()
    findings.extend(check_unused(analysis, names, cfg is not None, path))
    if cfg is not None:
        findings.extend(check_cfg(analysis, cfg, cfg_path, path))
    findings.extend(check_next_state(analysis, cfg, path))
    return findings


def ensure_recursion_limit() -> None:
    """Deeply nested specs need more than Python's default recursion limit."""
    if sys.getrecursionlimit() < 10000:
        sys.setrecursionlimit(10000)
