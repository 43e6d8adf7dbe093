"""Lint rule: a model cfg that does not fit its spec.

Takes: the root module's :class:`~tla.parser.semantic.Analysis` and the cfg
(:class:`~tla.tlc_compat.cfg.ModelConfig`) found next to the spec (``Spec.cfg`` for
``Spec.tla``).
Gives: warnings for names the cfg uses that the spec does not define (INIT, NEXT,
SPECIFICATION, INVARIANT, PROPERTY, CONSTRAINT, ACTION_CONSTRAINT, SYMMETRY, VIEW, ALIAS,
POSTCONDITION, and both sides of ``<-``), and for declared constants the cfg leaves
without a value (TLC stops on each of these before it checks anything). A value assigned
to a name the spec does not declare is not reported: TLC ignores it, and models use it to
name model values (``r1 = r1``). Also :func:`cfg_names`, every name the cfg mentions.
"""
from __future__ import annotations

from tla.parser import semantic as S

from .findings import WARNING, Finding, at

_SINGLE = (("init", "INIT"), ("next", "NEXT"), ("specification", "SPECIFICATION"),
           ("symmetry", "SYMMETRY"), ("view", "VIEW"), ("alias", "ALIAS"))
_LISTS = (("invariants", "INVARIANT"), ("properties", "PROPERTY"),
          ("constraints", "CONSTRAINT"), ("action_constraints", "ACTION_CONSTRAINT"),
          ("postconditions", "POSTCONDITION"))


def _named_entries(cfg):
    for attr, keyword in _SINGLE:
        entry = getattr(cfg, attr, None)
        if entry is not None:
            yield keyword, entry
    for attr, keyword in _LISTS:
        for entry in getattr(cfg, attr, None) or ():
            yield keyword, entry


def cfg_names(cfg) -> set[str]:
    """Every operator or constant name the cfg mentions."""
    names = {entry.name for _kw, entry in _named_entries(cfg)}
    for c in cfg.constants:
        names.add(c.name.split("!")[0])
    for s in cfg.substitutions:
        names.add(s.name.split("!")[0])
        names.add(s.target)
    return names


def _line(cfg_file: str, line: int, message: str) -> Finding:
    return Finding(cfg_file, line, 1, WARNING, message, "cfg")


def check_cfg(analysis: S.Analysis, cfg, cfg_file: str, spec_file: str) -> list[Finding]:
    info = analysis.modules.get(analysis.root)
    if info is None:
        return []
    symbols = info.symbols
    findings = []
    for keyword, entry in _named_entries(cfg):
        if entry.name not in symbols:
            findings.append(_line(cfg_file, entry.line,
                                  f"{keyword} names '{entry.name}', which the spec does not "
                                  f"define"))
    assigned = set()
    for c in cfg.constants:
        if c.module is not None or "!" in c.name:
            continue
        assigned.add(c.name)
    for s in cfg.substitutions:
        if s.module is not None or "!" in s.name:
            continue
        assigned.add(s.name)
        if s.name not in symbols:
            findings.append(_line(cfg_file, s.line,
                                  f"'{s.name} <- {s.target}' replaces '{s.name}', which the "
                                  f"spec does not declare"))
        if s.target not in symbols:
            findings.append(_line(cfg_file, s.line,
                                  f"'{s.name} <- {s.target}' names '{s.target}', which the "
                                  f"spec does not define"))
    for sym in symbols.values():
        if sym.kind == S.CONSTANT and sym.name not in assigned:
            findings.append(at(sym.span, spec_file, WARNING,
                               f"The constant parameter {sym.name} is not assigned a value by "
                               f"the configuration file", "cfg"))
    return findings
