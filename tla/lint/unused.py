"""Lint rule: constants, variables and definitions of the root module that nothing uses.

Takes: the root module's :class:`~tla.parser.semantic.Analysis` and the names the model's
cfg mentions (empty when the spec has no cfg).
Gives: one warning per unused symbol, at its declaration.

A symbol counts as used when any expression, ASSUME, THEOREM or proof of the module (or a
nested module) refers to it, or the cfg names it. Top-level definitions are only reported
when the spec has a cfg: without one, the module is a library whose definitions are meant
for its users. LOCAL and LET definitions are always reported, since nothing outside can use
them. Symbols of other modules (standard modules included) are never reported.
"""
from __future__ import annotations

from tla.parser import semantic as S

from .findings import WARNING, Finding, at

_WHAT = {S.CONSTANT: "Constant", S.VARIABLE: "Variable", S.DEF: "Definition",
         S.FUNDEF: "Function", S.INSTANCE: "Instance"}


def check_unused(analysis: S.Analysis, cfg_names: set[str], has_cfg: bool,
                 file: str) -> list[Finding]:
    info = analysis.modules.get(analysis.root)
    if info is None:
        return []
    findings = []
    seen = set()
    for sym in info.own:
        if sym.kind not in _WHAT or id(sym) in seen:
            continue
        seen.add(id(sym))
        if sym in analysis.used or sym.name in cfg_names:
            continue
        local = sym.name in info.local
        if sym.kind in (S.DEF, S.FUNDEF, S.INSTANCE) and not has_cfg and not local:
            continue
        what = f"LOCAL {_WHAT[sym.kind].lower()}" if local else _WHAT[sym.kind]
        findings.append(at(sym.span, file, WARNING, f"{what} '{sym.name}' is never used",
                           "unused"))
    for sym in info.let_defs:
        if sym not in analysis.used:
            findings.append(at(sym.span, file, WARNING,
                               f"LET definition '{sym.name}' is never used", "unused"))
    return findings
